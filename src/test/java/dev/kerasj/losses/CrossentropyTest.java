package dev.kerasj.losses;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** The fused cross-entropy loops against hand-computed Keras values and finite differences. */
class CrossentropyTest {
    private static final INDArray P = Nd4j.createFromArray(new float[][] {{0.1f, 0.6f, 0.3f}, {0.2f, 0.2f, 0.6f}});

    @Test
    void valuesAreKerasFormula() {
        // -log(p_label / Σp); Σp = 1 here: -log 0.6 and -log 0.2
        INDArray sparse = new SparseCategoricalCrossentropy().call(Nd4j.createFromArray(1f, 1f), P);
        assertArrayEquals(new long[] {2}, sparse.shape());
        assertEquals(-Math.log(0.6), sparse.getDouble(0), 1e-6);
        assertEquals(-Math.log(0.2), sparse.getDouble(1), 1e-6);
        INDArray oneHot = Nd4j.createFromArray(new float[][] {{0, 1, 0}, {0, 1, 0}});
        assertEquals(sparse, new CategoricalCrossentropy().call(oneHot, P));
        // unnormalised predictions are divided by their sum; clipping at 1e-7 keeps log finite
        INDArray q = Nd4j.createFromArray(new float[][] {{2f, 2f, 0f}});
        assertEquals(-Math.log(0.5), new CategoricalCrossentropy().call(Nd4j.createFromArray(new float[][] {{1, 0, 0}}), q)
                .getDouble(0), 1e-6);
        assertEquals(-Math.log(1e-7), new SparseCategoricalCrossentropy().call(Nd4j.createFromArray(2f), q).getDouble(0), 1e-3);
        assertEquals((Math.log(0.6) + Math.log(0.2)) / -2, new SparseCategoricalCrossentropy().compute(
                Nd4j.createFromArray(1, 1).reshape(2, 1), P), 1e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray y = Nd4j.createFromArray(new float[][] {{0.2f, 0.5f, 0.3f}, {0, 0, 1}});
        CategoricalCrossentropy loss = new CategoricalCrossentropy();
        INDArray p = P.castTo(DataType.DOUBLE);
        INDArray g = loss.gradient(y, p);
        assertEquals(DataType.DOUBLE, g.dataType());
        double h = 1e-3;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                INDArray up = p.dup();
                up.putScalar(i, j, p.getDouble(i, j) + h);
                INDArray down = p.dup();
                down.putScalar(i, j, p.getDouble(i, j) - h);
                double numeric = (loss.call(y, up).getDouble(i) - loss.call(y, down).getDouble(i)) / (2 * h);
                assertEquals(numeric, g.getDouble(i, j), 2e-3, "d loss / d p[" + i + "," + j + "]");
            }
        }
        // sparse labels give the one-hot gradient
        assertEquals(loss.gradient(Nd4j.createFromArray(new float[][] {{0, 1, 0}, {0, 0, 1}}), P),
                new SparseCategoricalCrossentropy().gradient(Nd4j.createFromArray(1f, 2f), P));
    }

    @Test
    void invalidSparseLabelIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().call(Nd4j.createFromArray(1f, 3f), P));
        assertTrue(e.getMessage().contains("integers in [0, 3). Received: label 3.0 at index 1"), e.getMessage());
    }
}
