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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Conv2DTransposeTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // (kh·kw·cin + 1)·filters; valid: (n − 1)·s + k; same: n·s
        check(new Conv2DTranspose(32, 3).strides(2).padding("same"), s(7, 7, 64), Expect.of(s(14, 14, 32), (9 * 64 + 1) * 32));
        check(new Conv2DTranspose(4, 3), s(5, 6, 2), Expect.of(s(7, 8, 4), (9 * 2 + 1) * 4));
        check(new Conv2DTranspose(2, 4, 3).strides(2, 3), s(3, 3, 1), Expect.of(s(8, 9, 2), (12 + 1) * 2));
    }

    /** Keras/TensorFlow conv2d_transpose as loops: scatter each input over the kernel, then crop "same" padding. */
    static INDArray reference(INDArray x, INDArray k, INDArray b, int sh, int sw, String padding) {
        long n = x.size(0), h = x.size(1), w = x.size(2), cin = x.size(3);
        long kh = k.size(0), kw = k.size(1), f = k.size(2);
        long fullH = (h - 1) * sh + kh, fullW = (w - 1) * sw + kw;
        double[][][][] full = new double[(int) n][(int) fullH][(int) fullW][(int) f];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    for (int c = 0; c < cin; c++) {
                        double v = x.getDouble(s, i, j, c);
                        for (int a = 0; a < kh; a++) {
                            for (int bb = 0; bb < kw; bb++) {
                                for (int o = 0; o < f; o++) {
                                    full[s][(int) (i * sh + a)][(int) (j * sw + bb)][o] += v * k.getDouble(a, bb, o, c);
                                }
                            }
                        }
                    }
                }
            }
        }
        long outH = padding.equals("same") ? h * sh : fullH;
        long outW = padding.equals("same") ? w * sw : fullW;
        long top = (fullH - outH) / 2, left = (fullW - outW) / 2;
        INDArray out = Nd4j.zeros(DataType.FLOAT, n, outH, outW, f);
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int o = 0; o < f; o++) {
                        out.putScalar(new long[] {s, i, j, o}, full[s][(int) (i + top)][(int) (j + left)][o] + b.getDouble(o));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void forwardIsKerasTransposedConvolution() {
        int[][] cases = {{3, 1, 0}, {3, 2, 0}, {2, 2, 0}, {3, 2, 1}, {4, 2, 1}};
        for (int[] c : cases) {
            String padding = c[2] == 1 ? "same" : "valid";
            Conv2DTranspose t = new Conv2DTranspose(3, c[0]).strides(c[1]).padding(padding);
            Sequential m = new Sequential(new Input(4, 5, 2), t);
            INDArray k = Nd4j.randn(DataType.FLOAT, c[0], c[0], 3, 2);
            INDArray b = Nd4j.createFromArray(0.2f, -0.1f, 0f);
            t.setWeights(k, b);
            assertTrue(k.equalsWithEps(t.getWeights().get(0), 1e-6));
            INDArray x = Nd4j.randn(DataType.FLOAT, 2, 4, 5, 2);
            INDArray expected = reference(x, k, b, c[1], c[1], padding);
            INDArray got = m.predict(x);
            assertArrayEquals(expected.shape(), got.shape(), java.util.Arrays.toString(c));
            assertTrue(expected.equalsWithEps(got, 1e-4), java.util.Arrays.toString(c) + "\n" + expected + "\n" + got);
        }
    }

    @Test
    void unsupportedOptions() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(4, 4, 1),
                new Conv2DTranspose(2, 2).strides(3)));
        assertTrue(e.getMessage().contains("strides"), e.getMessage());
    }
}
