package dev.kerasj.explain;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.GlobalAveragePooling2D;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.MaxPooling2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integrated gradients, saliency and Grad-CAM against their definitions (issue 18, "Done when"):
 * completeness of integrated gradients and its integration error shrinking with the steps, the closed
 * forms for a linear model, saliency against finite differences, and Grad-CAM on a hand-built conv net
 * whose one filter fires only on a known 3×3 patch.
 */
class GradientExplainersTest {
    private static final double FLOAT_TOL = 1e-5;

    private static double output(Model m, INDArray x, int row, int t) {
        INDArray y = m.predict(x.castTo(DataType.FLOAT));
        return y.reshape(y.size(0), y.length() / y.size(0)).getDouble(row, t);
    }

    /** |Σ attributions(row) − (f_t(x) − f_t(baseline))| for every row: the completeness gap. */
    private static double completenessGap(Model m, INDArray x, INDArray baseline, INDArray attr, int t) {
        double worst = 0;
        long n = x.size(0);
        for (int i = 0; i < n; i++) {
            double sum = attr.get(NDArrayIndex.point(i)).sumNumber().doubleValue();
            double delta = output(m, x, i, t) - output(m, baseline, 0, t);
            worst = Math.max(worst, Math.abs(sum - delta));
        }
        return worst;
    }

    private static void assertCompleteness(Model m, INDArray x, int t) {
        INDArray zero = Nd4j.zeros(DataType.FLOAT, x.shape()).get(NDArrayIndex.interval(0, 1));
        double gap10 = completenessGap(m, x, zero, new IntegratedGradients(m).steps(10).attributions(x, t), t);
        double gap100 = completenessGap(m, x, zero, new IntegratedGradients(m).steps(100).attributions(x, t), t);
        double delta = 0;
        for (int i = 0; i < x.size(0); i++) {
            delta = Math.max(delta, Math.abs(output(m, x, i, t) - output(m, zero, 0, t)));
        }
        String report = "completeness gap with 10 steps " + gap10 + ", with 100 steps " + gap100 + " (|f(x) − f(x')| up to " + delta + ")";
        assertTrue(delta > 0.05, "the test needs outputs that move; " + report);
        assertTrue(gap10 < 0.05 * delta, "Σ attributions ≈ f(x) − f(x') with 10 steps; " + report);
        // the midpoint rule errs by O(1/steps²): ten times the steps cut the gap about a hundredfold
        assertTrue(gap100 < gap10 / 10, "the gap shrinks as steps grow; " + report);
        assertTrue(gap100 < 1e-3 * Math.max(1, delta), "Σ attributions = f(x) − f(x') within the step error at 100 steps; " + report);
    }

    // ------------------------------------------------------------------ integrated gradients

    @Test
    void integratedGradientsCompletenessOnATanhSoftmaxMlp() {
        Nd4j.getRandom().setSeed(3);
        Sequential m = new Sequential(new Input(4), new Dense(8, "tanh"), new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 4).muli(2);
        for (int t = 0; t < 3; t++) {
            assertCompleteness(m, x, t);
        }
    }

