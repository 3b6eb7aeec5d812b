package dev.kerasj.datasets;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalersTest {
    private static final double EPS = 1e-5;
    private static final INDArray TRAIN = Nd4j.createFromArray(new double[][] {{1, 10, 5}, {2, 20, 5}, {3, 30, 5}, {6, 60, 5}});

    @Test
    void standardScalerUsesPopulationStdAndFitsOnTrainingOnly() {
        StandardScaler s = new StandardScaler().fit(TRAIN);
        assertArrayEquals(new double[] {3, 30, 5}, s.mean(), EPS);
        // population std of [1,2,3,6] = sqrt(((4+1+0+9)/4)) = sqrt(3.5); constant feature -> 1
        assertArrayEquals(new double[] {Math.sqrt(3.5), 10 * Math.sqrt(3.5), 1}, s.scale(), EPS);
        INDArray z = s.transform(TRAIN);
        assertEquals(DataType.DOUBLE, z.dataType());
        assertArrayEquals(new double[] {0, 0, 0}, z.mean(0).toDoubleVector(), EPS);
        assertEquals(-2 / Math.sqrt(3.5), z.getDouble(0, 0), EPS);
        INDArray other = Nd4j.createFromArray(new double[][] {{9, 90, 7}});
        assertArrayEquals(new double[] {6 / Math.sqrt(3.5), 6 / Math.sqrt(3.5), 2}, s.transform(other).getRow(0).toDoubleVector(), EPS);
        assertEquals(3.0, TRAIN.getDouble(2, 0), "input untouched");
    }

    @Test
    void scalersRoundTripFloatAnd3dInput() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5, 3).mul(50).sub(10);   // features along the last axis
        StandardScaler s = new StandardScaler().fit(x);
        MinMaxScaler m = new MinMaxScaler(-1, 1).fit(x);
        INDArray zs = s.transform(x);
        INDArray zm = m.transform(x);
        assertEquals(DataType.FLOAT, zs.dataType());
        assertArrayEquals(x.shape(), zs.shape());
        assertEquals(-1.0, zm.minNumber().doubleValue(), 1e-5);
        assertEquals(1.0, zm.maxNumber().doubleValue(), 1e-5);
        assertTrue(x.equalsWithEps(s.inverseTransform(zs), 1e-4));
        assertTrue(x.equalsWithEps(m.inverseTransform(zm), 1e-4));
    }

    @Test
    void configRoundTripGivesTheSameTransform() {
        StandardScaler s = new StandardScaler().fit(TRAIN);
        Map<String, Object> config = s.getConfig();
        assertEquals(List.of("mean", "scale"), List.copyOf(config.keySet()));
        assertTrue(TRAIN.equalsWithEps(StandardScaler.fromConfig(config).inverseTransform(s.transform(TRAIN)), 1e-9));
        MinMaxScaler m = new MinMaxScaler().fit(TRAIN);
        Map<String, Object> mc = m.getConfig();
        assertEquals(List.of(0.0, 1.0), mc.get("feature_range"));
        assertEquals(List.of(1.0, 10.0, 5.0), mc.get("data_min"));
        assertTrue(m.transform(TRAIN).equalsWithEps(MinMaxScaler.fromConfig(mc).transform(TRAIN), 1e-12));
        assertEquals(0.0, m.transform(TRAIN).getDouble(0, 2), "constant feature maps to min");
        assertEquals(0.4, m.transform(TRAIN).getDouble(2, 0), 1e-12);
    }

    @Test
    void errorsNameTheProblem() {
        assertTrue(assertThrows(IllegalStateException.class, () -> new StandardScaler().transform(TRAIN)).getMessage()
                .contains("not fitted yet"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler().fit(TRAIN).transform(Nd4j.zeros(2, 4))).getMessage()
                .contains("Invalid `x`: expected an array whose last axis has 3 features"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 0)).getMessage()
                .contains("Invalid `feature_range`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandardScaler.fromConfig(Map.of("mean", "x")))
                .getMessage().contains("Invalid `config`"));
    }
}
