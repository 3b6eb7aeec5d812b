package dev.kerasj.layers.preprocessing;

import dev.kerasj.Sequential;
import dev.kerasj.layers.CenterCrop;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.LayerTestSupport;
import dev.kerasj.layers.RandomCrop;
import dev.kerasj.layers.RandomFlip;
import dev.kerasj.layers.Resizing;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.kerasj.layers.LayerTestSupport.ramp;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Resizing, CenterCrop, RandomCrop and RandomFlip against hand-computed values: TensorFlow's resize with
 * half-pixel centres (source coordinate (d + 0.5)·in/out − 0.5), Keras's crop windows, flips only in training.
 */
class ImageLayersTest {
    private static float[] flat(INDArray a) {
        return a.reshape(a.length()).toFloatVector();
    }

    @Test
    void shapesParamsAndRoundTrips() {
        LayerTestSupport.check(new Resizing(3, 5), s(4, 4, 2), LayerTestSupport.Expect.of(s(3, 5, 2), 0));
        LayerTestSupport.check(new Resizing(2, 2).interpolation("nearest").cropToAspectRatio(true), s(4, 6, 1),
                LayerTestSupport.Expect.of(s(2, 2, 1), 0));
        LayerTestSupport.check(new CenterCrop(2, 3), s(4, 4, 3), LayerTestSupport.Expect.of(s(2, 3, 3), 0));
        LayerTestSupport.check(new RandomCrop(2, 2, 3L), s(4, 4, 1), LayerTestSupport.Expect.of(s(2, 2, 1), 0));
        LayerTestSupport.check(new RandomFlip("horizontal", 1L), s(3, 3, 1), LayerTestSupport.Expect.of(s(3, 3, 1), 0));
        RandomFlip f = new RandomFlip();
        assertEquals("horizontal_and_vertical", f.getConfig().get("mode"));
        Resizing r = new Resizing(2, 2);
        assertEquals("bilinear", r.getConfig().get("interpolation"));
        assertEquals(false, r.getConfig().get("crop_to_aspect_ratio"));
    }

    @Test
    void bilinearUpsamplingWithHalfPixelCentres() {
        // 2 → 4: source rows/cols −0.25, 0.25, 0.75, 1.25 → weights a, a+¼(b−a), a+¾(b−a), b
        INDArray x = Nd4j.createFromArray(new float[] {0, 1, 2, 3}).reshape(1, 2, 2, 1);
        INDArray y = new Resizing(4, 4).call(x);
        assertArrayEquals(new long[] {1, 4, 4, 1}, y.shape());
        assertArrayEquals(new float[] {
                0f, .25f, .75f, 1f,
                .5f, .75f, 1.25f, 1.5f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2f, 2.25f, 2.75f, 3f}, flat(y), 1e-6f);
    }