    @Test
    void integratedGradientsCompletenessOnASmallCnn() {
        Nd4j.getRandom().setSeed(4);
        Sequential m = new Sequential(new Input(6, 6, 1), new Conv2D(3, 3).activation("tanh"), new Flatten(),
                new Dense(2, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 6, 6, 1).muli(2);
        assertCompleteness(m, x, 1);
    }

    @Test
    void integratedGradientsOfALinearModelAreDeviationTimesWeight() {
        Sequential m = new Sequential(new Input(3), new Dense(2));
        m.compile("sgd", "mse");
        float[][] w = {{0.5f, -2f}, {1.5f, 0.25f}, {-1f, 3f}};
        m.layers().get(0).setWeights(Nd4j.createFromArray(w), Nd4j.createFromArray(new float[] {0.1f, -0.3f}));
        INDArray x = Nd4j.createFromArray(new float[][] {{1f, 2f, -1f}, {-0.5f, 0.75f, 2f}});
        INDArray baseline = Nd4j.createFromArray(new float[] {0.25f, -1f, 0.5f});
        for (int steps : new int[] {1, 7}) {
            for (int t = 0; t < 2; t++) {
                INDArray attr = new IntegratedGradients(m).baseline(baseline).steps(steps).attributions(x, t);
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 3; j++) {
                        double expected = (x.getDouble(i, j) - baseline.getDouble(j)) * w[j][t];
                        assertEquals(expected, attr.getDouble(i, j), FLOAT_TOL, "IG = (x − x')·w, output " + t + " row " + i + " feature " + j);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ saliency

    @Test
    void saliencyOfALinearModelIsTheAbsoluteWeightColumn() {
        Sequential m = new Sequential(new Input(4), new Dense(3));
        m.compile("sgd", "mse");
        float[][] w = {{0.5f, -2f, 1f}, {-1.5f, 0.25f, 0f}, {2f, 3f, -0.75f}, {0f, -1f, 4f}};
        m.layers().get(0).setWeights(Nd4j.createFromArray(w), Nd4j.createFromArray(new float[] {0f, 0.5f, -0.5f}));
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 4);
        for (int t = 0; t < 3; t++) {
            INDArray s = new Saliency(m).explain(x, t);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(Math.abs(w[j][t]), s.getDouble(i, j), FLOAT_TOL, "|∂y_" + t + "/∂x_" + j + "| row " + i);
                }
            }
        }
        // without an output index: each row's predicted (largest) output
        INDArray s = new Saliency(m).explain(x);
        INDArray y = m.predict(x);
        for (int i = 0; i < 3; i++) {
            int t = y.getRow(i).argMax().getInt(0);
            for (int j = 0; j < 4; j++) {
                assertEquals(Math.abs(w[j][t]), s.getDouble(i, j), FLOAT_TOL, "predicted class " + t + " of row " + i);
            }
        }
    }

    @Test
    void saliencyOfANonlinearModelIsTheAbsoluteFiniteDifference() {
        Nd4j.getRandom().setSeed(5);
        Sequential m = new Sequential(new Input(5), new Dense(8, "tanh"), new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        INDArray x = Nd4j.randn(DataType.FLOAT, 1, 5);
        for (int t = 0; t < 3; t++) {
            INDArray fd = org.nd4j.linalg.ops.transforms.Transforms.abs(GradientPassTest.finiteDifference(m, x, t, 1e-2));
            INDArray s = new Saliency(m).explain(x, t);
            double scale = Math.max(1e-3, fd.amaxNumber().doubleValue());
            double err = s.sub(fd).amaxNumber().doubleValue();
            // central differences with h = 1e-2 in float: O(h²) truncation plus ~1e-7/h rounding
            assertTrue(err < 1e-2 * scale, "output " + t + ": max | saliency − |finite difference| | = " + err + " (scale " + scale + ")");
        }
    }

    // ------------------------------------------------------------------ Grad-CAM on a hand-built detector

    /**
     * Conv2D "detector" (3×3, 2 filters, ReLU) on 8×8×1 images. Filter 0: kernel all ones, bias −8 — positive
     * (= 1) only where the 3×3 window is all ones. Filter 1: middle row +1, other rows −1, bias −2 — positive
     * (= 1) only on a horizontal line of three ones with zeros above and below. Any partial overlap stays ≤ 0.
     */
    private static void setDetector(Layer conv) {
        float[] kernel = new float[3 * 3 * 2];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                kernel[(a * 3 + b) * 2] = 1f;
                kernel[(a * 3 + b) * 2 + 1] = a == 1 ? 1f : -1f;
            }
        }
        conv.setWeights(Nd4j.create(kernel, new long[] {3, 3, 1, 2}, 'c'), Nd4j.createFromArray(new float[] {-8f, -2f}));
    }

    /** Dense(2) after the pooling: output 0 = 2·(filter 0), output 1 = filter 1. */
    private static void setHead(Layer dense) {
        dense.setWeights(Nd4j.createFromArray(new float[][] {{2f, 0f}, {0f, 1f}}), Nd4j.createFromArray(new float[] {0f, 0f}));
    }

    private static Sequential detectorNet() {
        Layer conv = new Conv2D(2, 3).activation("relu").name("detector");
        Layer dense = new Dense(2);
        Sequential m = new Sequential(new Input(8, 8, 1), conv, new GlobalAveragePooling2D(), dense);
        m.compile("sgd", "mse");
        setDetector(conv);
        setHead(dense);
        return m;
    }

