package dev.kerasj.layers;

import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ELU, ThresholdedReLU and the Softmax layer against their definitions (Keras's docstrings): ELU
 * {@code x > 0 ? x : alpha·(eˣ − 1)}, alpha 1.0; ThresholdedReLU {@code x > theta ? x : 0}, theta 1.0;
 * Softmax over the last axis. Shape kept, no weights, config round trip (LayerTestSupport).
 */
class ElementwiseActivationLayersTest {
    private static final float[] X = {-2f, -0.5f, 0f, 0.5f, 1f, 3f};

    @Test
    void eluDefaultsAndValues() {
        ELU l = new ELU();
        assertEquals(1.0, l.alpha());
        LayerTestSupport.check(l, s(6), LayerTestSupport.Expect.of(s(6), 0));
        float[] want = new float[X.length];
        for (int i = 0; i < X.length; i++) {
            want[i] = X[i] > 0 ? X[i] : (float) (0.5 * (Math.exp(X[i]) - 1));
        }
        assertArrayEquals(want, apply(new ELU(0.5)), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new ELU(Double.NaN));
    }

    @Test
    void thresholdedReluDefaultsAndValues() {
        ThresholdedReLU l = new ThresholdedReLU();
        assertEquals(1.0, l.theta());
        LayerTestSupport.check(l, s(6), LayerTestSupport.Expect.of(s(6), 0));
        // x > theta keeps x; x == theta is 0 (strict, as Keras: x * (x > theta))
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 0f, 3f}, apply(new ThresholdedReLU()), 0f);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0.5f, 1f, 3f}, apply(new ThresholdedReLU(0.25)), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ThresholdedReLU(-1));
        assertTrue(e.getMessage().contains("theta"), e.getMessage());
    }

    @Test
    void softmaxLayerNormalisesTheLastAxis() {
        LayerTestSupport.check(new Softmax(), s(6), LayerTestSupport.Expect.of(s(6), 0));
        float[] y = apply(new Softmax());
        double sum = 0;
        for (float v : X) {
            sum += Math.exp(v);
        }
        for (int i = 0; i < X.length; i++) {
            assertEquals(Math.exp(X[i]) / sum, y[i], 1e-6);
        }
    }

    private static float[] apply(Layer layer) {
        Sequential m = new Sequential(new Input(X.length), layer);
        INDArray x = Nd4j.createFromArray(X).reshape(1, X.length);
        return m.predict(x).toFloatVector();
    }
}
