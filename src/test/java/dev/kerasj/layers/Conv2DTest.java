package dev.kerasj.layers;

import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Conv2DTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // Keras: Conv2D(32, 5) on 28×28×1 → (None, 24, 24, 32), (5·5·1 + 1)·32 = 832
        check(new Conv2D(32, 5).activation("relu"), s(28, 28, 1), Expect.of(s(24, 24, 32), 832));
        // (3·3·3 + 1)·16 = 448; "same" keeps 10×12
        check(new Conv2D(16, 3).padding("same"), s(10, 12, 3), Expect.of(s(10, 12, 16), 448));
        // strides 2, valid: ⌊(11 − 3)/2⌋ + 1 = 5, ⌊(9 − 3)/2⌋ + 1 = 4
        check(new Conv2D(4, 3).strides(2), s(11, 9, 2), Expect.of(s(5, 4, 4), (9 * 2 + 1) * 4));
        // strides 2, same: ⌈11/2⌉ = 6, ⌈9/2⌉ = 5
        check(new Conv2D(4, 3).strides(2).padding("same"), s(11, 9, 2), Expect.of(s(6, 5, 4), 76));
        // 2×4 kernel, no bias: 2·4·3·5 = 120
        check(new Conv2D(5, 2, 4).useBias(false), s(6, 7, 3), Expect.of(s(5, 4, 5), 120));
        // dilation 2: effective kernel 5 → 8 − 5 + 1 = 4
        check(new Conv2D(2, 3).dilationRate(2), s(8, 8, 1), Expect.of(s(4, 4, 2), 20));
        // asymmetric strides
        check(new Conv2D(3, 3).strides(1, 2), s(7, 7, 1), Expect.of(s(5, 3, 3), 30));
    }

    @Test
    void forwardIsKerasCrossCorrelation() {
        int[][] cases = {{3, 3, 1, 1, 0}, {3, 2, 2, 1, 0}, {3, 3, 2, 2, 1}, {2, 3, 1, 1, 1}, {3, 3, 1, 1, 2}};
        for (int[] c : cases) {
            int kh = c[0];
            int kw = c[1];
            int sh = c[2];
            int sw = c[3];
            String padding = c[4] == 1 ? "same" : "valid";
            int dil = c[4] == 2 ? 2 : 1;
            Conv2D conv = new Conv2D(3, kh, kw).strides(sh, sw).padding(padding).dilationRate(dil);
            Sequential m = new Sequential(new Input(7, 8, 2), conv);
            INDArray kernel = Nd4j.randn(DataType.FLOAT, kh, kw, 2, 3);
            INDArray bias = Nd4j.createFromArray(0.5f, -1f, 2f);
            conv.setWeights(kernel, bias);
            assertTrue(kernel.equalsWithEps(conv.getWeights().get(0), 1e-6), "getWeights returns the Keras layout");
            INDArray x = Nd4j.randn(DataType.FLOAT, 2, 7, 8, 2);
            INDArray expected = crossCorrelate(x, kernel, bias, sh, sw, dil, padding);
            INDArray got = m.predict(x);
            assertArrayEquals(expected.shape(), got.shape(), padding + " " + java.util.Arrays.toString(c));
            assertTrue(expected.equalsWithEps(got, 1e-4), "conv values for " + java.util.Arrays.toString(c));
        }
    }

    /** Keras/TensorFlow conv2d, NHWC, written as loops: "same" pads ⌊total/2⌋ before and the rest after. */
    static INDArray crossCorrelate(INDArray x, INDArray k, INDArray b, int sh, int sw, int d, String padding) {
        long n = x.size(0), h = x.size(1), w = x.size(2), cin = x.size(3);
        long kh = k.size(0), kw = k.size(1), f = k.size(3);
        long ekh = (kh - 1) * d + 1, ekw = (kw - 1) * d + 1;
        long oh, ow, ph = 0, pw = 0;
        if (padding.equals("same")) {
            oh = (h + sh - 1) / sh;
            ow = (w + sw - 1) / sw;
            ph = Math.max((oh - 1) * sh + ekh - h, 0) / 2;
            pw = Math.max((ow - 1) * sw + ekw - w, 0) / 2;
        } else {
            oh = (h - ekh) / sh + 1;
            ow = (w - ekw) / sw + 1;
        }
        INDArray out = Nd4j.zeros(DataType.FLOAT, n, oh, ow, f);
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < f; o++) {
                        double acc = b == null ? 0 : b.getDouble(o);
                        for (int a = 0; a < kh; a++) {
                            for (int bb = 0; bb < kw; bb++) {
                                long y = i * sh + a * d - ph;
                                long z = j * sw + bb * d - pw;
                                if (y < 0 || y >= h || z < 0 || z >= w) {
                                    continue;
                                }
                                for (int c = 0; c < cin; c++) {
                                    acc += x.getDouble(s, y, z, c) * k.getDouble(a, bb, c, o);
                                }
                            }
                        }
                        out.putScalar(new long[] {s, i, j, o}, acc);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void seedCnnSummaryMatchesKeras() {
        Sequential m = new Sequential(new Input(28, 28, 1), new Conv2D(32, 5, 5).activation("relu"),
                new MaxPooling2D(2, 2), new Flatten(), new Dense(10, "softmax"));
        assertArrayEquals(s(24, 24, 32), m.layers().get(0).outputShape());
        assertEquals(832, m.layers().get(0).countParams());
        assertArrayEquals(s(12, 12, 32), m.layers().get(1).outputShape());
        assertArrayEquals(s(4608), m.layers().get(2).outputShape());
        assertEquals(46_090, m.layers().get(3).countParams());
        assertEquals(46_922, m.countParams());
        String summary = m.summaryString();
        assertTrue(summary.contains("(None, 24, 24, 32)"), summary);
        assertTrue(summary.contains("(None, 12, 12, 32)"), summary);
        assertTrue(summary.contains("(None, 4608)"), summary);
        assertTrue(summary.contains("46,922"), summary);
    }

    @Test
    void badShapesFailAtAddNamingTheLayerAndTheFix() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Input(4, 4, 1), new Conv2D(8, 5).name("big")));
        assertTrue(e.getMessage().contains("\"big\"") && e.getMessage().contains("(None, 4, 4, 1)")
                && e.getMessage().contains("smaller kernel_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(28, 28), new Conv2D(8, 3)));
        assertTrue(e.getMessage().contains("(None, 28, 28)") && e.getMessage().contains("Reshape(28, 28, 1)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3));
        assertTrue(e.getMessage().contains("filters=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).padding("full"));
        assertTrue(e.getMessage().contains("padding=full"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(8, 8, 1), new Conv2D(4, 3),
                new Dense(3)));
        assertTrue(e.getMessage().contains("Flatten"), e.getMessage());
    }

    @Test
    void imageOutputLossIsKerasMeanOverBatchAndPixels() {
        Sequential m = new Sequential(new Input(5, 5, 2), new Conv2D(3, 3).padding("same"));
        m.compile("sgd", "mse");
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 5, 5, 2);
        INDArray y = Nd4j.randn(DataType.FLOAT, 4, 5, 5, 3);
        INDArray p = m.predict(x);
        double expected = p.sub(y).muli(p.sub(y)).meanNumber().doubleValue();
        assertEquals(expected, m.evaluate(x, y).get("loss"), 1e-5);
        var h = m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(1).batchSize(4).shuffle(false).verbose(0));
        assertEquals(expected, h.history().get("loss").get(0), 1e-5);
    }

    @Test
    void imageOutputGradientIsTheGradientOfKerasMeanLoss() {
        // one SGD step moves each weight by lr · dL/dw; L is quadratic in the kernel, so central differences are exact
        Conv2D conv = new Conv2D(2, 2).padding("same");
        Sequential m = new Sequential(new Input(3, 3, 1), conv);
        m.compile(new dev.kerasj.optimizers.SGD(0.1), new dev.kerasj.losses.MeanSquaredError());
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 3, 1);
        INDArray y = Nd4j.randn(DataType.FLOAT, 4, 3, 3, 2);
        INDArray k0 = conv.getWeights().get(0).dup();
        INDArray b0 = conv.getWeights().get(1).dup();
        double eps = 0.05;
        INDArray numeric = Nd4j.zeros(DataType.DOUBLE, k0.shape());
        for (long[] idx : new long[][] {{0, 0, 0, 0}, {1, 0, 0, 1}, {1, 1, 0, 0}}) {
            INDArray kp = k0.dup();
            kp.putScalar(idx, k0.getDouble(idx) + eps);
            conv.setWeights(kp, b0);
            double lp = m.evaluate(x, y).get("loss");
            kp.putScalar(idx, k0.getDouble(idx) - eps);
            conv.setWeights(kp, b0);
            double lm = m.evaluate(x, y).get("loss");
            numeric.putScalar(idx, (lp - lm) / (2 * eps));
        }
        conv.setWeights(k0, b0);
        m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(1).batchSize(4).shuffle(false).verbose(0));
        INDArray step = k0.sub(conv.getWeights().get(0)).divi(0.1);
        for (long[] idx : new long[][] {{0, 0, 0, 0}, {1, 0, 0, 1}, {1, 1, 0, 0}}) {
            assertEquals(numeric.getDouble(idx), step.getDouble(idx), 2e-3, "dL/dkernel" + java.util.Arrays.toString(idx));
        }
    }

    @Test
    void trainsOnImagesAndStoresKerasLayoutAfterTraining() {
        // a tiny problem: the class is whether the bright pixel is in the top or bottom half
        int n = 64;
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 6, 6, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n);
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            int row = r.nextInt(6);
            x.putScalar(new long[] {i, row, r.nextInt(6), 0}, 1.0);
            y.putScalar(i, row < 3 ? 0 : 1);
        }
        Sequential m = new Sequential(new Input(6, 6, 1), new Conv2D(4, 3).activation("relu").padding("same"),
                new MaxPooling2D(2), new Flatten(), new Dense(2, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        var h = m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(30).batchSize(16).verbose(0));
        var acc = h.history().get("accuracy");
        assertTrue(acc.get(acc.size() - 1) > 0.9, "accuracy " + acc);
    }
}
