package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.layers.Activation;
import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Conv1D;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.losses.MeanSquaredError;
import dev.kerasj.optimizers.Adam;
import dev.kerasj.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static dev.kerasj.testing.TestModels.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frozen ({@code trainable(false)}) BatchNormalization runs in inference mode inside {@code fit}, as in
 * Keras: {@code y = gamma·(x − moving_mean)/sqrt(moving_var + ε) + beta}, its four arrays untouched, and
 * the gradient {@code dL/dx = dL/dy · gamma/sqrt(moving_var + ε)} still reaching the layers below. Every
 * expected number here is computed by hand from those formulas.
 */
class FrozenBatchNormalizationTest {
    private static final FitOptions ONE_STEP = FitOptions.defaults().verbose(0).epochs(1).shuffle(false).seed(1);
    private static final double EPS = 1e-3;
    // Non-trivial statistics: gamma, beta, moving_mean, moving_variance for 3 channels.
    private static final List<INDArray> BN_WEIGHTS = List.of(
            Nd4j.createFromArray(1.5f, -0.5f, 2.0f), Nd4j.createFromArray(0.1f, 0.2f, -0.3f),
            Nd4j.createFromArray(0.5f, -1.0f, 2.0f), Nd4j.createFromArray(4.0f, 0.25f, 1.5f));

