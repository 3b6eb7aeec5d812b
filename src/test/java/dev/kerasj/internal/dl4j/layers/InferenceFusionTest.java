package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.applications.ApplicationOptions;
import dev.kerasj.applications.Applications;
import dev.kerasj.internal.dl4j.Dl4jRuntimes;
import dev.kerasj.internal.runtime.ModelRuntimes;
import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.layers.Activation;
import dev.kerasj.layers.Add;
import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.DepthwiseConv2D;
import dev.kerasj.layers.GlobalAveragePooling2D;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.ReLU;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code predict} computes convolution → BatchNormalization (→ ReLU/ReLU6) chains in one pass (the
 * BatchNormalization folded into the kernel and bias); the result equals the network run layer by layer (DL4J's
 * forward pass with the fusions off: the convolution, DL4J's BatchNormalization with its moving statistics, the
 * activation layer) to float rounding, with random kernels and non-trivial BatchNormalization statistics.
 * Training never fuses: a {@code fit} after a {@code predict} gives the same weights as without it.
 */
class InferenceFusionTest {
    /**
     * Gamma in [0.5, 1.5], beta in [−2, 8] (so that ReLU6 clamps at both ends), moving mean in [−0.5, 0.5], moving
     * variance in [0.2, 2.2].
     */
    private static void randomStatistics(Model model, long seed) {
        Random r = new Random(seed);
        for (Layer l : model.layers()) {
            if (l instanceof BatchNormalization bn) {
                int c = (int) bn.builtInputShape()[bn.builtInputShape().length - 1];
                List<INDArray> w = new ArrayList<>();
                w.add(uniform(r, c, 0.5, 1.5));
                w.add(uniform(r, c, -2, 8));
                w.add(uniform(r, c, -0.5, 0.5));
                w.add(uniform(r, c, 0.2, 2.2));
                bn.setWeights(w.toArray(new INDArray[0]));
            }
        }
    }

    private static INDArray uniform(Random r, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return Nd4j.createFromArray(v);
    }

    /** The network run layer by layer: DL4J's forward pass with the fusions off (as {@code fit} runs it). */
    private static INDArray layerByLayer(Model model, INDArray x) {
        org.deeplearning4j.nn.api.Model net = Dl4jRuntimes.network(ModelRuntimes.of(model));
        return net instanceof ComputationGraph g ? g.output(false, x)[0] : ((MultiLayerNetwork) net).output(x, false);
    }

    private static INDArray images(int n, int size, long seed) {
        Random r = new Random(seed);
        return uniform(r, n * size * size * 3, -1, 1).reshape(n, size, size, 3);
    }

    private static void fusedMatchesLayerByLayer(Model model, int chains, INDArray x, String what) {
        NetworkRuntime rt = ModelRuntimes.of(model);
        assertEquals(chains, Dl4jRuntimes.fusedChains(rt), what + ": fused chains");
        INDArray fused = model.predict(x, (int) x.size(0));
        INDArray reference = layerByLayer(model, x).reshape(fused.shape());   // DL4J's output: one row per position
        assertTrue(reference.std().getDouble() > 1e-3, what + ": a non-constant output");
        FastConvLayersTest.assertClose(reference, fused, what);
    }

    @Test
    void mobileNetV2MatchesLayerByLayer() {
        Kerasj.setRandomSeed(3);
        Model m = Applications.mobileNetV2(ApplicationOptions.defaults().alpha(0.35).inputShape(32, 32, 3).includeTop(false));
        randomStatistics(m, 4);
        // 52 convolutions each followed by a BatchNormalization; 35 of those by a ReLU(6.)
        fusedMatchesLayerByLayer(m, 52, images(2, 32, 5), "MobileNetV2 alpha 0.35");
    }

