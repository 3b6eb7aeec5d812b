package dev.kerasj.layers;

import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ReLU against Keras's piecewise definition: max_value for x ≥ max_value, x for threshold ≤ x < max_value,
 * negative_slope·(x − threshold) below.
 */
class ReLUTest {
    private static final float[] X = {-3f, -1f, -0.25f, 0f, 0.25f, 0.5f, 1f, 5.5f, 6f, 7f};

    private static float[] keras(Double max, double slope, double threshold) {
        float[] y = new float[X.length];
        for (int i = 0; i < X.length; i++) {
            double x = X[i];
            double v = max != null && x >= max ? max : x >= threshold ? x : slope * (x - threshold);
            y[i] = (float) v;
        }
        return y;
    }

    private static float[] run(ReLU layer) {
        Sequential m = new Sequential(new Input(X.length), layer);
        INDArray y = m.predict(Nd4j.createFromArray(X).reshape(1, X.length));
        return y.toFloatVector();
    }

    @Test
    void defaultsShapesAndRoundTrip() {
        ReLU r = new ReLU();
        assertNull(r.maxValue());
        assertEquals(0.0, r.negativeSlope());
        assertEquals(0.0, r.threshold());
        LayerTestSupport.check(new ReLU(6.0), s(4, 3), LayerTestSupport.Expect.of(s(4, 3), 0));
        LayerTestSupport.check(new ReLU(null, 0.1, 0.5), s(5), LayerTestSupport.Expect.of(s(5), 0));
        Map<String, Object> c = new ReLU(6.0).getConfig();
        assertEquals(6.0, c.get("max_value"));
        assertTrue(c.containsKey("negative_slope") && c.containsKey("threshold"));
    }

    @Test
    void computesKerasFormulaForEveryCombination() {
        assertArrayEquals(keras(null, 0, 0), run(new ReLU()), 1e-6f);
        assertArrayEquals(keras(6.0, 0, 0), run(new ReLU(6.0)), 1e-6f);
        assertArrayEquals(keras(1.0, 0, 0), run(new ReLU(1.0)), 1e-6f);
        assertArrayEquals(keras(null, 0.1, 0), run(new ReLU(null, 0.1, 0)), 1e-6f);
        assertArrayEquals(keras(6.0, 0.2, 0.5), run(new ReLU(6.0, 0.2, 0.5)), 1e-6f);
        assertArrayEquals(keras(null, 0, 0.5), run(new ReLU(null, 0, 0.5)), 1e-6f);
    }

    @Test
    void argumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReLU(-1.0));
        assertTrue(e.getMessage().contains("max_value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReLU(null, -0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReLU(null, 0, -1));
    }
}
