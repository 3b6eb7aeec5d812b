package dev.kerasj.layers;

import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecurrentTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // LSTM: 4u(in + u + 1)
        check(new LSTM(32), s(120, 14), Expect.of(s(32), 4 * 32 * (14 + 32 + 1)));
        check(new LSTM(16).returnSequences(true), s(10, 3), Expect.of(s(10, 16), 4 * 16 * (3 + 16 + 1)));
        check(new LSTM(5).useBias(false), s(4, 2), Expect.of(s(5), 4 * 5 * (2 + 5)));
        // SimpleRNN: u(in + u + 1)
        check(new SimpleRNN(8), s(10, 1), Expect.of(s(8), 80));
        check(new SimpleRNN(6).returnSequences(true).activation("relu"), s(7, 4), Expect.of(s(7, 6), 6 * 11));
        // with (recurrent) dropout: kerasj's own layers, same counts, config round trip and save/load
        check(new LSTM(5).dropout(0.1).recurrentDropout(0.2), s(4, 2), Expect.of(s(5), 4 * 5 * (2 + 5 + 1)));
        check(new SimpleRNN(3).recurrentDropout(0.3).returnSequences(true), s(4, 2), Expect.of(s(4, 3), 3 * (2 + 3 + 1)));
        check(new GRU(4).dropout(0.2).recurrentDropout(0.2), s(3, 2), Expect.of(s(4), 3 * 4 * (2 + 4 + 2)));
    }

    @Test
    void lstmDefaultsAreKeras() {
        LSTM l = new LSTM(3);
        assertEquals("tanh", l.activation());
        assertEquals("sigmoid", l.recurrentActivation());
        assertTrue(l.unitForgetBias());
        assertEquals("Orthogonal", l.recurrentInitializer().className());
        assertEquals("GlorotUniform", l.kernelInitializer().className());
        new Sequential(new Input(5, 2), l);
        // unit_forget_bias: bias = [0]*u, [1]*u, [0]*2u in Keras's i, f, c, o order
        INDArray bias = l.getWeights().get(2);
        assertTrue(bias.equalsWithEps(Nd4j.createFromArray(0f, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0), 0));
        // the recurrent kernel (3, 12) starts with orthonormal rows
        INDArray rk = l.getWeights().get(1).castTo(DataType.DOUBLE);
        assertTrue(rk.mmul(rk.transpose()).equalsWithEps(Nd4j.eye(3).castTo(DataType.DOUBLE), 1e-5));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Keras's LSTM written out: z = x·W + h·U + b, gates i, f, c, o. Returns every step's h: (n, T, u). */
    static double[][][] lstmReference(INDArray x, INDArray w, INDArray u, INDArray b) {
        int n = (int) x.size(0), steps = (int) x.size(1), in = (int) x.size(2), units = (int) u.size(0);
        double[][][] out = new double[n][steps][units];
        for (int s = 0; s < n; s++) {
            double[] h = new double[units];
            double[] c = new double[units];
            for (int t = 0; t < steps; t++) {
                double[] z = new double[4 * units];
                for (int j = 0; j < 4 * units; j++) {
                    double acc = b.getDouble(j);
                    for (int k = 0; k < in; k++) {
                        acc += x.getDouble(s, t, k) * w.getDouble(k, j);
                    }
                    for (int k = 0; k < units; k++) {
                        acc += h[k] * u.getDouble(k, j);
                    }
                    z[j] = acc;
                }
                double[] hNew = new double[units];
                for (int j = 0; j < units; j++) {
                    double i = sigmoid(z[j]);
                    double f = sigmoid(z[units + j]);
                    double g = Math.tanh(z[2 * units + j]);
                    double o = sigmoid(z[3 * units + j]);
                    c[j] = f * c[j] + i * g;
                    hNew[j] = o * Math.tanh(c[j]);
                }
                h = hNew;
                out[s][t] = h.clone();
            }
        }
        return out;
    }

    @Test
    void lstmForwardMatchesKerasFormulaWithKerasWeights() {
        int units = 3;
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 5, 4);
        INDArray w = Nd4j.randn(DataType.FLOAT, 4, 4 * units).muli(0.5);
        INDArray u = Nd4j.randn(DataType.FLOAT, units, 4 * units).muli(0.5);
        INDArray b = Nd4j.randn(DataType.FLOAT, 4 * units).muli(0.5);
        double[][][] ref = lstmReference(x, w, u, b);

        LSTM seq = new LSTM(units).returnSequences(true);
        Sequential ms = new Sequential(new Input(5, 4), seq);
        seq.setWeights(w, u, b);
        assertTrue(w.equalsWithEps(seq.getWeights().get(0), 1e-6), "kernel round-trips in Keras layout");
        assertTrue(u.equalsWithEps(seq.getWeights().get(1), 1e-6));
        assertTrue(b.equalsWithEps(seq.getWeights().get(2), 1e-6));
        INDArray got = ms.predict(x);
        assertArrayEquals(s(2, 5, units), got.shape());
        INDArray expected = Nd4j.createFromArray(ref).castTo(DataType.FLOAT);
        assertTrue(expected.equalsWithEps(got, 1e-4), "LSTM sequences\n" + expected + "\n" + got);

        LSTM last = new LSTM(units);
        Sequential ml = new Sequential(new Input(5, 4), last);
        last.setWeights(w, u, b);
        INDArray lastGot = ml.predict(x);
        assertArrayEquals(s(2, units), lastGot.shape());
        assertTrue(expected.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(4),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).equalsWithEps(lastGot, 1e-4), "LSTM last step");
    }

    @Test
    void simpleRnnForwardMatchesKerasFormula() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 4, 3);
        INDArray w = Nd4j.randn(DataType.FLOAT, 3, 2);
        INDArray u = Nd4j.randn(DataType.FLOAT, 2, 2).muli(0.5);
        INDArray b = Nd4j.createFromArray(0.1f, -0.2f);
        SimpleRNN rnn = new SimpleRNN(2).returnSequences(true);
        Sequential m = new Sequential(new Input(4, 3), rnn);
        rnn.setWeights(w, u, b);
        INDArray got = m.predict(x);
        for (int s = 0; s < 2; s++) {
            double[] h = new double[2];
            for (int t = 0; t < 4; t++) {
                double[] nh = new double[2];
                for (int j = 0; j < 2; j++) {
                    double acc = b.getDouble(j);
                    for (int k = 0; k < 3; k++) {
                        acc += x.getDouble(s, t, k) * w.getDouble(k, j);
                    }
                    for (int k = 0; k < 2; k++) {
                        acc += h[k] * u.getDouble(k, j);
                    }
                    nh[j] = Math.tanh(acc);
                }
                h = nh;
                for (int j = 0; j < 2; j++) {
                    assertEquals(h[j], got.getDouble(s, t, j), 1e-4, "step " + t);
                }
            }
        }
    }

    @Test
    void rnnFedFlatDataFailsWithTheFix() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(10), new LSTM(4).name("rnn")));
        assertTrue(e.getMessage().contains("\"rnn\"") && e.getMessage().contains("(None, 10)")
                && e.getMessage().contains("Reshape(10, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(5, 2),
                new LSTM(4).returnSequences(true), new Dense(1)));
        assertTrue(e.getMessage().contains("Flatten"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LSTM(4).recurrentDropout(1.0));
        assertTrue(e.getMessage().contains("recurrent_dropout=1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(5, 2), new LSTM(4).returnState(true)));
        assertTrue(e.getMessage().contains("functional API"), e.getMessage());
    }

    @Test
    void lstmLearnsToSumASequence() {
        Kerasj.setRandomSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 6, 1);
        INDArray y = x.sum(1).reshape(256, 1).divi(3);
        Sequential m = new Sequential(new Input(6, 1), new LSTM(8), new Dense(1));
        m.compile("adam", "mse");
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(25).batchSize(32).verbose(0));
        double after = m.evaluate(x, y).get("loss");
        assertTrue(after < before / 5, "loss " + before + " → " + after);
    }

    @Test
    void sequenceOutputLossIsKerasMeanOverBatchAndSteps() {
        Kerasj.setRandomSeed(5);
        Sequential m = new Sequential(new Input(4, 3), new LSTM(2).returnSequences(true));
        m.compile("sgd", "mse");
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 4, 3);
        INDArray y = Nd4j.randn(DataType.FLOAT, 6, 4, 2);
        INDArray p = m.predict(x);
        double expected = p.sub(y).muli(p.sub(y)).meanNumber().doubleValue();
        Map<String, Double> scores = m.evaluate(x, y);
        assertEquals(expected, scores.get("loss"), 1e-5);
        double before = scores.get("loss");
        // the training loss of one full batch is the loss before its update
        var h = m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(1).batchSize(6).shuffle(false).verbose(0));
        assertEquals(expected, h.history().get("loss").get(0), 1e-5);
        m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(20).batchSize(6).verbose(0));
        assertTrue(m.evaluate(x, y).get("loss") < before);
    }
}