    @Test
    void resNetBlocksMatchLayerByLayer() {
        Kerasj.setRandomSeed(6);
        Input in = new Input(12, 12, 3);
        KerasTensor x = new Activation("relu").apply(new BatchNormalization().apply(
                new Conv2D(8, 3).padding("same").apply(in)));
        KerasTensor y = new Activation("relu").apply(new BatchNormalization().apply(
                new Conv2D(8, 3).padding("same").apply(x)));
        y = new BatchNormalization().apply(new Conv2D(8, 1).useBias(false).apply(y));
        KerasTensor out = new Activation("relu").apply(new Add().apply(x, y));   // BN → Add: fused without the ReLU
        KerasTensor z = new ReLU(6.0).apply(new BatchNormalization().apply(
                new DepthwiseConv2D(3).strides(2, 2).apply(out)));
        Model m = new Model(in, new Dense(3).apply(new GlobalAveragePooling2D().apply(z)));
        randomStatistics(m, 7);
        fusedMatchesLayerByLayer(m, 4, images(3, 12, 8), "ResNet-like blocks");
    }

    @Test
    void sequentialConvBatchNormReluMatchesLayerByLayer() {
        Kerasj.setRandomSeed(9);
        Sequential m = new Sequential(new Input(10, 10, 3), new Conv2D(6, 3), new BatchNormalization(), new ReLU(),
                new Conv2D(4, 3).strides(2, 2), new BatchNormalization(), new GlobalAveragePooling2D(), new Dense(2));
        randomStatistics(m, 10);
        fusedMatchesLayerByLayer(m, 2, images(4, 10, 11), "Sequential conv-BN-ReLU");
    }

    /** Maps large enough that the product is split over two cores and depthwise/post-pass rows spread (Parallel). */
    @Test
    void largeMapsSplitOverCoresMatchLayerByLayer() {
        Kerasj.setRandomSeed(12);
        Sequential m = new Sequential(new Input(72, 72, 32), new Conv2D(64, 1), new BatchNormalization(), new ReLU(6.0),
                new DepthwiseConv2D(3).padding("same"), new BatchNormalization(), new ReLU(6.0),
                new Conv2D(48, 3).strides(2, 2), new BatchNormalization(), new GlobalAveragePooling2D(), new Dense(2));
        randomStatistics(m, 13);
        fusedMatchesLayerByLayer(m, 3, uniform(new Random(14), 2 * 72 * 72 * 32, -1, 1).reshape(2, 72, 72, 32), "large maps");
    }

    @Test
    void anIntermediateOutputIsNotFusedAway() {
        Kerasj.setRandomSeed(12);
        Input in = new Input(8, 8, 3);
        KerasTensor conv = new Conv2D(4, 3).apply(in);
        KerasTensor bn = new BatchNormalization().apply(conv);
        Model m = new Model(List.of(in), List.of(new ReLU().apply(bn), conv));   // the convolution's own output is read
        randomStatistics(m, 13);
        assertEquals(0, Dl4jRuntimes.fusedChains(ModelRuntimes.of(m)));
    }

    @Test
    void trainingNeverFusesAndPredictFollowsTheNewWeights() {
        INDArray x = images(8, 10, 14);
        INDArray y = Nd4j.createFromArray(new float[] {0, 1, 0, 1, 1, 0, 1, 0}).reshape(8, 1);
        List<List<INDArray>> after = new ArrayList<>();
        Sequential trained = null;
        for (boolean predictFirst : new boolean[] {false, true}) {
            Kerasj.setRandomSeed(15);
            Sequential m = new Sequential(new Input(10, 10, 3), new Conv2D(4, 3), new BatchNormalization(), new ReLU(6.0),
                    new GlobalAveragePooling2D(), new Dense(1, "sigmoid"));
            m.compile("adam", "binary_crossentropy");
            if (predictFirst) {
                m.predict(x, 8);
            }
            m.fit(x, y, FitOptions.defaults().epochs(2).batchSize(4).verbose(0).shuffle(false));
            List<INDArray> w = new ArrayList<>();
            for (Layer l : m.layers()) {
                w.addAll(l.getWeights());
            }
            after.add(w);
            trained = m;
        }
        for (int i = 0; i < after.get(0).size(); i++) {
            assertEquals(after.get(0).get(i), after.get(1).get(i), "weight " + i + " after fit");
        }
        FastConvLayersTest.assertClose(layerByLayer(trained, x), trained.predict(x, 8), "predict after fit");
    }
}