    @Test
    void bilinearDownsamplingAveragesTheMiddle() {
        // 4 → 2: source coordinate 0.5 and 2.5, halfway between two pixels in each direction
        INDArray y = new Resizing(2, 2).call(ramp(1, 1, 4, 4, 1));
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, flat(y), 1e-6f);
    }

    @Test
    void nearestAndCropToAspectRatio() {
        INDArray x = Nd4j.createFromArray(new float[] {0, 1, 2, 3}).reshape(1, 2, 2, 1);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3},
                flat(new Resizing(4, 4).interpolation("nearest").call(x)), 0f);
        // 4×6 → 2×2 keeping the aspect ratio: the centred 4×4 window (columns 1..4), averaged in 2×2 blocks
        INDArray wide = ramp(1, 1, 4, 6, 1);
        float a = (1 + 2 + 7 + 8) / 4f;
        float b = (3 + 4 + 9 + 10) / 4f;
        assertArrayEquals(new float[] {a, b, a + 12, b + 12}, flat(new Resizing(2, 2).cropToAspectRatio(true).call(wide)), 1e-6f);
    }

    @Test
    void centerCropTakesTheMiddleOrResizesASmallImage() {
        assertArrayEquals(new float[] {5, 6, 9, 10}, flat(new CenterCrop(2, 2).call(ramp(1, 1, 4, 4, 1))), 0f);
        // 5×5 → 2×2 starts at (5 − 2) // 2 = 1
        assertArrayEquals(new float[] {6, 7, 11, 12}, flat(new CenterCrop(2, 2).call(ramp(1, 1, 5, 5, 1))), 0f);
        // smaller than the target: the image resized (bilinear), as Keras's smart_resize
        INDArray small = Nd4j.createFromArray(new float[] {0, 1, 2, 3}).reshape(1, 2, 2, 1);
        assertArrayEquals(flat(new Resizing(4, 4).call(small)), flat(new CenterCrop(4, 4).call(small)), 0f);
    }

    @Test
    void randomCropIsAWindowInTrainingAndTheResizedCentreAtInference() {
        INDArray x = ramp(1, 1, 4, 4, 1);
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, flat(new RandomCrop(2, 2).call(x)), 1e-6f);
        Set<Float> corners = new HashSet<>();
        RandomCrop crop = new RandomCrop(2, 2, 5L);
        for (int t = 0; t < 40; t++) {
            float[] y = flat(crop.call(x, true));
            float c = y[0];
            int r = (int) c / 4;
            int col = (int) c % 4;
            assertTrue(r <= 2 && col <= 2, "corner inside the 3×3 possible starts");
            assertArrayEquals(new float[] {c, c + 1, c + 4, c + 5}, y, 0f);
            corners.add(c);
        }
        assertTrue(corners.size() > 3, "several windows drawn: " + corners);
    }

    @Test
    void randomFlipModes() {
        INDArray x = ramp(1, 1, 2, 3, 1); // [[0 1 2] [3 4 5]]
        Set<List<Float>> seen = new HashSet<>();
        RandomFlip both = new RandomFlip("horizontal_and_vertical", 11L);
        for (int t = 0; t < 30; t++) {
            float[] y = flat(both.call(x, true));
            seen.add(List.of(y[0], y[1], y[2], y[3], y[4], y[5]));
        }
        // Keras 3: one decision per image for both axes: unchanged or rotated by 180°
        assertEquals(Set.of(List.of(0f, 1f, 2f, 3f, 4f, 5f), List.of(5f, 4f, 3f, 2f, 1f, 0f)), seen);
        seen.clear();
        RandomFlip h = new RandomFlip("horizontal", 11L);
        RandomFlip v = new RandomFlip("vertical", 11L);
        for (int t = 0; t < 30; t++) {
            float[] y = flat(h.call(x, true));
            seen.add(List.of(y[0], y[1], y[2], y[3], y[4], y[5]));
            float[] z = flat(v.call(x, true));
            seen.add(List.of(z[0], z[1], z[2], z[3], z[4], z[5]));
        }
        assertEquals(Set.of(List.of(0f, 1f, 2f, 3f, 4f, 5f), List.of(2f, 1f, 0f, 5f, 4f, 3f),
                List.of(3f, 4f, 5f, 0f, 1f, 2f)), seen);
        assertArrayEquals(flat(x), flat(both.call(x)), 0f);
        assertThrows(IllegalArgumentException.class, () -> new RandomFlip("diagonal"));
    }

    @Test
    void randomFlipActsInFitOnlyAndIsTheIdentityInPredictAndEvaluate() {
        // Dense(1, no bias) from w = 0 on one 1×2 image [1, 0] with target 1, SGD lr 0.5, MSE: one step sets
        // w = the image the layer passed on, so w tells whether fit saw it flipped
        INDArray x = Nd4j.createFromArray(new float[] {1, 0}).reshape(1, 1, 2, 1);
        INDArray target = Nd4j.createFromArray(new float[][] {{1}});
        Set<List<Float>> learned = new HashSet<>();
        for (long seed = 0; seed < 12; seed++) {
            Sequential m = new Sequential(new Input(1, 2, 1), new RandomFlip("horizontal", seed), new Flatten(),
                    new Dense(1).useBias(false));
            m.compile(new dev.kerasj.optimizers.SGD(0.5), "mse");
            m.layers().get(2).setWeights(Nd4j.zeros(2, 1));
            m.fit(x, target, 1, 1);
            float[] w = flat(m.layers().get(2).getWeights().get(0));
            learned.add(List.of(w[0], w[1]));
            // predict and evaluate see the image as it is: w · [1, 0] = w[0]
            assertEquals(w[0], m.predict(x).getFloat(0), 1e-6f);
            assertEquals(Math.pow(1 - w[0], 2), m.evaluate(x, target).get("loss"), 1e-5);
        }
        assertEquals(Set.of(List.of(1f, 0f), List.of(0f, 1f)), learned);
    }

    @Test
    void nonImagesAndUnknownOptionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Input(4), new Resizing(2, 2)));
        assertTrue(e.getMessage().contains("height, width, channels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Resizing(2, 2).interpolation("bicubic"));
        assertThrows(IllegalArgumentException.class, () -> new CenterCrop(0, 2));
    }
}
