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

class BidirectionalTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // twice the wrapped layer: 2·4u(in+u+1)
        check(new Bidirectional(new LSTM(16)), s(20, 8), Expect.of(s(32), 2 * 4 * 16 * (8 + 16 + 1)));
        check(new Bidirectional(new LSTM(4).returnSequences(true)), s(6, 3), Expect.of(s(6, 8), 2 * 4 * 4 * (3 + 4 + 1)));
        check(new Bidirectional(new SimpleRNN(5).returnSequences(true)).mergeMode("sum"), s(4, 2),
                Expect.of(s(4, 5), 2 * 5 * (2 + 5 + 1)));
    }

    private static INDArray reversed(INDArray x) {
        INDArray r = x.dup();
        long t = x.size(1);
        for (int i = 0; i < t; i++) {
            r.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(t - 1 - i), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        }
        return r;
    }

    @Test
    void forwardMatchesKerasWithBothDirections() {
        int u = 3;
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 5, 4);
        INDArray[] w = {Nd4j.randn(DataType.FLOAT, 4, 4 * u).muli(0.5), Nd4j.randn(DataType.FLOAT, u, 4 * u).muli(0.5),
                Nd4j.randn(DataType.FLOAT, 4 * u).muli(0.5), Nd4j.randn(DataType.FLOAT, 4, 4 * u).muli(0.5),
                Nd4j.randn(DataType.FLOAT, u, 4 * u).muli(0.5), Nd4j.randn(DataType.FLOAT, 4 * u).muli(0.5)};
        double[][][] fwd = RecurrentTest.lstmReference(x, w[0], w[1], w[2]);
        double[][][] bwd = RecurrentTest.lstmReference(reversed(x), w[3], w[4], w[5]);

        Bidirectional last = new Bidirectional(new LSTM(u));
        Sequential m = new Sequential(new Input(5, 4), last);
        last.setWeights(w);
        INDArray got = m.predict(x);
        assertArrayEquals(s(2, 2 * u), got.shape());
        for (int n = 0; n < 2; n++) {
            for (int j = 0; j < u; j++) {
                assertEquals(fwd[n][4][j], got.getDouble(n, j), 1e-4, "forward last state");
                assertEquals(bwd[n][4][j], got.getDouble(n, u + j), 1e-4, "backward last state");
            }
        }
        Bidirectional seq = new Bidirectional(new LSTM(u).returnSequences(true));
        Sequential ms = new Sequential(new Input(5, 4), seq);
        seq.setWeights(w);
        INDArray all = ms.predict(x);
        for (int t = 0; t < 5; t++) {
            for (int j = 0; j < u; j++) {
                assertEquals(fwd[1][t][j], all.getDouble(1, t, j), 1e-4, "forward step " + t);
                assertEquals(bwd[1][4 - t][j], all.getDouble(1, t, u + j), 1e-4, "backward output aligned with step " + t);
            }
        }
    }

    @Test
    void sgdStepFollowsTheGradient() {
        Kerasj.setRandomSeed(6);
        Bidirectional bi = new Bidirectional(new SimpleRNN(2));
        Sequential m = new Sequential(new Input(4, 2), bi);
        m.compile(new dev.kerasj.optimizers.SGD(0.1), new dev.kerasj.losses.MeanSquaredError());
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 4, 2);
        INDArray y = Nd4j.randn(DataType.FLOAT, 5, 4);
        java.util.List<INDArray> w0 = new java.util.ArrayList<>();
        for (INDArray w : bi.getWeights()) {
            w0.add(w.dup());
        }
        double eps = 1e-2;
        int[] weightIdx = {0, 1, 3, 4};
        double[] numeric = new double[weightIdx.length];
        for (int p = 0; p < weightIdx.length; p++) {
            INDArray[] ws = new INDArray[w0.size()];
            for (int k = 0; k < ws.length; k++) {
                ws[k] = w0.get(k).dup();
            }
            INDArray target = ws[weightIdx[p]];
            target.putScalar(0, target.getDouble(0) + eps);
            bi.setWeights(ws);
            double lp = m.evaluate(x, y).get("loss");
            target.putScalar(0, target.getDouble(0) - 2 * eps);
            bi.setWeights(ws);
            double lm = m.evaluate(x, y).get("loss");
            numeric[p] = (lp - lm) / (2 * eps);
        }
        bi.setWeights(w0.toArray(new INDArray[0]));
        m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(5).shuffle(false).verbose(0));
        for (int p = 0; p < weightIdx.length; p++) {
            INDArray after = bi.getWeights().get(weightIdx[p]);
            double step = (w0.get(weightIdx[p]).getDouble(0) - after.getDouble(0)) / 0.1;
            assertEquals(numeric[p], step, 2e-3 + 0.02 * Math.abs(numeric[p]), "weight " + weightIdx[p]);
        }
    }

    @Test
    void trainsInAModel() {
        Kerasj.setRandomSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 5, 1);
        INDArray y = x.sum(1).reshape(128, 1).divi(2.5);
        Sequential m = new Sequential(new Input(5, 1), new Bidirectional(new LSTM(8)), new Dense(1));
        m.compile("adam", "mse");
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, FitOptions.defaults().epochs(30).batchSize(16).verbose(0));
        double after = m.evaluate(x, y).get("loss");
        assertTrue(after < before / 3, before + " → " + after);
    }

    @Test
    void unsupported() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new GRU(3)));
        assertTrue(e.getMessage().contains("GRU"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(4, 2),
                new Bidirectional(new LSTM(3)).mergeMode("sum")));
        assertTrue(e.getMessage().contains("concat"), e.getMessage());
    }

    @Test
    void functionalModelMatchesSequentialWithTheSameWeights() {
        Kerasj.setRandomSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 5, 3);
        INDArray y = Nd4j.randn(DataType.FLOAT, 8, 2);
        for (boolean sequences : new boolean[] {false, true}) {
            Layer[] a = {new Bidirectional(new LSTM(4).returnSequences(sequences)), sequences ? new Flatten() : new Dense(6),
                    new Dense(2)};
            Layer[] b = {new Bidirectional(new LSTM(4).returnSequences(sequences)), sequences ? new Flatten() : new Dense(6),
                    new Dense(2)};
            Sequential seq = new Sequential(new Input(5, 3), a[0], a[1], a[2]);
            Input in = new Input(5, 3);
            dev.kerasj.Model fun = new dev.kerasj.Model(in, b[2].apply(b[1].apply(b[0].apply(in))));
            for (int i = 0; i < a.length; i++) {
                b[i].setWeights(a[i].getWeights().toArray(new INDArray[0]));
            }
            assertTrue(seq.predict(x).equalsWithEps(fun.predict(x), 1e-5), "return_sequences=" + sequences);
            // training goes through the adapter the same way
            seq.compile("sgd", "mse");
            fun.compile("sgd", "mse");
            FitOptions once = FitOptions.defaults().epochs(2).batchSize(8).shuffle(false).verbose(0);
            double lossA = seq.fit(x, y, once).history().get("loss").get(1);
            double lossB = fun.fit(x, y, once).history().get("loss").get(1);
            assertEquals(lossA, lossB, 1e-5, "return_sequences=" + sequences);
            assertTrue(seq.predict(x).equalsWithEps(fun.predict(x), 1e-5));
        }
    }

    @Test
    void inputDropoutOfTheWrappedLstmTrainsAndIsOffAtInference() {
        Kerasj.setRandomSeed(6);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 5, 3);
        INDArray y = Nd4j.randn(DataType.FLOAT, 8, 8);
        Bidirectional plain = new Bidirectional(new LSTM(4));
        Bidirectional dropped = new Bidirectional(new LSTM(4).dropout(0.3));
        Sequential a = new Sequential(new Input(5, 3), plain);
        Sequential b = new Sequential(new Input(5, 3), dropped);
        dropped.setWeights(plain.getWeights().toArray(new INDArray[0]));
        assertTrue(a.predict(x).equalsWithEps(b.predict(x), 1e-6));
        b.compile("adam", "mse");
        double loss = b.fit(x, y, FitOptions.defaults().epochs(2).batchSize(4).verbose(0)).history().get("loss").get(1);
        assertTrue(Double.isFinite(loss));
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(5, 3),
                new Bidirectional(new LSTM(4).recurrentDropout(0.2))));
        assertTrue(e.getMessage().contains("recurrent_dropout=0.2") && e.getMessage().contains("Dropout layer"),
                e.getMessage());
    }
}