    private static INDArray uniform(long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextDouble() * 4 - 2);
        }
        return a.castTo(DataType.FLOAT);
    }

    /** The inference formula on rows {@code (N, C)}, in double, with weights [gamma, beta,] mean, var. */
    private static INDArray inference(INDArray rows, List<INDArray> bnWeights) {
        INDArray mean = bnWeights.get(bnWeights.size() - 2).castTo(DataType.DOUBLE);
        INDArray y = rows.castTo(DataType.DOUBLE).subRowVector(mean).mulRowVector(dScale(bnWeights));
        return bnWeights.size() == 4 ? y.addRowVector(bnWeights.get(1).castTo(DataType.DOUBLE)) : y;
    }

    /** {@code gamma / sqrt(moving_var + ε)} (gamma 1 without scale). */
    private static INDArray dScale(List<INDArray> bnWeights) {
        INDArray var = bnWeights.get(bnWeights.size() - 1).castTo(DataType.DOUBLE);
        INDArray inv = org.nd4j.linalg.ops.transforms.Transforms.pow(var.add(EPS), -0.5, false);
        return bnWeights.size() == 4 ? inv.mul(bnWeights.get(0).castTo(DataType.DOUBLE)) : inv;
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(e.shape());
        double diff = e.sub(a).amaxNumber().doubleValue();
        assertTrue(diff < tol, what + ": max difference " + diff + "\nexpected " + e + "\nactual " + a);
    }

    /**
     * One full-batch SGD step on {@code before → frozen BN} (BN is the output, MSE loss), by hand on rows
     * {@code (N, Cin)} (the batch for Dense; every pixel for a 1×1 Conv2D, whose kernel is a {@code (Cin, C)}
     * matrix): h = x·W + b, y = inference(h), dL/dy = 2(y − t)/(N·C), dL/dh = dL/dy · gamma/sqrt(var + ε),
     * W' = W − lr·xᵀ·dL/dh, b' = b − lr·Σ dL/dh; the first epoch's loss is mean((y − t)²) at the old weights.
     */
    private static void checkOneStep(Model model, Layer before, BatchNormalization bn, INDArray x, INDArray t,
                                     INDArray xRows, INDArray tRows) {
        checkOneStep(model, before, bn, x, t, xRows, tRows, BN_WEIGHTS);
    }

    private static void checkOneStep(Model model, Layer before, BatchNormalization bn, INDArray x, INDArray t,
                                     INDArray xRows, INDArray tRows, List<INDArray> bnWeights) {
        double lr = 0.1;
        bn.setWeights(bnWeights.toArray(new INDArray[0]));
        List<INDArray> w = before.getWeights();
        INDArray kernel = w.get(0).castTo(DataType.DOUBLE).reshape(xRows.size(1), 3);
        INDArray h = xRows.castTo(DataType.DOUBLE).mmul(kernel).addRowVector(w.get(1).castTo(DataType.DOUBLE));
        INDArray y = inference(h, bnWeights);
        INDArray err = y.sub(tRows.castTo(DataType.DOUBLE));
        double n = xRows.size(0);
        double expectedLoss = err.mul(err).meanNumber().doubleValue();
        INDArray dh = err.mul(2 / (n * 3)).mulRowVector(dScale(bnWeights));
        INDArray expectedKernel = kernel.sub(xRows.castTo(DataType.DOUBLE).transpose().mmul(dh).mul(lr));
        INDArray expectedBias = w.get(1).castTo(DataType.DOUBLE).sub(dh.sum(0).mul(lr));

        model.compile(new SGD(lr), new MeanSquaredError());
        History hist = model.fit(x, t, ONE_STEP.batchSize((int) x.size(0)));

        assertEquals(expectedLoss, hist.history().get("loss").get(0), 1e-5 * Math.max(1, expectedLoss),
                "training loss = the inference formula's loss (batch statistics would give another)");
        assertSameBits(bnWeights, bn.getWeights(), "frozen BatchNormalization after fit");
        assertClose(expectedKernel, before.getWeights().get(0), 1e-5, "kernel after one SGD step through the frozen BN");
        assertClose(expectedBias, before.getWeights().get(1), 1e-5, "bias after one SGD step through the frozen BN");
        // Inference agrees with the same formula at the new weights.
        List<INDArray> w2 = before.getWeights();
        INDArray h2 = xRows.castTo(DataType.DOUBLE).mmul(w2.get(0).castTo(DataType.DOUBLE).reshape(xRows.size(1), 3))
                .addRowVector(w2.get(1).castTo(DataType.DOUBLE));
        assertClose(inference(h2, bnWeights), model.predict(x).reshape(xRows.size(0), 3), 1e-4, "predict");
    }

    @Test
    void denseFeaturesInSequentialTrainThroughTheInferenceFormula() {
        Kerasj.setRandomSeed(3);
        Dense before = new Dense(3).name("before");
        BatchNormalization bn = new BatchNormalization();
        Sequential m = new Sequential(new Input(4), before, bn);
        bn.trainable(false);
        INDArray x = uniform(1, 6, 4);
        INDArray t = uniform(2, 6, 3);
        checkOneStep(m, before, bn, x, t, x, t);
    }

    @Test
    void nhwcImagesInAFunctionalModelTrainThroughTheInferenceFormula() {
        Kerasj.setRandomSeed(4);
        Input in = new Input(3, 3, 2);
        Conv2D before = new Conv2D(3, 1);
        BatchNormalization bn = new BatchNormalization();
        Model m = new Model(in, bn.apply(before.apply(in)));
        bn.trainable(false);
        INDArray x = uniform(3, 2, 3, 3, 2);
        INDArray t = uniform(4, 2, 3, 3, 3);
        checkOneStep(m, before, bn, x, t, x.reshape('c', 18, 2), t.reshape('c', 18, 3));
    }

    @Test
    void withoutCenterAndScaleOnlyTheMovingStatisticsNormalise() {
        Kerasj.setRandomSeed(7);
        Dense before = new Dense(3);
        BatchNormalization bn = new BatchNormalization().center(false).scale(false);
        Sequential m = new Sequential(new Input(4), before, bn);
        bn.trainable(false);
        INDArray x = uniform(10, 5, 4);
        INDArray t = uniform(11, 5, 3);
        checkOneStep(m, before, bn, x, t, x, t, BN_WEIGHTS.subList(2, 4));
    }

    @Test
    void sequencesTrainThroughTheInferenceFormula() {
        Kerasj.setRandomSeed(6);
        Conv1D before = new Conv1D(3, 1);
        BatchNormalization bn = new BatchNormalization();
        Sequential m = new Sequential(new Input(4, 2), before, bn);
        bn.trainable(false);
        INDArray x = uniform(8, 3, 4, 2);
        INDArray t = uniform(9, 3, 4, 3);
        checkOneStep(m, before, bn, x, t, x.reshape('c', 12, 2), t.reshape('c', 12, 3));
    }

    @Test
    void frozenBatchNormBetweenTrainableLayersKeepsItsWeightsWhileTheOthersTrainAndSavesCounts(@TempDir Path dir)
            throws Exception {
        Kerasj.setRandomSeed(5);
        Dense first = new Dense(3, "tanh").name("first");
        BatchNormalization bn = new BatchNormalization().name("bn");
        Dense last = new Dense(1).name("last");
        Sequential m = new Sequential(new Input(4), first, bn, last);
        m.compile(new Adam(0.01), new MeanSquaredError());
        bn.setWeights(BN_WEIGHTS.toArray(new INDArray[0]));
        bn.trainable(false);
        // Dense 4·3+3 = 15, BN 4·3 = 12 (all non-trainable when frozen), Dense 3+1 = 4.
        assertEquals(31, m.countParams());
        assertEquals(19, m.countTrainableParams());
        assertTrue(m.summaryString().contains("Non-trainable params: 12"), m.summaryString());

        INDArray x = uniform(6, 32, 4);
        INDArray y = uniform(7, 32, 1);
        List<INDArray> firstBefore = first.getWeights();
        List<INDArray> lastBefore = last.getWeights();
        m.fit(x, y, FitOptions.defaults().verbose(0).epochs(3).batchSize(8).seed(2));
        assertSameBits(BN_WEIGHTS, bn.getWeights(), "frozen BN after 3 epochs of Adam");
        assertFalse(firstBefore.get(0).equals(first.getWeights().get(0)), "the layer before the frozen BN trains");
        assertFalse(lastBefore.get(0).equals(last.getWeights().get(0)), "the layer after the frozen BN trains");

        Path file = dir.resolve("frozen-bn.kerasj");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        BatchNormalization lbn = (BatchNormalization) loaded.getLayer("bn");
        assertFalse(lbn.trainable(), "trainable=false survives save/load");
        assertSameBits(BN_WEIGHTS, lbn.getWeights(), "BN weights after load");
        assertSameBits(m.predict(x), loaded.predict(x), "predictions after load");
        assertEquals(12, loaded.countParams() - loaded.countTrainableParams());
        loaded.fit(x, y, FitOptions.defaults().verbose(0).epochs(1).batchSize(8).seed(2));
        assertSameBits(BN_WEIGHTS, lbn.getWeights(), "loaded frozen BN after fit");

        // Unfreezing trains it again (batch statistics, moving statistics updated).
        bn.trainable(true);
        m.fit(x, y, FitOptions.defaults().verbose(0).epochs(1).batchSize(8).seed(2));
        assertFalse(BN_WEIGHTS.get(2).equals(bn.getWeights().get(2)), "unfrozen moving mean moves");
        assertFalse(BN_WEIGHTS.get(0).equals(bn.getWeights().get(0)), "unfrozen gamma trains");
    }

    // ---------------------------------------------------------------- transfer learning with a CNN body

    /**
     * {@code n} 6×6×1 images of noise in [0, 1) with one 3×3 quadrant brightened by 1: task A labels the
     * quadrant (4 classes), task B whether it is on the left (2 classes).
     */
    private static INDArray[] quadrants(int n, long seed, boolean leftRight) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][][][] x = new float[n][6][6][1];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int q = r.nextInt(4);
            for (int h = 0; h < 6; h++) {
                for (int w = 0; w < 6; w++) {
                    boolean inQ = h / 3 == q / 2 && w / 3 == q % 2;
                    x[i][h][w][0] = (float) (r.nextDouble() + (inQ ? 1 : 0));
                }
            }
            y[i] = leftRight ? q % 2 : q;
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y).reshape(n, 1)};
    }

    /** Conv2D → BN → relu → Conv2D → BN → relu → Flatten → softmax head, trained 2 epochs on task A. */
    private static Sequential trainedCnn() {
        Kerasj.setRandomSeed(21);
        Sequential m = new Sequential(new Input(6, 6, 1), new Conv2D(4, 3).name("conv1"), new BatchNormalization().name("bn1"),
                new Activation("relu"), new Conv2D(4, 3).name("conv2"), new BatchNormalization().name("bn2"),
                new Activation("relu"), new Flatten(), new Dense(4, "softmax").name("head"));
        m.compile(new Adam(0.01), "sparse_categorical_crossentropy");
        INDArray[] a = quadrants(96, 1, false);
        m.fit(a[0], a[1], FitOptions.defaults().verbose(0).epochs(2).batchSize(16).seed(1));
        return m;
    }

    private static List<List<INDArray>> weightsOf(Model m, String... names) {
        List<List<INDArray>> out = new java.util.ArrayList<>();
        for (String n : names) {
            out.add(m.getLayer(n).getWeights());
        }
        return out;
    }

    @Test
    void kerasTransferLearningIdiomFrozenCnnBodyWithBatchNormStaysBitIdenticalWhileTheNewHeadTrains() {
        Sequential base = trainedCnn();
        base.pop();
        for (Layer l : base.layers()) {
            l.trainable(false);                              // freeze the whole body, both BNs included
        }
        List<List<INDArray>> body = weightsOf(base, "conv1", "bn1", "conv2", "bn2");
        Dense head = new Dense(2, "softmax").name("new_head");
        base.add(head);
        base.compile(new Adam(0.01), "sparse_categorical_crossentropy");
        // conv 3·3·1·4+4 = 40, bn 4·4 = 16, conv 3·3·4·4+4 = 148, bn 16: 220 frozen; head 2·2·4·2+2 = 34.
        assertEquals(254, base.countParams());
        assertEquals(34, base.countTrainableParams());
        List<INDArray> headBefore = head.getWeights();
        INDArray[] b = quadrants(64, 2, true);
        base.fit(b[0], b[1], FitOptions.defaults().verbose(0).epochs(2).batchSize(16).seed(2));
        assertSameBits(body.get(0), base.getLayer("conv1").getWeights(), "conv1");
        assertSameBits(body.get(1), base.getLayer("bn1").getWeights(), "bn1 (gamma, beta, moving mean/var)");
        assertSameBits(body.get(2), base.getLayer("conv2").getWeights(), "conv2");
        assertSameBits(body.get(3), base.getLayer("bn2").getWeights(), "bn2 (gamma, beta, moving mean/var)");
        assertFalse(headBefore.get(0).equals(head.getWeights().get(0)), "the new head trains");
    }

    @Test
    void freezingASliceOfLayersWithABatchNormKeepsItWhileTheRestTrains() {
        Sequential base = trainedCnn();
        for (Layer l : base.layers().subList(0, 3)) {
            l.trainable(false);                              // conv1, bn1, relu
        }
        List<List<INDArray>> before = weightsOf(base, "conv1", "bn1", "conv2", "bn2", "head");
        INDArray[] a = quadrants(64, 3, false);
        base.fit(a[0], a[1], FitOptions.defaults().verbose(0).epochs(1).batchSize(16).seed(3));
        assertSameBits(before.get(0), base.getLayer("conv1").getWeights(), "frozen conv1");
        assertSameBits(before.get(1), base.getLayer("bn1").getWeights(), "frozen bn1");
        assertFalse(before.get(2).get(0).equals(base.getLayer("conv2").getWeights().get(0)), "conv2 trains");
        assertFalse(before.get(3).get(0).equals(base.getLayer("bn2").getWeights().get(0)), "bn2 gamma trains");
        assertFalse(before.get(3).get(2).equals(base.getLayer("bn2").getWeights().get(2)), "bn2 moving mean moves");
        assertFalse(before.get(4).get(0).equals(base.getLayer("head").getWeights().get(0)), "head trains");
    }

    @Test
    void aWholeFrozenModelNestedInAFunctionalModelKeepsItsBatchNorms() {
        Sequential base = trainedCnn();
        base.pop();
        for (Layer l : base.layers()) {
            l.trainable(false);
        }
        List<List<INDArray>> body = weightsOf(base, "conv1", "bn1", "conv2", "bn2");
        Input x = new Input(6, 6, 1);
        Dense head = new Dense(2, "softmax").name("new_head");
        Model transfer = new Model(x, head.apply(base.apply(x)));
        transfer.compile(new Adam(0.01), "sparse_categorical_crossentropy");
        assertEquals(34, transfer.countTrainableParams());
        List<INDArray> headBefore = head.getWeights();
        INDArray[] b = quadrants(64, 4, true);
        transfer.fit(b[0], b[1], FitOptions.defaults().verbose(0).epochs(2).batchSize(16).seed(4));
        assertSameBits(body.get(0), transfer.getLayer("conv1").getWeights(), "conv1");
        assertSameBits(body.get(1), transfer.getLayer("bn1").getWeights(), "bn1");
        assertSameBits(body.get(2), transfer.getLayer("conv2").getWeights(), "conv2");
        assertSameBits(body.get(3), transfer.getLayer("bn2").getWeights(), "bn2");
        assertFalse(headBefore.get(0).equals(head.getWeights().get(0)), "the new head trains");
    }
}
