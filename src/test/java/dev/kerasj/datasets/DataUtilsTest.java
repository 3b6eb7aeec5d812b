package dev.kerasj.datasets;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataUtilsTest {
    @Test
    void toCategoricalAsKeras() {
        INDArray y = Nd4j.createFromArray(new int[] {0, 1, 2, 3});
        INDArray c = DataUtils.toCategorical(y, 4);
        assertEquals(DataType.FLOAT, c.dataType());
        assertTrue(c.equalsWithEps(Nd4j.eye(4).castTo(DataType.FLOAT), 0));
        INDArray col = Nd4j.createFromArray(new byte[][] {{2}, {0}}).castTo(DataType.UINT8);
        INDArray c2 = DataUtils.toCategorical(col);
        assertArrayEquals(new long[] {2, 3}, c2.shape(), "(n, 1) squeezes to (n, classes)");
        assertArrayEquals(new float[] {0, 0, 1}, c2.getRow(0).toFloatVector());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataUtils.toCategorical(y, 3)).getMessage()
                .contains("Invalid `y`: expected class labels in [0, 3)"));
    }

    @Test
    void normalizeL2AlongLastAxisWithZeroRows() {
        INDArray x = Nd4j.createFromArray(new double[][] {{3, 4}, {0, 0}, {1, 0}});
        INDArray n = DataUtils.normalize(x);
        assertArrayEquals(new double[] {0.6, 0.8}, n.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0}, n.getRow(1).toDoubleVector(), 0);
        INDArray l1 = DataUtils.normalize(x, 0, 1);
        assertArrayEquals(new double[] {0.75, 0, 0.25}, l1.getColumn(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, l1.getColumn(1).toDoubleVector(), 1e-12);
        INDArray ints = DataUtils.normalize(Nd4j.createFromArray(new int[][] {{3, 4}}));
        assertEquals(DataType.FLOAT, ints.dataType());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataUtils.normalize(x, 2, 2)).getMessage()
                .contains("Invalid `axis`"));
    }

    @Test
    void trainTestSplitIsSeededAndKeepsRowsTogether() {
        INDArray x = Nd4j.arange(30).castTo(DataType.DOUBLE).reshape(10, 3);
        INDArray y = Nd4j.arange(10).castTo(DataType.DOUBLE);
        TrainTestData s = DataUtils.trainTestSplit(x, y, 0.25, 7);
        assertArrayEquals(new long[] {7, 3}, s.xTrain().shape());
        assertArrayEquals(new long[] {3}, s.yTest().shape(), "ceil(0.25 * 10) = 3 test rows");
        for (int i = 0; i < 3; i++) {
            assertEquals(s.yTest().getDouble(i) * 3, s.xTest().getDouble(i, 0));
        }
        assertTrue(s.yTest().equalsWithEps(DataUtils.trainTestSplit(x, y, 0.25, 7).yTest(), 0), "same seed, same split");
        double total = s.yTrain().sumNumber().doubleValue() + s.yTest().sumNumber().doubleValue();
        assertEquals(45.0, total, "every row exactly once");
        TrainTestData ordered = DataUtils.trainTestSplit(x, y, 0.2, 0, false);
        assertArrayEquals(new double[] {8, 9}, ordered.yTest().toDoubleVector(), "no shuffle: the last rows");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataUtils.trainTestSplit(x, y, 1.5, 0))
                .getMessage().contains("Invalid `test_size`"));
    }
}
