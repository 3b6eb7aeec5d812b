package dev.kerasj.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras's {@code return_state=True} in the functional API: {@code [output, state_h(, state_c)]}. */
class ReturnStateTest {
    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Keras's LSTM written out; returns the final cell state c_T per sample: (n, u). */
    static double[][] lstmFinalCarry(INDArray x, INDArray w, INDArray u, INDArray b) {
        int n = (int) x.size(0), steps = (int) x.size(1), in = (int) x.size(2), units = (int) u.size(0);
        double[][] out = new double[n][];
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
                for (int j = 0; j < units; j++) {
                    c[j] = sigmoid(z[units + j]) * c[j] + sigmoid(z[j]) * Math.tanh(z[2 * units + j]);
                    h[j] = sigmoid(z[3 * units + j]) * Math.tanh(c[j]);
                }
            }
            out[s] = c;
        }
        return out;
    }

    @Test
    void lstmGivesOutputAndBothStatesAsKeras() {
        Kerasj.setRandomSeed(3);
        int u = 4;
        Input in = new Input(5, 3);
        LSTM lstm = new LSTM(u).returnSequences(true).returnState(true);
        List<KerasTensor> outs = lstm.applyAll(in);
        assertEquals(3, outs.size());
        assertArrayEquals(new long[] {5, u}, outs.get(0).shape());
        assertArrayEquals(new long[] {u}, outs.get(1).shape());
        assertArrayEquals(new long[] {u}, outs.get(2).shape());
        Model m = new Model(List.of(in), outs);
        // Keras's row for several outputs, [(None, 5, 4), (None, 4), (None, 4)], wrapped in its column
        String summary = m.summaryString();
        assertTrue(summary.contains("[(None, 5, 4), (None,") && summary.contains("4), (None, 4)]"), summary);

        INDArray[] w = {Nd4j.randn(DataType.FLOAT, 3, 4 * u).muli(0.6), Nd4j.randn(DataType.FLOAT, u, 4 * u).muli(0.6),
                Nd4j.randn(DataType.FLOAT, 4 * u).muli(0.3)};
        lstm.setWeights(w);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 5, 3);
        INDArray[] p = m.predict(new INDArray[] {x}, 32);
        double[][][] seq = RecurrentTest.lstmReference(x, w[0], w[1], w[2]);
        double[][] carry = lstmFinalCarry(x, w[0], w[1], w[2]);
        for (int s = 0; s < 6; s++) {
            for (int j = 0; j < u; j++) {
                for (int t = 0; t < 5; t++) {
                    assertEquals(seq[s][t][j], p[0].getDouble(s, t, j), 1e-4, "output");
                }
                // state_h is the last step of the sequence output; state_c Keras's carry
                assertEquals(p[0].getDouble(s, 4, j), p[1].getDouble(s, j), 1e-6, "state_h");
                assertEquals(carry[s][j], p[2].getDouble(s, j), 1e-4, "state_c");
            }
        }
    }

    @Test
    void gruAndSimpleRnnGiveOutputAndStateH() {
        Kerasj.setRandomSeed(9);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 6, 2);
        for (BaseRNN<?> rnn : List.of(new GRU(3).returnState(true), new SimpleRNN(3).returnState(true),
                new LSTM(3).returnState(true))) {
            Input in = new Input(6, 2);
            List<KerasTensor> outs = rnn.applyAll(in);
            assertEquals(rnn instanceof LSTM ? 3 : 2, outs.size(), rnn.className());
            Model m = new Model(List.of(in), outs);
            INDArray[] p = m.predict(new INDArray[] {x}, 32);
            // without return_sequences the output is state_h
            assertTrue(p[0].equalsWithEps(p[1], 1e-6), rnn.className());
            assertArrayEquals(new long[] {4, 3}, p[1].shape());
        }
    }

    @Test
    void aSingleTensorCallAndSequentialFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LSTM(2).returnState(true).apply(new Input(3, 1)));
        assertTrue(e.getMessage().contains("applyAll") && e.getMessage().contains("return_state"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(3, 1), new GRU(2).returnState(true)));
        assertTrue(e.getMessage().contains("functional API"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Input(3, 1), new Bidirectional(new LSTM(2).returnState(true))));
        assertTrue(e.getMessage().contains("return_state"), e.getMessage());
    }

    @Test
    void trainingThroughStateHMatchesTrainingThroughTheOutput() {
        Kerasj.setRandomSeed(12);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 5, 1);
        INDArray y = x.sum(1).reshape(32, 1).divi(2.5);
        // a: LSTM output → Dense (DL4J's LSTM); b: the same weights, Dense on state_h (kerasj's packed layer)
        LSTM la = new LSTM(6);
        Dense da = new Dense(1);
        Sequential a = new Sequential(new Input(5, 1), la, da);
        Input in = new Input(5, 1);
        LSTM lb = new LSTM(6).returnState(true);
        Dense db = new Dense(1);
        List<KerasTensor> outs = lb.applyAll(in);
        Model b = new Model(in, db.apply(outs.get(1)));
        lb.setWeights(la.getWeights().toArray(new INDArray[0]));
        db.setWeights(da.getWeights().toArray(new INDArray[0]));
        a.compile("sgd", "mse");
        b.compile("sgd", "mse");
        FitOptions opts = FitOptions.defaults().epochs(3).batchSize(8).shuffle(false).verbose(0);
        List<Double> ha = a.fit(x, y, opts).history().get("loss");
        List<Double> hb = b.fit(x, y, opts).history().get("loss");
        for (int i = 0; i < 3; i++) {
            assertEquals(ha.get(i), hb.get(i), 1e-5, "epoch " + i);
        }
    }

    @Test
    void encoderStatesFeedALaterLayerAndTheModelSavesAndLoads(@TempDir Path dir) throws Exception {
        Kerasj.setRandomSeed(2);
        Input in = new Input(4, 2);
        List<KerasTensor> outs = new LSTM(3).returnState(true).applyAll(in);
        KerasTensor joined = new Concatenate().apply(outs.get(1), outs.get(2));
        Model m = new Model(in, new Dense(1).apply(joined));
        m.compile("adam", "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 4, 2);
        INDArray y = x.sum(1).sum(1).reshape(64, 1).divi(4);
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, FitOptions.defaults().epochs(40).batchSize(16).verbose(0));
        double after = m.evaluate(x, y).get("loss");
        assertTrue(after < before / 2, before + " → " + after);
        Path f = dir.resolve("m.kerasj");
        m.save(f);
        Model loaded = Model.load(f);
        assertTrue(m.predict(x).equalsWithEps(loaded.predict(x), 1e-6));
        assertTrue(loaded.summaryString().contains("lstm[0][1],") && loaded.summaryString().contains("lstm[0][2]"),
                loaded.summaryString());
    }
}
