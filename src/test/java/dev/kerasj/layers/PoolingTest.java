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

class PoolingTest {
    @Test
    void shapesMatchKeras() {
        check(new MaxPooling2D(2, 2), s(24, 24, 32), Expect.of(s(12, 12, 32), 0));
        check(new MaxPooling2D(2), s(5, 7, 3), Expect.of(s(2, 3, 3), 0));               // floors
        check(new MaxPooling2D(2).padding("same"), s(5, 7, 3), Expect.of(s(3, 4, 3), 0)); // ⌈5/2⌉, ⌈7/2⌉
        check(new MaxPooling2D(3).strides(1), s(5, 5, 2), Expect.of(s(3, 3, 2), 0));
        check(new AveragePooling2D(2, 3), s(6, 9, 1), Expect.of(s(3, 3, 1), 0));
        check(new AveragePooling2D(3).strides(2).padding("same"), s(7, 6, 2), Expect.of(s(4, 3, 2), 0));
        check(new MaxPooling1D(2), s(9, 4), Expect.of(s(4, 4), 0));
        check(new MaxPooling1D(3).strides(1).padding("same"), s(9, 4), Expect.of(s(9, 4), 0));
        check(new AveragePooling1D(4), s(10, 2), Expect.of(s(2, 2), 0));
        check(new GlobalMaxPooling2D(), s(7, 7, 64), Expect.of(s(64), 0));
        check(new GlobalAveragePooling2D(), s(3, 4, 5), Expect.of(s(5), 0));
        check(new GlobalMaxPooling1D(), s(10, 6), Expect.of(s(6), 0));
        check(new GlobalAveragePooling1D(), s(10, 6), Expect.of(s(6), 0));
    }

    @Test
    void kerasDefaultsAndConfig() {
        MaxPooling2D p = new MaxPooling2D();
        assertArrayEquals(new int[] {2, 2}, p.poolSize());
        assertArrayEquals(new int[] {2, 2}, p.strides(), "strides default to pool_size");
        assertEquals("valid", p.padding());
        new Sequential(new Input(4, 4, 1), p);
        assertEquals(java.util.List.of(2, 2), p.getConfig().get("strides"));
    }

    @Test
    void forwardValuesMatchHandComputedPooling() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 5, 7, 3);
        for (boolean max : new boolean[] {true, false}) {
            for (String padding : new String[] {"valid", "same"}) {
                BasePooling<?> layer = max ? new MaxPooling2D(2, 3).padding(padding).strides(2, 2)
                        : new AveragePooling2D(2, 3).padding(padding).strides(2, 2);
                Sequential m = new Sequential(new Input(5, 7, 3), layer);
                INDArray expected = pool2d(x, 2, 3, 2, 2, padding, max);
                INDArray got = m.predict(x);
                assertArrayEquals(expected.shape(), got.shape());
                assertTrue(expected.equalsWithEps(got, 1e-5), (max ? "max " : "avg ") + padding + "\n" + expected + "\n" + got);
            }
        }
        // 1-D: a (steps, channels) sequence is a (steps, 1, channels) image
        INDArray seq = Nd4j.randn(DataType.FLOAT, 2, 9, 3);
        for (boolean max : new boolean[] {true, false}) {
            for (String padding : new String[] {"valid", "same"}) {
                BasePooling<?> layer = max ? new MaxPooling1D(3).strides(2).padding(padding)
                        : new AveragePooling1D(3).strides(2).padding(padding);
                Sequential m = new Sequential(new Input(9, 3), layer);
                INDArray expected = pool2d(seq.reshape(2, 9, 1, 3), 3, 1, 2, 1, padding, max);
                expected = expected.reshape(expected.size(0), expected.size(1), expected.size(3));
                INDArray got = m.predict(seq);
                assertArrayEquals(expected.shape(), got.shape());
                assertTrue(expected.equalsWithEps(got, 1e-5), (max ? "max1d " : "avg1d ") + padding);
            }
        }
    }

    @Test
    void globalPoolingValues() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 4, 5);
        assertTrue(x.max(1, 2).equalsWithEps(new Sequential(new Input(3, 4, 5), new GlobalMaxPooling2D()).predict(x), 1e-5));
        assertTrue(x.mean(1, 2).equalsWithEps(new Sequential(new Input(3, 4, 5), new GlobalAveragePooling2D()).predict(x), 1e-5));
        INDArray q = Nd4j.randn(DataType.FLOAT, 2, 6, 3);
        assertTrue(q.max(1).equalsWithEps(new Sequential(new Input(6, 3), new GlobalMaxPooling1D()).predict(q), 1e-5));
        assertTrue(q.mean(1).equalsWithEps(new Sequential(new Input(6, 3), new GlobalAveragePooling1D()).predict(q), 1e-5));
    }

    /** Keras/TensorFlow pooling as loops; "same" windows ignore padded cells (max and mean over real cells). */
    static INDArray pool2d(INDArray x, int ph, int pw, int sh, int sw, String padding, boolean max) {
        long n = x.size(0), h = x.size(1), w = x.size(2), c = x.size(3);
        long oh, ow, padH = 0, padW = 0;
        if (padding.equals("same")) {
            oh = (h + sh - 1) / sh;
            ow = (w + sw - 1) / sw;
            padH = Math.max((oh - 1) * sh + ph - h, 0) / 2;
            padW = Math.max((ow - 1) * sw + pw - w, 0) / 2;
        } else {
            oh = (h - ph) / sh + 1;
            ow = (w - pw) / sw + 1;
        }
        INDArray out = Nd4j.zeros(DataType.FLOAT, n, oh, ow, c);
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int a = 0; a < ph; a++) {
                            for (int b = 0; b < pw; b++) {
                                long y = i * sh + a - padH;
                                long z = j * sw + b - padW;
                                if (y < 0 || y >= h || z < 0 || z >= w) {
                                    continue;
                                }
                                double v = x.getDouble(s, y, z, ch);
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        out.putScalar(new long[] {s, i, j, ch}, max ? acc : acc / count);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void poolingThatShrinksBelowOneFailsAtAdd() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(3, 3, 8),
                new MaxPooling2D(2), new MaxPooling2D(2).name("second")));
        assertTrue(e.getMessage().contains("\"second\"") && e.getMessage().contains("(None, 1, 1, 8)")
                && e.getMessage().contains("below 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(10), new GlobalMaxPooling1D()));
        assertTrue(e.getMessage().contains("(None, 10)"), e.getMessage());
    }
}