    /** An 8×8×1 image, zero but for a 3×3 block of ones whose top-left pixel is (r, c). */
    private static INDArray block(int r, int c) {
        INDArray img = Nd4j.zeros(DataType.FLOAT, 1, 8, 8, 1);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                img.putScalar(new long[] {0, r + a, c + b, 0}, 1f);
            }
        }
        return img;
    }

    /** An 8×8×1 image, zero but for a horizontal line of three ones starting at (r, c). */
    private static INDArray line(int r, int c) {
        INDArray img = Nd4j.zeros(DataType.FLOAT, 1, 8, 8, 1);
        for (int b = 0; b < 3; b++) {
            img.putScalar(new long[] {0, r, c + b, 0}, 1f);
        }
        return img;
    }

    /** The heat map {@code (h, w)} of row i is 1 at (r, c) and exactly 0 elsewhere. */
    private static void assertOnlyAt(INDArray maps, int i, int r, int c, String what) {
        INDArray map = maps.get(NDArrayIndex.point(i));
        for (int a = 0; a < map.size(0); a++) {
            for (int b = 0; b < map.size(1); b++) {
                double expected = a == r && b == c ? 1.0 : 0.0;
                assertEquals(expected, map.getDouble(a, b), 1e-6, what + ": heat map at (" + a + ", " + b + ")\n" + map);
            }
        }
    }

    @Test
    void gradCamHighlightsThePatchTheFilterFiresOn() {
        Sequential m = detectorNet();
        GradCam cam = new GradCam(m);
        assertEquals("detector", cam.layerName());
        int[][] places = {{0, 0}, {2, 3}, {5, 5}, {3, 1}, {0, 5}};
        for (int[] p : places) {
            INDArray x = block(p[0], p[1]);
            INDArray maps = cam.heatmap(x, 0);
            assertArrayEquals(new long[] {1, 6, 6}, maps.shape());
            // the conv output cell (r, c) sees the window of pixels (r..r+2, c..c+2): the block
            assertOnlyAt(maps, 0, p[0], p[1], "block at " + p[0] + "," + p[1]);
            assertOnlyAt(cam.heatmap(x), 0, p[0], p[1], "block at " + p[0] + "," + p[1] + ", predicted class");
            // nothing in the image supports output 1 (the line filter is silent): an all-zero map
            assertEquals(0.0, cam.heatmap(x, 1).amaxNumber().doubleValue(), 0.0, "no line in the image");
        }
        // a batch: a block image (predicted class 0) and a line image (class 1), each with its own patch
        INDArray both = Nd4j.concat(0, block(4, 2), line(2, 3));
        INDArray maps = cam.heatmap(both);
        assertOnlyAt(maps, 0, 4, 2, "block, predicted class 0");
        assertOnlyAt(maps, 1, 1, 3, "line at pixel row 2: window rows 1..3, predicted class 1");
    }

    @Test
    void gradCamDefaultsToTheLastConv2DAndTakesANamedLayer() {
        Layer detector = new Conv2D(2, 3).activation("relu").name("detector");
        Layer mix = new Conv2D(2, 1).name("mix");          // 1×1, identity weights: passes the detector's maps on
        Layer dense = new Dense(2);
        Sequential m = new Sequential(new Input(8, 8, 1), detector, new MaxPooling2D(2), mix, new GlobalAveragePooling2D(), dense);
        m.compile("sgd", "mse");
        setDetector(detector);
        mix.setWeights(Nd4j.createFromArray(new float[] {1f, 0f, 0f, 1f}).reshape(1, 1, 2, 2), Nd4j.zeros(DataType.FLOAT, 2));
        setHead(dense);
        GradCam last = new GradCam(m);
        GradCam named = new GradCam(m, "detector");
        assertEquals("mix", last.layerName(), "default: the last Conv2D");
        assertEquals("detector", named.layerName());
        INDArray x = block(3, 4);
        // detector: 6×6, the block's cell (3, 4); after 2×2 max pooling the mix layer is 3×3, cell (1, 2)
        assertOnlyAt(named.heatmap(x, 0), 0, 3, 4, "named layer 'detector'");
        assertOnlyAt(last.heatmap(x, 0), 0, 1, 2, "default layer 'mix'");
    }

    @Test
    void gradCamMapsAreInTheUnitInterval() {
        Nd4j.getRandom().setSeed(6);
        Sequential m = new Sequential(new Input(8, 8, 1), new Conv2D(4, 3).activation("relu"), new Flatten(),
                new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        INDArray maps = new GradCam(m).heatmap(Nd4j.rand(DataType.FLOAT, 4, 8, 8, 1));
        assertArrayEquals(new long[] {4, 6, 6}, maps.shape());
        assertTrue(maps.minNumber().doubleValue() >= 0 && maps.maxNumber().doubleValue() <= 1 + 1e-12, maps.toString());
        for (int i = 0; i < 4; i++) {
            double max = maps.get(NDArrayIndex.point(i)).maxNumber().doubleValue();
            assertTrue(max == 0 || Math.abs(max - 1) < 1e-12, "each map is scaled to max 1 (or all zero): " + max);
        }
    }
}
