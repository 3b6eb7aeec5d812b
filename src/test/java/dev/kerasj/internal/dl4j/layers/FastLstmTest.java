package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.LSTM;
import dev.kerasj.optimizers.SGD;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * kerasj's LSTM runtime layer ({@link MaskAwareLayers.Lstm}, which takes a fast float kernel for unmasked
 * NWC tanh/sigmoid sequences and DL4J's own code otherwise) computes what DL4J's LSTM computes with the same
 * parameters: outputs (inference and training), score, every parameter gradient, the input gradient and the
 * parameters after updates; plus one SGD step through kerasj's public API against Keras's LSTM
 * back-propagated by hand.
 */
class FastLstmTest {
    /**
     * Agreement to 1e-5 relative to the reference's largest magnitude, plus 1e-6 absolute for arrays near
     * zero: float rounding of sums taken in another order.
     */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        INDArray diff = e.sub(actual.castTo(DataType.DOUBLE));
        double scale = e.amaxNumber().doubleValue();
        double err = diff.amaxNumber().doubleValue();
        assertTrue(err <= 1e-5 * scale + 1e-6, what + ": max difference " + err + " (largest reference magnitude "
                + scale + ") at flat index " + Transforms.abs(diff).reshape(diff.length()).argMax().getInt(0));
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-5 * Math.abs(expected) + 1e-6,
                what + ": expected " + expected + ", got " + actual);
    }

    /** DL4J's LSTM, every setting written out. */
    private static org.deeplearning4j.nn.conf.layers.LSTM lstm(long nIn, long units, double forgetBias) {
        return new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(nIn).nOut(units)
                .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                .dataFormat(RNNFormat.NWC).forgetGateBiasInit(forgetBias)
                .weightInit(WeightInit.XAVIER_UNIFORM).helperAllowFallback(true).build();
    }

    /**
     * nIn → LSTM(units[0]) → … → LSTM(units[k]) (each but the last returning sequences; the last wrapped in
     * LastTimeStep when {@code lastStep}, as kerasj's return_sequences=false) → MSE identity output of
     * {@code nOut} (RnnOutputLayer NWC for sequences, OutputLayer after LastTimeStep). {@code kerasj}: the
     * LSTMs are kerasj's {@link MaskAwareLayers.Lstm}, else DL4J's.
     */
    private static MultiLayerNetwork net(boolean kerasj, DataType type, IUpdater updater, int nIn, int[] units,
                                         boolean lastStep, double forgetBias, int nOut, boolean carryOutput) {
        return net(kerasj, type, updater, nIn, units, lastStep, forgetBias, nOut, carryOutput, null);
    }

    /** {@link #net} with {@code dropout} on every LSTM's input (null: none). */
    private static MultiLayerNetwork net(boolean kerasj, DataType type, IUpdater updater, int nIn, int[] units,
                                         boolean lastStep, double forgetBias, int nOut, boolean carryOutput,
                                         org.deeplearning4j.nn.conf.dropout.IDropout dropout) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .updater(updater).list();
        long in = nIn;
        for (int i = 0; i < units.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer l = lstm(in, units[i], forgetBias);
            l.setIDropout(dropout);
            if (kerasj) {
                MaskAwareLayers.Lstm k = MaskAwareLayers.Lstm.of((org.deeplearning4j.nn.conf.layers.LSTM) l);
                k.setCarryOutput(carryOutput);
                l = k;
            }
            b.layer(lastStep && i == units.length - 1 ? new LastTimeStep(l) : l);
            in = units[i];
        }
        if (lastStep) {
            b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER).nIn(in).nOut(nOut).build());
        } else {
            b.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER).dataFormat(RNNFormat.NWC).nIn(in).nOut(nOut).build());
        }
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    /** A reference (DL4J) and a kerasj network with the same parameters. */
    private record Nets(MultiLayerNetwork ref, MultiLayerNetwork test) {
    }

    private static Nets pair(DataType type, IUpdater updater, int nIn, int[] units, boolean lastStep, double forgetBias,
                              boolean randomParams, boolean carryOutput) {
        MultiLayerNetwork ref = net(false, type, updater, nIn, units, lastStep, forgetBias, 2, carryOutput);
        MultiLayerNetwork test = net(true, type, updater, nIn, units, lastStep, forgetBias, 2, carryOutput);
        for (int i = 0; i < units.length; i++) {
            Layer l = test.getLayer(i);
            assertInstanceOf(MaskAwareLayers.Lstm.Impl.class, l instanceof LastTimeStepLayer w ? w.getUnderlying() : l);
            Layer r = ref.getLayer(i);
            assertFalse((r instanceof LastTimeStepLayer w ? w.getUnderlying() : r) instanceof MaskAwareLayers.Lstm.Impl);
        }
        if (randomParams) {
            // normal·0.5 for every weight and bias: gates saturate differently from unit to unit
            ref.setParams(Nd4j.randn(type, ref.params().shape()).muli(0.5));
        }
        test.setParams(ref.params().dup());
        assertEquals(ref.params(), test.params());
        return new Nets(ref, test);
    }

    private static Map<String, INDArray> copy(Gradient g) {
        Map<String, INDArray> out = new TreeMap<>();
        g.gradientForVariable().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static void assertSameGradients(Map<String, INDArray> ref, Map<String, INDArray> test, String what) {
        assertEquals(ref.keySet(), test.keySet(), what + " gradient keys");
        for (String k : ref.keySet()) {
            assertClose(ref.get(k), test.get(k), what + " gradient " + k);
        }
    }

    /**
     * Compares the two networks on (x, y): inference and training outputs, every layer's training
     * activations, score and parameter gradients of computeGradientAndScore, the gradients and input gradient
     * of calculateGradients, then parameters after {@code steps} fit steps. {@code fMask}: the feature mask
     * or null (DL4J's plain LSTM without LastTimeStep is given it directly: its feedForwardMaskArray ignores
     * the network's); {@code lMask}: the labels mask or null; {@code outputs}: whether to compare outputs.
     */
    private static void compare(Nets p, INDArray x, INDArray y, INDArray fMask, int steps, String id) {
        compare(p, x, y, fMask, null, true, steps, id);
    }

    private static void compare(Nets p, INDArray x, INDArray y, INDArray fMask, INDArray lMask, boolean outputs,
                                int steps, String id) {
        MultiLayerNetwork ref = p.ref, test = p.test;
        boolean directMask = fMask != null && !(ref.getLayer(0) instanceof LastTimeStepLayer);
        Runnable maskRef = () -> {
            if (directMask) {
                ref.getLayer(0).setMaskArray(fMask);
            }
        };
        // 1. inference and training-mode forward passes
        if (outputs) {
            maskRef.run();
            INDArray yRef = ref.output(x, false, fMask, lMask);
            INDArray yTest = test.output(x, false, fMask, lMask);
            assertClose(yRef, yTest, id + " output");
            maskRef.run();
            assertClose(ref.output(x, true, fMask, lMask), test.output(x, true, fMask, lMask), id + " training output");
        }
        if (outputs && fMask == null) {
            List<INDArray> aRef = ref.feedForward(x, true);
            List<INDArray> aTest = test.feedForward(x, true);
            assertEquals(aRef.size(), aTest.size());
            for (int i = 0; i < aRef.size(); i++) {
                assertClose(aRef.get(i), aTest.get(i), id + " training activations of layer " + (i - 1));
            }
        }
        // 2. score and parameter gradients
        for (MultiLayerNetwork n : List.of(ref, test)) {
            n.setInput(x);
            n.setLabels(y);
            n.setMask(fMask);
            n.setLayerMaskArrays(fMask, lMask);
            maskRef.run();
            n.computeGradientAndScore();
        }
        assertClose(ref.score(), test.score(), id + " score");
        Map<String, INDArray> gRef = copy(ref.gradient());
        Map<String, INDArray> gTest = copy(test.gradient());
        assertTrue(gRef.keySet().containsAll(List.of("0_W", "0_RW", "0_b")), gRef.keySet().toString());
        assertSameGradients(gRef, gTest, id + " computeGradientAndScore");
        // 3. the input gradient (and the gradients again, by the other entry point). DL4J 1.0.0-M2.1's
        // calculateGradients passes its fMask argument on as the labels mask (and the network's mask field as
        // the features mask): the feature mask goes through setMask instead
        maskRef.run();
        ref.setMask(fMask);
        Pair<Gradient, INDArray> cRef = ref.calculateGradients(x, y, null, lMask);
        Map<String, INDArray> cgRef = copy(cRef.getFirst());
        assertNotNull(cRef.getSecond(), id + " input gradient");
        INDArray dxRef = cRef.getSecond().dup();
        test.setMask(fMask);
        Pair<Gradient, INDArray> cTest = test.calculateGradients(x, y, null, lMask);
        assertSameGradients(cgRef, copy(cTest.getFirst()), id + " calculateGradients");
        assertClose(dxRef, cTest.getSecond(), id + " input gradient");
        assertSameGradients(gRef, cgRef, id + " reference's two entry points");   // the reference agrees with itself
        // 4. fit steps
        DataSet data = new DataSet(x, y, fMask, lMask);
        for (int s = 0; s < steps; s++) {
            maskRef.run();
            ref.fit(data);
            test.fit(data);
            assertClose(ref.params(), test.params(), id + " parameters after " + (s + 1) + " fit steps");
        }
    }

    private static INDArray input(DataType type, int batch, int steps, int nIn) {
        return Nd4j.randn(type, batch, steps, nIn);
    }

    private static INDArray labels(DataType type, boolean lastStep, int batch, int steps) {
        return lastStep ? Nd4j.randn(type, batch, 2) : Nd4j.randn(type, batch, steps, 2);
    }

    /** {nIn, units, T, batch}: the benchmark's shape scaled down, the smallest, odd sizes, more units than batch. */
    private static final int[][] SHAPES = {{3, 16, 20, 8}, {1, 1, 1, 1}, {5, 7, 13, 3}, {8, 32, 6, 17}};

    @Test
    void singleLstmMatchesDl4jsWithAndWithoutLastTimeStep() {
        Nd4j.getRandom().setSeed(21);
        for (int[] c : SHAPES) {
            for (boolean lastStep : new boolean[] {false, true}) {
                for (boolean random : new boolean[] {false, true}) {
                    String id = Arrays.toString(c) + (lastStep ? " last step" : " sequences") + (random ? " random" : " init");
                    Nets p = pair(DataType.FLOAT, new Sgd(0.1), c[0], new int[] {c[1]}, lastStep, 1.0, random, true);
                    compare(p, input(DataType.FLOAT, c[3], c[2], c[0]), labels(DataType.FLOAT, lastStep, c[3], c[2]),
                            null, 2, id);
                }
            }
        }
    }

    @Test
    void forgetGateBiasZeroAndOneMatchDl4js() {
        Nd4j.getRandom().setSeed(22);
        for (double forgetBias : new double[] {0.0, 1.0}) {
            Nets p = pair(DataType.FLOAT, new Sgd(0.1), 4, new int[] {6}, true, forgetBias, false, true);
            // DL4J's block order c, f, o, i: the forget block [u, 2u) of b starts at the configured value
            double[] b = p.test.getLayer(0).getParam("b").toDoubleVector();
            assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0}, Arrays.copyOfRange(b, 0, 6));
            assertArrayEquals(new double[] {forgetBias, forgetBias, forgetBias, forgetBias, forgetBias, forgetBias},
                    Arrays.copyOfRange(b, 6, 12));
            assertArrayEquals(new double[12], Arrays.copyOfRange(b, 12, 24));
            compare(p, input(DataType.FLOAT, 5, 9, 4), labels(DataType.FLOAT, true, 5, 9), null, 2, "forget bias " + forgetBias);
        }
    }

    @Test
    void stackedLstmsMatchDl4jsThroughTheSecondLayersInputGradient() {
        Nd4j.getRandom().setSeed(23);
        for (boolean lastStep : new boolean[] {false, true}) {
            for (boolean random : new boolean[] {false, true}) {
                String id = "stacked" + (lastStep ? " last step" : " sequences") + (random ? " random" : " init");
                Nets p = pair(DataType.FLOAT, new Adam(0.01), 3, new int[] {10, 6}, lastStep, 1.0, random, true);
                compare(p, input(DataType.FLOAT, 4, 11, 3), labels(DataType.FLOAT, lastStep, 4, 11), null, 3, id);
            }
        }
    }

    @Test
    void layerBackpropOfAnyEpsilonMatchesDl4js() {
        // the LSTM alone (no output layer): backpropGradient of a random ε, as FastConvLayersTest
        Nd4j.getRandom().setSeed(24);
        for (int[] c : SHAPES) {
            String id = Arrays.toString(c);
            MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
            for (int k = 0; k < 2; k++) {
                org.deeplearning4j.nn.conf.layers.LSTM conf = lstm(c[0], c[1], 1.0);
                nets[k] = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                        .list().layer(k == 0 ? conf : MaskAwareLayers.Lstm.of(conf)).build());
                nets[k].init();
            }
            assertInstanceOf(MaskAwareLayers.Lstm.Impl.class, nets[1].getLayer(0));
            nets[0].setParams(Nd4j.randn(DataType.FLOAT, nets[0].params().shape()).muli(0.5));
            nets[1].setParams(nets[0].params().dup());
            INDArray x = input(DataType.FLOAT, c[3], c[2], c[0]);
            INDArray yRef = nets[0].output(x);
            assertClose(yRef, nets[1].output(x), id + " output");
            INDArray eps = Nd4j.randn(DataType.FLOAT, yRef.shape());
            Pair<Gradient, INDArray> gRef = backprop(nets[0], x, eps);
            Pair<Gradient, INDArray> gTest = backprop(nets[1], x, eps);
            assertClose(gRef.getSecond(), gTest.getSecond(), id + " input gradient");
            assertSameGradients(copy(gRef.getFirst()), copy(gTest.getFirst()), id);
        }
    }

    private static Pair<Gradient, INDArray> backprop(MultiLayerNetwork n, INDArray x, INDArray eps) {
        n.setInput(x);
        n.feedForward(true, false);
        Pair<Gradient, INDArray> p = n.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        Gradient g = new org.deeplearning4j.nn.gradient.DefaultGradient();
        p.getFirst().gradientForVariable().forEach((k, v) -> g.setGradientFor(k, v.dup()));
        return new Pair<>(g, p.getSecond().dup());
    }

    @Test
    void doubleNetworksTakeDl4jsPathAndMatchIt() {
        Nd4j.getRandom().setSeed(25);
        for (boolean lastStep : new boolean[] {false, true}) {
            Nets p = pair(DataType.DOUBLE, new Sgd(0.1), 3, new int[] {5}, lastStep, 1.0, true, true);
            compare(p, input(DataType.DOUBLE, 4, 7, 3), labels(DataType.DOUBLE, lastStep, 4, 7), null, 2,
                    "double" + (lastStep ? " last step" : " sequences"));
        }
        Nets p = pair(DataType.DOUBLE, new Adam(0.01), 2, new int[] {4, 3}, true, 1.0, true, true);
        compare(p, input(DataType.DOUBLE, 3, 6, 2), labels(DataType.DOUBLE, true, 3, 6), null, 2, "double stacked");
    }

    /** (batch, T) mask: sample s keeps its first {@code lengths[s]} steps. */
    private static INDArray mask(int steps, int... lengths) {
        INDArray m = Nd4j.zeros(DataType.FLOAT, lengths.length, steps);
        for (int s = 0; s < lengths.length; s++) {
            for (int t = 0; t < lengths[s]; t++) {
                m.putScalar(s, t, 1.0);
            }
        }
        return m;
    }

    @Test
    void maskedSequencesMatchDl4jsLstm() {
        Nd4j.getRandom().setSeed(26);
        int steps = 8;
        INDArray fMask = mask(steps, 8, 5, 1, 3);
        INDArray x = input(DataType.FLOAT, 4, steps, 3).muli(fMask.reshape(4, steps, 1).broadcast(4, steps, 3));
        // return_sequences=false: DL4J's LastTimeStep hands the network's mask to the LSTM, and takes each
        // sample's last unmasked step
        Nets last = pair(DataType.FLOAT, new Sgd(0.1), 3, new int[] {5}, true, 1.0, true, true);
        compare(last, x, labels(DataType.FLOAT, true, 4, steps), fMask, 2, "masked last step");
        INDArray out = last.test.output(x, false, fMask, null);
        Nets shortOnly = pair(DataType.FLOAT, new Sgd(0.1), 3, new int[] {5}, true, 1.0, false, true);
        shortOnly.test.setParams(last.test.params());
        INDArray firstThree = x.get(NDArrayIndex.interval(3, 4), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
        assertClose(out.get(NDArrayIndex.interval(3, 4), NDArrayIndex.all()), shortOnly.test.output(firstThree),
                "masked sample = its unpadded sequence");

        // return_sequences=true, carryOutput off: DL4J's masked LSTM exactly (zeros at masked steps)
        INDArray y = labels(DataType.FLOAT, false, 4, steps);
        Nets seq = pair(DataType.FLOAT, new Sgd(0.1), 3, new int[] {5}, false, 1.0, true, false);
        // the loss masked as kerasj's mask plan always has it: with ε ≠ 0 at a masked step DL4J's backprop
        // still lets it into the cell-state gradient of the earlier steps although its forward pass zeroes
        // that output (not the derivative of its own forward pass); the kernel gives the derivative (0)
        compare(seq, x, y, fMask, fMask, true, 2, "masked sequences");
        List<INDArray> acts = seq.test.feedForward(x, fMask, null);
        assertEquals(0.0, acts.get(1).mul(Nd4j.ones(DataType.FLOAT, 4, steps).sub(fMask).reshape(4, steps, 1)
                .broadcast(4, steps, 5)).amaxNumber().doubleValue(), "zero outputs at masked steps");

        // carryOutput on (Keras): the same at unmasked steps, the last unmasked output repeated after it;
        // with the loss masked there (labels mask = features mask, as Keras), the score, gradients, input
        // gradient and updates are DL4J's
        Nets carried = pair(DataType.FLOAT, new Sgd(0.1), 3, new int[] {5}, false, 1.0, true, true);
        carried.ref.getLayer(0).setMaskArray(fMask);
        INDArray hRef = carried.ref.feedForward(x, fMask, null).get(1);
        INDArray hTest = carried.test.feedForward(x, fMask, null).get(1);
        int[] lengths = {8, 5, 1, 3};
        for (int s = 0; s < 4; s++) {
            for (int t = 0; t < steps; t++) {
                int from = Math.min(t, lengths[s] - 1);
                assertClose(hRef.get(NDArrayIndex.point(s), NDArrayIndex.point(from), NDArrayIndex.all()),
                        hTest.get(NDArrayIndex.point(s), NDArrayIndex.point(t), NDArrayIndex.all()),
                        "carried output sample " + s + " step " + t);
            }
        }
        compare(carried, x, y, fMask, fMask, false, 2, "carried masked sequences");
    }

    /**
     * Keras's carry-over at a masked step in the middle of a sequence (kerasj's runtime refuses such masks
     * before they reach an LSTM, DL4J's resets the state there; the kernel skips the step): the sample
     * [x0, x1 masked, x2] gives the output, parameter gradients and input gradient of [x0, x2].
     */
    @Test
    void aMaskedStepInsideASequenceIsSkippedByTheKernel() {
        Nd4j.getRandom().setSeed(28);
        Nets p = pair(DataType.FLOAT, new Sgd(0.1), 3, new int[] {4}, true, 1.0, true, true);
        MultiLayerNetwork gap = p.test();
        MultiLayerNetwork plain = net(true, DataType.FLOAT, new Sgd(0.1), 3, new int[] {4}, true, 1.0, 2, true);
        plain.setParams(gap.params().dup());
        INDArray x = input(DataType.FLOAT, 1, 3, 3);
        INDArray kept = Nd4j.concat(1, x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1), NDArrayIndex.all()),
                x.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 3), NDArrayIndex.all())).dup();
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 0, 1}});
        INDArray y = labels(DataType.FLOAT, true, 1, 3);
        assertClose(plain.output(kept), gap.output(x, false, mask, null), "output with the gap skipped");
        gap.setMask(mask);
        Pair<Gradient, INDArray> g = gap.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> q = plain.calculateGradients(kept, y, null, null);
        assertSameGradients(copy(q.getFirst()), copy(g.getFirst()), "gap");
        INDArray dx = g.getSecond();
        assertClose(q.getSecond().get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()),
                dx.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()), "input gradient step 0");
        assertClose(q.getSecond().get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all()),
                dx.get(NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all()), "input gradient step 2");
        assertEquals(0.0, dx.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all()).amaxNumber().doubleValue(),
                "no gradient into the masked step");
    }

    /** A dropout with a fixed mask over the NCW input {@code (B, F, T)}: checkable where a random one is not. */
    private static final class FixedDropout implements org.deeplearning4j.nn.conf.dropout.IDropout {
        private final INDArray ncwMask;

        FixedDropout(INDArray ncwMask) {
            this.ncwMask = ncwMask;
        }

        @Override
        public INDArray applyDropout(INDArray in, INDArray result, int iteration, int epoch, LayerWorkspaceMgr ws) {
            return result.assign(in.mul(ncwMask));
        }

        @Override
        public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
            return gradAtInput.assign(gradAtOutput.mul(ncwMask));
        }

        @Override
        public void clear() {
        }

        @Override
        public FixedDropout clone() {
            return this;
        }
    }

    /**
     * Input dropout: the layer's training output, parameter gradients and fit step are those of the
     * same LSTM on the dropped input {@code x ⊙ m}, and its input gradient is that one's {@code ⊙ m}. (DL4J's
     * own NWC backprop recomputes the forward pass from the undropped input, so it is not the reference.)
     */
    @Test
    void inputDropoutTrainsOnTheDroppedInput() {
        Nd4j.getRandom().setSeed(29);
        int b = 4;
        int t = 6;
        int f = 3;
        INDArray x = input(DataType.FLOAT, b, t, f);
        INDArray keep = Nd4j.rand(DataType.FLOAT, b, t, f).gt(0.3).castTo(DataType.FLOAT).muli(1 / 0.7);
        for (boolean lastStep : new boolean[] {false, true}) {
            MultiLayerNetwork drop = net(true, DataType.FLOAT, new Sgd(0.1), f, new int[] {5}, lastStep, 1.0, 2, true,
                    new FixedDropout(keep.permute(0, 2, 1).dup('c')));
            MultiLayerNetwork plain = net(true, DataType.FLOAT, new Sgd(0.1), f, new int[] {5}, lastStep, 1.0, 2, true);
            plain.setParams(drop.params().dup());
            INDArray dropped = x.mul(keep);
            INDArray y = labels(DataType.FLOAT, lastStep, b, t);
            String id = lastStep ? "dropout, last step" : "dropout, sequences";
            assertClose(plain.feedForward(dropped, true).get(2), drop.feedForward(x, true).get(2), id + " output");
            Pair<Gradient, INDArray> g = drop.calculateGradients(x, y, null, null);
            Pair<Gradient, INDArray> q = plain.calculateGradients(dropped, y, null, null);
            assertSameGradients(copy(q.getFirst()), copy(g.getFirst()), id);
            assertClose(q.getSecond().mul(keep), g.getSecond(), id + " input gradient");
            drop.fit(new DataSet(x, y));
            plain.fit(new DataSet(dropped, y));
            assertClose(plain.params(), drop.params(), id + " parameters after a step");
        }
    }

    @Test
    void reusingANetworkAcrossBatchAndSequenceSizesStaysEqual() {
        // a kernel caching scratch buffers must follow the sizes of each call
        Nd4j.getRandom().setSeed(27);
        for (boolean lastStep : new boolean[] {false, true}) {
            Nets p = pair(DataType.FLOAT, new Adam(0.01), 3, new int[] {16}, lastStep, 1.0, true, true);
            int[][] sizes = {{8, 20}, {3, 7}, {8, 20}, {1, 1}, {3, 20}, {8, 7}};
            for (int[] bt : sizes) {
                String id = (lastStep ? "last step" : "sequences") + " batch " + bt[0] + " T " + bt[1];
                compare(p, input(DataType.FLOAT, bt[0], bt[1], 3), labels(DataType.FLOAT, lastStep, bt[0], bt[1]), null, 1, id);
            }
        }
    }

    // ---- one SGD step through kerasj's public API against Keras's LSTM back-propagated by hand ----

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /**
     * One SGD step of Sequential(Input(T, f), LSTM(u), Dense(1)) on MSE, by hand in double: Keras's LSTM
     * (kernel (f, 4u), recurrent (u, 4u), bias (4u), gate blocks i, f, c, o): z = x·W + h·U + b, i = σ(z_i),
     * f = σ(z_f), g = tanh(z_c), o = σ(z_o), c' = f·c + i·g, h' = o·tanh(c'); p = h_T·V + d;
     * L = mean_s (p_s − y_s)². Returns {W, U, b, V, d} after w −= lr·∂L/∂w.
     */
    private static double[][][] handStep(double[][][] x, double[] y, double[][] w, double[][] uw, double[] b,
                                         double[] v, double d, double lr) {
        int n = x.length, steps = x[0].length, f = x[0][0].length, u = uw.length;
        double[][] gW = new double[f][4 * u], gU = new double[u][4 * u];
        double[] gb = new double[4 * u], gV = new double[u];
        double gd = 0;
        for (int s = 0; s < n; s++) {
            double[][] h = new double[steps + 1][u], c = new double[steps + 1][u];
            double[][] gi = new double[steps][u], gf = new double[steps][u], gg = new double[steps][u], go = new double[steps][u];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < u; j++) {
                    double[] z = new double[4];
                    for (int k = 0; k < 4; k++) {
                        int col = k * u + j;
                        double acc = b[col];
                        for (int q = 0; q < f; q++) {
                            acc += x[s][t][q] * w[q][col];
                        }
                        for (int q = 0; q < u; q++) {
                            acc += h[t][q] * uw[q][col];
                        }
                        z[k] = acc;
                    }
                    gi[t][j] = sigmoid(z[0]);
                    gf[t][j] = sigmoid(z[1]);
                    gg[t][j] = Math.tanh(z[2]);
                    go[t][j] = sigmoid(z[3]);
                    c[t + 1][j] = gf[t][j] * c[t][j] + gi[t][j] * gg[t][j];
                    h[t + 1][j] = go[t][j] * Math.tanh(c[t + 1][j]);
                }
            }
            double p = d;
            for (int j = 0; j < u; j++) {
                p += h[steps][j] * v[j];
            }
            double dp = 2 * (p - y[s]) / n;
            gd += dp;
            double[] dh = new double[u], dc = new double[u];
            for (int j = 0; j < u; j++) {
                gV[j] += h[steps][j] * dp;
                dh[j] = dp * v[j];
            }
            for (int t = steps - 1; t >= 0; t--) {
                double[] dz = new double[4 * u];
                for (int j = 0; j < u; j++) {
                    double tc = Math.tanh(c[t + 1][j]);
                    double dcj = dc[j] + dh[j] * go[t][j] * (1 - tc * tc);
                    dz[j] = dcj * gg[t][j] * gi[t][j] * (1 - gi[t][j]);
                    dz[u + j] = dcj * c[t][j] * gf[t][j] * (1 - gf[t][j]);
                    dz[2 * u + j] = dcj * gi[t][j] * (1 - gg[t][j] * gg[t][j]);
                    dz[3 * u + j] = dh[j] * tc * go[t][j] * (1 - go[t][j]);
                    dc[j] = dcj * gf[t][j];
                }
                double[] dhPrev = new double[u];
                for (int col = 0; col < 4 * u; col++) {
                    gb[col] += dz[col];
                    for (int q = 0; q < f; q++) {
                        gW[q][col] += x[s][t][q] * dz[col];
                    }
                    for (int q = 0; q < u; q++) {
                        gU[q][col] += h[t][q] * dz[col];
                        dhPrev[q] += dz[col] * uw[q][col];
                    }
                }
                dh = dhPrev;
            }
        }
        double[][] nW = new double[f][4 * u], nU = new double[u][4 * u];
        double[] nb = new double[4 * u], nV = new double[u];
        for (int col = 0; col < 4 * u; col++) {
            nb[col] = b[col] - lr * gb[col];
            for (int q = 0; q < f; q++) {
                nW[q][col] = w[q][col] - lr * gW[q][col];
            }
            for (int q = 0; q < u; q++) {
                nU[q][col] = uw[q][col] - lr * gU[q][col];
            }
        }
        for (int j = 0; j < u; j++) {
            nV[j] = v[j] - lr * gV[j];
        }
        return new double[][][] {nW, nU, {nb}, {nV}, {{d - lr * gd}}};
    }

    @Test
    void oneSgdStepThroughTheApiIsKerasBackpropagationThroughTime() {
        // T = 3, f = 2, u = 2, batch 2; values large enough that every gate contributes
        double[][][] x = {{{0.5, -1.0}, {1.5, 0.25}, {-0.75, 2.0}}, {{-1.25, 0.5}, {0.0, -1.5}, {1.0, 1.0}}};
        double[] y = {0.7, -0.4};
        double[][] w = {{0.3, -0.5, 0.8, 0.1, -0.2, 0.6, -0.9, 0.4}, {0.7, 0.2, -0.4, -0.6, 0.5, -0.1, 0.3, 0.9}};
        double[][] uw = {{-0.3, 0.4, 0.2, -0.7, 0.6, 0.1, -0.5, 0.8}, {0.5, -0.6, 0.9, 0.3, -0.2, 0.7, 0.4, -0.1}};
        double[] b = {0.1, -0.2, 1.0, 0.8, 0.05, -0.3, 0.2, -0.1};
        double[] v = {0.9, -1.1};
        double d = 0.2;
        double lr = 0.5;
        double[][][] expected = handStep(x, y, w, uw, b, v, d, lr);

        LSTM lstm = new LSTM(2);
        Dense dense = new Dense(1);
        Sequential m = new Sequential(new Input(3, 2), lstm, dense);
        m.compile(new SGD(lr), "mse");
        lstm.setWeights(Nd4j.createFromArray(w).castTo(DataType.FLOAT), Nd4j.createFromArray(uw).castTo(DataType.FLOAT),
                Nd4j.createFromArray(b).castTo(DataType.FLOAT));
        dense.setWeights(Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape(2, 1),
                Nd4j.createFromArray(new double[] {d}).castTo(DataType.FLOAT));
        m.fit(Nd4j.createFromArray(x).castTo(DataType.FLOAT), Nd4j.createFromArray(y).castTo(DataType.FLOAT).reshape(2, 1),
                FitOptions.defaults().epochs(1).batchSize(2).shuffle(false).verbose(0));

        Map<String, INDArray> got = new LinkedHashMap<>();
        got.put("kernel", lstm.getWeights().get(0));
        got.put("recurrent_kernel", lstm.getWeights().get(1));
        got.put("bias", lstm.getWeights().get(2).reshape(1, 8));
        got.put("dense kernel", dense.getWeights().get(0).reshape(1, 2));
        got.put("dense bias", dense.getWeights().get(1).reshape(1, 1));
        double[][][] before = {w, uw, {b}, {v}, {{d}}};
        int k = 0;
        for (Map.Entry<String, INDArray> e : got.entrySet()) {
            double[][] want = expected[k], old = before[k++];
            double moved = 0;
            for (int r = 0; r < want.length; r++) {
                for (int c = 0; c < want[r].length; c++) {
                    // float weights: 1e-5 is ~1e-4 of the typical update (lr·|g| ~ 0.1)
                    assertEquals(want[r][c], e.getValue().getDouble(r, c), 1e-5, e.getKey() + "[" + r + "][" + c + "]");
                    moved = Math.max(moved, Math.abs(want[r][c] - old[r][c]));
                }
            }
            assertTrue(moved > 1e-2, e.getKey() + " moved by only " + moved);
        }
    }
}
