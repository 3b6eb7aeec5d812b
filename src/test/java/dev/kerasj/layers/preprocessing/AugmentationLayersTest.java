package dev.kerasj.layers.preprocessing;

import dev.kerasj.Sequential;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.LayerTestSupport;
import dev.kerasj.layers.Layers;
import dev.kerasj.layers.PreprocessingLayer;
import dev.kerasj.layers.RandomBrightness;
import dev.kerasj.layers.RandomContrast;
import dev.kerasj.layers.RandomRotation;
import dev.kerasj.layers.RandomTranslation;
import dev.kerasj.layers.RandomZoom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static dev.kerasj.layers.LayerTestSupport.ramp;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.*;

/**
 * RandomRotation, RandomZoom, RandomTranslation, RandomContrast and RandomBrightness: Keras's transforms
 * (affine_transform's output→input mapping, its fill modes), checked on 3×3 images with degenerate ranges
 * (one possible draw) by hand; the identity at inference.
 */
class AugmentationLayersTest {
    private static float[] flat(INDArray a) {
        return a.reshape(a.length()).toFloatVector();
    }

    private static final INDArray IMAGE = ramp(1, 1, 3, 3, 1); // [[0 1 2] [3 4 5] [6 7 8]]

    @Test
    void shapesConfigsAndInferenceIdentity() {
        List<PreprocessingLayer<?>> layers = List.of(new RandomRotation(0.2), new RandomZoom(0.1, 0.2),
                new RandomTranslation(0.1, 0.2), new RandomContrast(0.3), new RandomBrightness(0.2));
        for (PreprocessingLayer<?> l : layers) {
            Sequential m = LayerTestSupport.check(l, s(3, 3, 1), LayerTestSupport.Expect.of(s(3, 3, 1), 0), IMAGE);
            assertArrayEquals(flat(IMAGE), flat(m.predict(IMAGE)), 0f, l.className() + " in predict");
            assertArrayEquals(flat(IMAGE), flat(l.call(IMAGE)), 0f, l.className() + " at inference");
        }
        RandomRotation r = new RandomRotation(0.2);
        assertEquals("reflect", r.getConfig().get("fill_mode"));
        assertEquals("bilinear", r.getConfig().get("interpolation"));
        assertEquals(0.0, r.getConfig().get("fill_value"));
        assertEquals(List.of(0.0, 255.0), new RandomBrightness(0.1).getConfig().get("value_range"));
        RandomZoom z = (RandomZoom) Layers.deserialize(new RandomZoom(new double[] {-0.2, 0.3}, null, 4L)
                .fillMode("constant").serialize());
        assertEquals("constant", z.fillMode());
        assertEquals(4L, z.seed());
        assertEquals(List.of(-0.2, 0.3), z.getConfig().get("height_factor"));
    }

    @Test
    void rotationByAQuarterTurnIsCounterClockwise() {
        INDArray y = new RandomRotation(0.25, 0.25).call(IMAGE, true);
        assertArrayEquals(new float[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, flat(y), 1e-5f);
    }

    @Test
    void translationWithEachFillMode() {
        // dy = 1/3 · 3 = 1 row down: output row y samples input row y − 1
        double[] third = {1.0 / 3, 1.0 / 3};
        double[] none = {0, 0};
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5},
                flat(new RandomTranslation(third, none, null).call(IMAGE, true)), 1e-5f);
        assertArrayEquals(new float[] {-1, -1, -1, 0, 1, 2, 3, 4, 5}, flat(new RandomTranslation(third, none, null)
                .fillMode("constant").fillValue(-1).call(IMAGE, true)), 1e-5f);
        assertArrayEquals(new float[] {6, 7, 8, 0, 1, 2, 3, 4, 5}, flat(new RandomTranslation(third, none, null)
                .fillMode("wrap").call(IMAGE, true)), 1e-5f);
        // two rows: reflect (d c b a | a b c d) gives rows 1, 0; nearest repeats row 0
        double[] twoThirds = {2.0 / 3, 2.0 / 3};
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2, 0, 1, 2},
                flat(new RandomTranslation(twoThirds, none, null).call(IMAGE, true)), 1e-5f);
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, flat(new RandomTranslation(twoThirds, none, null)
                .fillMode("nearest").call(IMAGE, true)), 1e-5f);
        // one column right, nearest interpolation
        assertArrayEquals(new float[] {0, 0, 1, 3, 3, 4, 6, 6, 7}, flat(new RandomTranslation(none, third, null)
                .interpolation("nearest").call(IMAGE, true)), 1e-5f);
    }

    @Test
    void zoomInSamplesTheCentreBilinearly() {
        // z = 0.5: output (x, y) samples (0.5x + 0.5, 0.5y + 0.5)
        INDArray y = new RandomZoom(new double[] {-0.5, -0.5}, null, null).call(IMAGE, true);
        assertArrayEquals(new float[] {2, 2.5f, 3, 3.5f, 4, 4.5f, 5, 5.5f, 6}, flat(y), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> new RandomZoom(-1.0));
    }

    @Test
    void contrastScalesEachImageAboutItsChannelMean() {
        INDArray x = Nd4j.createFromArray(new float[] {100, 110, 120, 130, 140, 150, 160, 170, 180}).reshape(1, 3, 3, 1);
        RandomContrast c = new RandomContrast(new double[] {0.2}, new double[] {0, 255}, 9L);
        for (int t = 0; t < 10; t++) {
            float[] y = flat(c.call(x, true));
            double k = (y[0] - 140) / (100 - 140.0);
            assertTrue(k >= 0.8 - 1e-6 && k <= 1.2 + 1e-6, "contrast factor in [1 − 0.2, 1 + 0.2]: " + k);
            for (int i = 0; i < 9; i++) {
                assertEquals(140 + (100 + 10 * i - 140) * k, y[i], 1e-3);
            }
        }
    }

    @Test
    void brightnessAddsOneDeltaPerImageAndClips() {
        INDArray x = Nd4j.createFromArray(new float[] {100, 110, 120, 130, 140, 150, 160, 170, 180}).reshape(1, 3, 3, 1);
        RandomBrightness b = new RandomBrightness(new double[] {0.1}, new double[] {0, 255}, 3L);
        for (int t = 0; t < 10; t++) {
            float[] y = flat(b.call(x, true));
            double delta = y[0] - 100;
            assertTrue(Math.abs(delta) <= 25.5 + 1e-4, "delta within ±0.1·255: " + delta);
            for (int i = 0; i < 9; i++) {
                assertEquals(100 + 10 * i + delta, y[i], 1e-3);
            }
        }
        float[] white = flat(new RandomBrightness(new double[] {1, 1}, new double[] {0, 255}, null).call(x, true));
        for (float v : white) {
            assertEquals(255f, v);
        }
        assertThrows(IllegalArgumentException.class, () -> new RandomBrightness(1.5));
    }
}
