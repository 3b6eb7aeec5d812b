package dev.kerasj.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
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

class GRUTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // GRU (reset_after): 3u(in + u + 2)
        check(new GRU(32), s(12, 14), Expect.of(s(32), 3 * 32 * (14 + 32 + 2)));
        check(new GRU(4).returnSequences(true), s(6, 3), Expect.of(s(6, 4), 3 * 4 * (3 + 4 + 2)));
        check(new GRU(3).useBias(false), s(4, 2), Expect.of(s(3), 3 * 3 * (2 + 3)));
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void forwardMatchesKerasFormula() {
        int units = 3, in = 2, steps = 4;
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, steps, in);
        INDArray w = Nd4j.randn(DataType.FLOAT, in, 3 * units).muli(0.7);
        INDArray u = Nd4j.randn(DataType.FLOAT, units, 3 * units).muli(0.7);
        INDArray b = Nd4j.randn(DataType.FLOAT, 2, 3 * units).muli(0.5);
        GRU gru = new GRU(units).returnSequences(true);
        Sequential m = new Sequential(new Input(steps, in), gru);
        gru.setWeights(w, u, b);
        assertArrayEquals(s(2, 3 * units), gru.getWeights().get(2).shape());
        INDArray got = m.predict(x);
        for (int n = 0; n < 2; n++) {
            double[] h = new double[units];
            for (int t = 0; t < steps; t++) {
                double[] xp = new double[3 * units];
                double[] mp = new double[3 * units];
                for (int j = 0; j < 3 * units; j++) {
                    xp[j] = b.getDouble(0, j);
                    mp[j] = b.getDouble(1, j);
                    for (int k = 0; k < in; k++) {
                        xp[j] += x.getDouble(n, t, k) * w.getDouble(k, j);
                    }
                    for (int k = 0; k < units; k++) {
                        mp[j] += h[k] * u.getDouble(k, j);
                    }
                }
                double[] nh = new double[units];
                for (int j = 0; j < units; j++) {
                    double z = sigmoid(xp[j] + mp[j]);
                    double r = sigmoid(xp[units + j] + mp[units + j]);
                    double hh = Math.tanh(xp[2 * units + j] + r * mp[2 * units + j]);
                    nh[j] = z * h[j] + (1 - z) * hh;
                }
                h = nh;
                for (int j = 0; j < units; j++) {
                    assertEquals(h[j], got.getDouble(n, t, j), 1e-4, "sample " + n + " step " + t);
                }
            }
        }
        GRU last = new GRU(units);
        Sequential ml = new Sequential(new Input(steps, in), last);
        last.setWeights(w, u, b);
        INDArray lastGot = ml.predict(x);
        for (int j = 0; j < units; j++) {
            assertEquals(got.getDouble(1, steps - 1, j), lastGot.getDouble(1, j), 1e-5);
        }
    }

    @Test
    void sgdStepFollowsTheGradientOfTheKerasLoss() {
        // one SGD step moves a weight by lr · dL/dw; compare with central differences of evaluate()'s loss
        Kerasj.setRandomSeed(9);
        GRU gru = new GRU(3);
        Sequential m = new Sequential(new Input(4, 2), gru);
        m.compile(new dev.kerasj.optimizers.SGD(0.1), new dev.kerasj.losses.MeanSquaredError());
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 4, 2);
        INDArray y = Nd4j.randn(DataType.FLOAT, 5, 3);
        java.util.List<INDArray> w0 = new java.util.ArrayList<>();
        for (INDArray w : gru.getWeights()) {
            w0.add(w.dup());
        }
        gru.setWeights(w0.get(0), w0.get(1), Nd4j.randn(DataType.FLOAT, 2, 9).muli(0.3));
        w0.set(2, gru.getWeights().get(2).dup());
        long[][] probes = {{0, 0}, {1, 4}, {0, 8}};
        double eps = 1e-2;
        double[][] numeric = new double[3][probes.length];
        for (int k = 0; k < 3; k++) {
            for (int p = 0; p < probes.length; p++) {
                INDArray[] plus = {w0.get(0).dup(), w0.get(1).dup(), w0.get(2).dup()};
                plus[k].putScalar(probes[p], plus[k].getDouble(probes[p]) + eps);
                gru.setWeights(plus);
                double lp = m.evaluate(x, y).get("loss");
                plus[k].putScalar(probes[p], plus[k].getDouble(probes[p]) - 2 * eps);
                gru.setWeights(plus);
                double lm = m.evaluate(x, y).get("loss");
                numeric[k][p] = (lp - lm) / (2 * eps);
            }
        }
        gru.setWeights(w0.toArray(new INDArray[0]));
        m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(5).shuffle(false).verbose(0));
        for (int k = 0; k < 3; k++) {
            INDArray step = w0.get(k).sub(gru.getWeights().get(k)).divi(0.1);
            for (int p = 0; p < probes.length; p++) {
                assertEquals(numeric[k][p], step.getDouble(probes[p]), 2e-3 + 0.02 * Math.abs(numeric[k][p]),
                        "weight " + k + " " + java.util.Arrays.toString(probes[p]));
            }
        }
    }

    @Test
    void learnsToSumASequence() {
        Kerasj.setRandomSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 5, 1);
        INDArray y = x.sum(1).reshape(128, 1).divi(2.5);
        Sequential m = new Sequential(new Input(5, 1), new GRU(8), new Dense(1));
        m.compile("adam", "mse");
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, FitOptions.defaults().epochs(25).batchSize(32).verbose(0));
        double after = m.evaluate(x, y).get("loss");
        assertTrue(after < before / 5, before + " → " + after);
    }

    @Test
    void unsupportedOptionsFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GRU(3).dropout(1.0));
        assertTrue(e.getMessage().contains("dropout=1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(7), new GRU(3)));
        assertTrue(e.getMessage().contains("(None, 7)"), e.getMessage());
    }
}
