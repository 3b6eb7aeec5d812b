package dev.kerasj.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.losses.MeanSquaredError;
import dev.kerasj.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multiply broadcasts as Keras's merge layers do (EfficientNet's squeeze-and-excitation: a {@code (1, 1, c)} gate
 * times a {@code (h, w, c)} map), forward and backward, checked against hand formulas.
 */
class MultiplyBroadcastTest {
    @Test
    void broadcastShapeAndErrors() {
        Input a = new Input(4, 4, 3);
        Input g = new Input(1, 1, 3);
        assertArrayEquals(new long[] {4, 4, 3}, new Multiply().apply(a, g).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Multiply().apply(new Input(4, 4, 3), new Input(1, 1, 2)));
        assertTrue(e.getMessage().contains("broadcast"), e.getMessage());
    }

    @Test
    void gateScalesEveryPixelAndItsGradientSumsOverThePixels() {
        Kerasj.setRandomSeed(4);
        Input x = new Input(3, 2, 2);
        Dense gateDense = new Dense(2).useBias(false);
        // gate = Dense(GlobalAveragePooling2D(x)) reshaped to (1, 1, 2); y = x * gate
        KerasTensor gate = new Reshape(1, 1, 2).apply(gateDense.apply(new GlobalAveragePooling2D().apply(x)));
        Model model = new Model(x, new Multiply().apply(x, gate));
        INDArray w = Nd4j.createFromArray(new float[][] {{0.5f, -1f}, {2f, 0.25f}});
        gateDense.setWeights(w);
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 3, 2, 2).subi(0.5);
        INDArray pooled = in.mean(1, 2);                            // (2, 2)
        INDArray gv = pooled.mmul(w);                               // (2, 2)
        INDArray expected = in.dup();
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 2; c++) {
                expected.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                        .muli(gv.getDouble(n, c));
            }
        }
        INDArray got = model.predict(in);
        assertTrue(expected.equalsWithEps(got, 1e-5), expected + "\n" + got);

        // One SGD step on MSE with target 0: L = mean(y²); dL/dgate[n, c] = Σ_pixels 2·y·x / N,
        // dL/dW = pooledᵀ · dL/dgate.
        model.compile(new SGD(0.1), new MeanSquaredError());
        INDArray dGate = expected.mul(in).mul(2.0 / expected.length()).sum(1, 2);
        INDArray expectedW = w.sub(pooled.transpose().mmul(dGate).mul(0.1));
        model.fit(in, Nd4j.zeros(DataType.FLOAT, 2, 3, 2, 2), FitOptions.defaults().verbose(0).epochs(1).batchSize(2)
                .shuffle(false));
        List<INDArray> after = gateDense.getWeights();
        assertTrue(expectedW.equalsWithEps(after.get(0), 1e-5), expectedW + "\n" + after.get(0));
    }
}
