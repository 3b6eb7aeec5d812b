package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.layers.BaseRNN;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.GRU;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.LSTM;
import dev.kerasj.layers.SimpleRNN;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras 3's RNN dropout: one mask per batch (not per step) over the inputs and over h_{t−1}, inverted
 * scaling 1/(1 − rate), none at inference; kerasj's SameDiff recurrent layers against DL4J's and
 * against hand loops of Keras's formulas.
 */
class RecurrentDropoutTest {
    /** A DL4J network: the kerasj layer's DL4J translation (sequences out) under an MSE loss. */
    private static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer layer, long in, long steps, DataType dt) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(dt).updater(new NoOp()).seed(1).list()
                .layer(layer)
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(in, steps, RNNFormat.NWC))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The DL4J network kerasj builds for {@code rnn} (sequence output) reading {@code (steps, in)}, with Keras weights. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MultiLayerNetwork translated(BaseRNN<?> rnn, long steps, long in, List<INDArray> weights) {
        new Sequential(new Input(steps, in), rnn);
        LayerTranslator t = LayerTranslators.of(rnn);
        MultiLayerNetwork net = net(t.toDl4j(rnn), in, steps, DataType.FLOAT);
        t.setWeights(rnn, net.getLayer(0), weights);
        return net;
    }

    /** The recurrent layer's output (batch, T, u), while training or not (the loss layer's input is 2-D). */
    private static INDArray output(MultiLayerNetwork net, INDArray x, boolean training) {
        return net.feedForward(x, training).get(1);
    }

    private static INDArray eye(long n, double scale) {
        return Nd4j.eye(n).castTo(DataType.FLOAT).muli(scale);
    }

    /** {@code blocks} side by side: a Keras kernel (rows, G·u) from its gate blocks. */
    private static INDArray gates(INDArray... blocks) {
        return Nd4j.hstack(blocks);
    }

    private static INDArray fill(long n, double... perGate) {
        List<INDArray> parts = new ArrayList<>();
        for (double v : perGate) {
            parts.add(Nd4j.valueArrayOf(new long[] {1, n}, (float) v));
        }
        return Nd4j.hstack(parts.toArray(new INDArray[0])).reshape(perGate.length * n);
    }

    @Test
    void recurrentMaskIsDrawnOncePerBatchAndReusedAtEveryStep() {
        // SimpleRNN, linear, kernel = recurrent_kernel = I: h_0 = x_0 = 1, then (x_t = 0) h_t = m ⊙ h_{t−1} = m^t
        Nd4j.getRandom().setSeed(7);
        int n = 50, batch = 40, steps = 4;
        double rate = 0.4, scale = 1 / (1 - rate);
        MultiLayerNetwork net = translated(new SimpleRNN(n).activation("linear").returnSequences(true)
                .recurrentDropout(rate), steps, n, List.of(eye(n, 1), eye(n, 1), Nd4j.zeros(DataType.FLOAT, n)));
        INDArray x = Nd4j.zeros(DataType.FLOAT, batch, steps, n);
        x.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(1);
        INDArray h = output(net, x, true);
        INDArray h1 = h.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all());
        int zeros = 0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < n; j++) {
                double m = h1.getDouble(b, j);
                assertTrue(m == 0 || Math.abs(m - scale) < 1e-5, "mask value " + m);
                zeros += m == 0 ? 1 : 0;
                for (int t = 2; t < steps; t++) {
                    assertEquals(Math.pow(m, t), h.getDouble(b, t, j), 1e-4, "the same mask at step " + t);
                }
            }
        }
        // 2,000 draws: the zero fraction is within 4.5 standard deviations (0.011) of the rate
        assertEquals(rate, zeros / (double) (batch * n), 0.05);
        // a new batch draws a new mask; inference has none (h_t = 1)
        assertFalse(output(net, x, true).equalsWithEps(h, 1e-6));
        assertTrue(output(net, x, false).equalsWithEps(Nd4j.ones(DataType.FLOAT, batch, steps, n), 1e-6));
    }

    /**
     * Layers whose output h_t depends only on the input mask of the candidate block: kernel 0.5·I there,
     * 0 elsewhere, no recurrence, gates saturated by their biases. Then {@code h_t = tanh(tanh(0.5·m))}
     * (LSTM) or {@code tanh(0.5·m)} (GRU, SimpleRNN) at every step for x = 1.
     */
    private static void checkInputMask(BaseRNN<?> rnn, List<INDArray> weights, boolean doubleTanh, double rate) {
        Nd4j.getRandom().setSeed(3);
        int n = 50, batch = 40, steps = 3;
        MultiLayerNetwork net = translated(rnn, steps, n, weights);
        INDArray h = output(net, Nd4j.ones(DataType.FLOAT, batch, steps, n), true);
        double kept = Math.tanh(0.5 / (1 - rate));
        kept = doubleTanh ? Math.tanh(kept) : kept;
        int zeros = 0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < n; j++) {
                double v = h.getDouble(b, 0, j);
                assertTrue(Math.abs(v) < 1e-6 || Math.abs(v - kept) < 1e-5, rnn.getConfig() + " value " + v);
                zeros += Math.abs(v) < 1e-6 ? 1 : 0;
                for (int t = 1; t < steps; t++) {
                    assertEquals(v, h.getDouble(b, t, j), 1e-5, rnn.className() + ": the same mask at step " + t);
                }
            }
        }
        assertEquals(rate, zeros / (double) (batch * n), 0.05, rnn.className());
        INDArray inference = output(net, Nd4j.ones(DataType.FLOAT, batch, steps, n), false);
        double none = doubleTanh ? Math.tanh(Math.tanh(0.5)) : Math.tanh(0.5);
        assertEquals(none, inference.minNumber().doubleValue(), 1e-5);
        assertEquals(none, inference.maxNumber().doubleValue(), 1e-5);
    }

    @Test
    void inputMaskIsDrawnOncePerBatchAndReusedAtEveryStep() {
        int n = 50;
        INDArray z = Nd4j.zeros(DataType.FLOAT, n, n);
        INDArray w = eye(n, 0.5);
        // DL4J's LSTM with SpatialDropout (dropout only), then kerasj's LSTM (with recurrent_dropout, per-gate masks)
        for (LSTM lstm : List.of(new LSTM(n).dropout(0.3), new LSTM(n).dropout(0.3).recurrentDropout(0.2))) {
            checkInputMask(lstm.returnSequences(true), List.of(gates(z, z, w, z), gates(z, z, z, z), fill(n, 20, -20, 0, 20)),
                    true, 0.3);
        }
        // GRU: z = σ(−20) ≈ 0, so h_t = ĥ = tanh(x_h)
        checkInputMask(new GRU(n).dropout(0.3).returnSequences(true), List.of(gates(z, z, w), gates(z, z, z),
                Nd4j.vstack(fill(n, -20, 0, 0).reshape(1, 3 * n), Nd4j.zeros(DataType.FLOAT, 1, 3 * n))), false, 0.3);
        checkInputMask(new SimpleRNN(n).dropout(0.3).returnSequences(true),
                List.of(w, z, Nd4j.zeros(DataType.FLOAT, n)), false, 0.3);
    }

    @Test
    void atInferenceDropoutChangesNothingAndSameDiffEqualsDl4j() {
        Kerasj.setRandomSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 6, 3);
        List<BaseRNN<?>[]> pairs = List.of(
                new BaseRNN<?>[] {new LSTM(5).returnSequences(true), new LSTM(5).returnSequences(true).recurrentDropout(0.3).dropout(0.2)},
                new BaseRNN<?>[] {new LSTM(5), new LSTM(5).recurrentDropout(0.5)},
                new BaseRNN<?>[] {new LSTM(5), new LSTM(5).dropout(0.5)},
                new BaseRNN<?>[] {new SimpleRNN(5).returnSequences(true), new SimpleRNN(5).returnSequences(true).dropout(0.2).recurrentDropout(0.3)},
                new BaseRNN<?>[] {new GRU(5), new GRU(5).dropout(0.2).recurrentDropout(0.3)});
        for (BaseRNN<?>[] p : pairs) {
            Sequential plain = new Sequential(new Input(6, 3), p[0]);
            Sequential dropped = new Sequential(new Input(6, 3), p[1]);
            p[1].setWeights(p[0].getWeights().toArray(new INDArray[0]));
            INDArray a = plain.predict(x);
            INDArray b = dropped.predict(x);
            assertTrue(a.equalsWithEps(b, 1e-5), p[1].className() + ": " + a + " vs " + b);
        }
    }

    @Test
    void sameDiffLayersAtRateZeroEqualDl4jsLayers() {
        Kerasj.setRandomSeed(8);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 5, 2);
        LSTM lstm = new LSTM(4).returnSequences(true).useBias(true);
        SimpleRNN rnn = new SimpleRNN(4).returnSequences(true).activation("relu");
        new Sequential(new Input(5, 2), lstm);
        new Sequential(new Input(5, 2), rnn);
        List<INDArray> lw = List.of(Nd4j.randn(DataType.FLOAT, 2, 16), Nd4j.randn(DataType.FLOAT, 4, 16),
                Nd4j.randn(DataType.FLOAT, 16));
        List<INDArray> rw = List.of(Nd4j.randn(DataType.FLOAT, 2, 4), Nd4j.randn(DataType.FLOAT, 4, 4).muli(0.5),
                Nd4j.randn(DataType.FLOAT, 4));
        MultiLayerNetwork nativeLstm = translated(lstm, 5, 2, lw);
        MultiLayerNetwork nativeRnn = translated(rnn, 5, 2, rw);
        MultiLayerNetwork sdLstm = net(new LstmSameDiffLayer("l", 2, 4, 5, true, true, "tanh", "sigmoid", 0, 0, null,
                List.of(), List.of()), 2, 5, DataType.FLOAT);
        ((RecurrentSameDiffLayer) sdLstm.getLayer(0).conf().getLayer()).setKerasWeights(sdLstm.getLayer(0), lw);
        MultiLayerNetwork sdRnn = net(new SimpleRnnSameDiffLayer("r", 2, 4, 5, true, true, "relu", 0, 0, null,
                List.of(), List.of()), 2, 5, DataType.FLOAT);
        ((RecurrentSameDiffLayer) sdRnn.getLayer(0).conf().getLayer()).setKerasWeights(sdRnn.getLayer(0), rw);
        assertTrue(output(nativeLstm, x, true).equalsWithEps(output(sdLstm, x, true), 1e-5));
        assertTrue(output(nativeRnn, x, true).equalsWithEps(output(sdRnn, x, true), 1e-5));
        // and the weights read back in Keras's layout
        List<INDArray> back = ((RecurrentSameDiffLayer) sdLstm.getLayer(0).conf().getLayer()).kerasWeights(sdLstm.getLayer(0));
        for (int i = 0; i < 3; i++) {
            assertTrue(back.get(i).equalsWithEps(lw.get(i), 1e-6));
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /**
     * Keras 3's LSTMCell, implementation 1 (recurrent_dropout > 0), written out: per gate g of i, f, c, o,
     * {@code z_g = (x_t ⊙ mx_g)·W_g + b_g + (h_{t−1} ⊙ mh_g)·U_g}. Returns h for every step: (n, T, u).
     */
    static double[][][] maskedLstm(INDArray x, INDArray w, INDArray u, INDArray b, List<INDArray> mx, List<INDArray> mh) {
        int n = (int) x.size(0), steps = (int) x.size(1), in = (int) x.size(2), units = (int) u.size(0);
        double[][][] out = new double[n][steps][units];
        for (int s = 0; s < n; s++) {
            double[] h = new double[units];
            double[] c = new double[units];
            for (int t = 0; t < steps; t++) {
                double[] z = new double[4 * units];
                for (int j = 0; j < 4 * units; j++) {
                    int g = j / units;
                    double acc = b.getDouble(j);
                    for (int k = 0; k < in; k++) {
                        acc += x.getDouble(s, t, k) * mx.get(g).getDouble(s, k) * w.getDouble(k, j);
                    }
                    for (int k = 0; k < units; k++) {
                        acc += h[k] * mh.get(g).getDouble(s, k) * u.getDouble(k, j);
                    }
                    z[j] = acc;
                }
                for (int j = 0; j < units; j++) {
                    c[j] = sigmoid(z[units + j]) * c[j] + sigmoid(z[j]) * Math.tanh(z[2 * units + j]);
                    h[j] = sigmoid(z[3 * units + j]) * Math.tanh(c[j]);
                    out[s][t][j] = h[j];
                }
            }
        }
        return out;
    }

    private static List<INDArray> masks(int count, long batch, long width, double rate, DataType dt) {
        List<INDArray> m = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            INDArray a = Nd4j.ones(dt, batch, width);
            Nd4j.getExecutioner().exec(new DropOutInverted(a, 1 - rate));
            m.add(a);
        }
        return m;
    }

    @Test
    void lstmWithPerGateMasksMatchesKerasFormulas() {
        Nd4j.getRandom().setSeed(21);
        int in = 3, units = 4, steps = 5, batch = 6;
        List<INDArray> weights = List.of(Nd4j.randn(DataType.FLOAT, in, 4 * units).muli(0.7),
                Nd4j.randn(DataType.FLOAT, units, 4 * units).muli(0.7), Nd4j.randn(DataType.FLOAT, 4 * units).muli(0.3));
        MultiLayerNetwork net = translated(new LSTM(units).returnSequences(true).dropout(0.3).recurrentDropout(0.4),
                steps, in, weights);
        List<INDArray> mx = masks(4, batch, in, 0.3, DataType.FLOAT);
        List<INDArray> mh = masks(4, batch, units, 0.4, DataType.FLOAT);
        ((RecurrentSameDiffLayer.DropoutRuntime) net.getLayer(0)).fixMasks(mx, mh);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, steps, in);
        INDArray got = output(net, x, true);
        double[][][] want = maskedLstm(x, weights.get(0), weights.get(1), weights.get(2), mx, mh);
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < units; j++) {
                    assertEquals(want[s][t][j], got.getDouble(s, t, j), 1e-5, "sample " + s + " step " + t);
                }
            }
        }
    }

    /** Central-difference gradient check in double precision with fixed (random) masks. */
    private static boolean gradientsMatch(RecurrentSameDiffLayer layer, int gates, double rate, double recurrentRate) {
        return gradientsMatch(layer, gates, rate, recurrentRate, null);
    }

    /** As above, with Keras's mask {@code (batch, T)} as DL4J's feature mask, or none. */
    private static boolean gradientsMatch(RecurrentSameDiffLayer layer, int gates, double rate, double recurrentRate,
                                          INDArray mask) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Nd4j.getRandom().setSeed(12345);
            long in = 3, units = 4, steps = 4, batch = 3;
            MultiLayerNetwork net = net(layer, in, steps, DataType.DOUBLE);
            net.params().assign(Nd4j.randn(DataType.DOUBLE, net.params().shape()).muli(0.5));
            ((RecurrentSameDiffLayer.DropoutRuntime) net.getLayer(0)).fixMasks(
                    rate > 0 ? masks(gates, batch, in, rate, DataType.DOUBLE) : null,
                    recurrentRate > 0 ? masks(gates, batch, units, recurrentRate, DataType.DOUBLE) : null);
            INDArray x = Nd4j.randn(DataType.DOUBLE, batch, steps, in);
            INDArray y = Nd4j.randn(DataType.DOUBLE, batch, units);
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .inputMask(mask == null ? null : mask.castTo(DataType.DOUBLE)).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void gradientsWithDropoutMasksAreExact() {
        assertTrue(gradientsMatch(new LstmSameDiffLayer("l", 3, 4, 4, false, true, "tanh", "sigmoid", 0.3, 0.4, null,
                List.of(), List.of()), 4, 0.3, 0.4), "LSTM");
        assertTrue(gradientsMatch(new GruSameDiffLayer("g", 3, 4, 4, false, true, "tanh", "sigmoid", 0.3, 0.4, null,
                List.of(), List.of()), 3, 0.3, 0.4), "GRU");
        assertTrue(gradientsMatch(new SimpleRnnSameDiffLayer("r", 3, 4, 4, false, true, "tanh", 0.0, 0.4, null,
                List.of(), List.of()), 1, 0.0, 0.4), "SimpleRNN");
    }

    @Test
    void gradientsWithAKerasMaskAreExact() {
        // masked steps at the start, in the middle and at the end: the carried states' gradients are exact
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 0, 1}, {0, 1, 1, 1}, {1, 1, 1, 0}});
        assertTrue(gradientsMatch(new LstmSameDiffLayer("l", 3, 4, 4, false, true, "tanh", "sigmoid", 0.3, 0.4, null,
                List.of(), List.of()), 4, 0.3, 0.4, mask), "LSTM");
        assertTrue(gradientsMatch(new SimpleRnnSameDiffLayer("r", 3, 4, 4, false, true, "tanh", 0.2, 0.0, null,
                List.of(), List.of()), 1, 0.2, 0.0, mask), "SimpleRNN");
    }

    @Test
    void fitLearnsWithDropoutAndRecurrentDropout() {
        Kerasj.setRandomSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 5, 1);
        INDArray y = x.sum(1).reshape(128, 1).divi(2.5);
        Sequential m = new Sequential(new Input(5, 1), new LSTM(8).dropout(0.1).recurrentDropout(0.2), new Dense(1));
        m.compile("adam", "mse");
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, FitOptions.defaults().epochs(20).batchSize(32).verbose(0));
        double after = m.evaluate(x, y).get("loss");
        assertTrue(after < before / 4, before + " → " + after);
    }
}
