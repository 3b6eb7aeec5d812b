package dev.kerasj.applications;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.DepthwiseConv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.kerasj.testing.TestModels.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transfer learning as keras.io's guide does it, on a small MobileNetV2 (alpha 0.35, 32×32): freeze the base
 * ({@code base.trainable(false)}), put a new head on it, train; then unfreeze the top block and fine-tune with a low
 * learning rate. The base's kernels are set by hand first ({@link #heInit}), standing in for pretrained weights.
 * Frozen, every base weight and BatchNormalization statistic is bit-identical after {@code fit}
 * (frozen BN runs in inference mode); unfrozen, the top block's kernels and BN statistics change while the blocks
 * below stay as they were; the head learns a two-class task.
 */
class TransferLearningApplicationsTest {
    private static final FitOptions QUIET = FitOptions.defaults().verbose(0).seed(5);

    /**
     * Two classes of 32×32 RGB images: a grey level drawn per image (40–100) with per-pixel noise (±2), plus a warm
     * (red +120) or a cool (blue +120) cast; labels (n, 1).
     */
    static INDArray[] warmAndCool(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 32 * 32 * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double grey = 40 + r.nextDouble() * 60;
            for (int p = 0; p < 32 * 32; p++) {
                for (int c = 0; c < 3; c++) {
                    float cast = (c == 0 && y[i] == 0) || (c == 2 && y[i] == 1) ? 120f : 0f;
                    x[(i * 32 * 32 + p) * 3 + c] = (float) (grey + r.nextDouble() * 4 - 2) + cast;
                }
            }
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, 32, 32, 3}), Nd4j.create(y, new long[] {n, 1})};
    }

    /**
     * Stands in for pretrained weights: He-normal kernels ({@code std = sqrt(2 / fan_in)}, fan_in = kh·kw·cin, or
     * kh·kw for a depthwise kernel), so that with BatchNormalization's initial statistics (mean 0, variance 1: the
     * identity at inference) the signal keeps its scale through the frozen network. Keras's own random initialization
     * (glorot_uniform) shrinks it to ~1e-11 after 17 blocks when the BNs run in inference mode.
     */
    static void heInit(Model base, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Layer l : base.layers()) {
            if (l instanceof Conv2D || l instanceof DepthwiseConv2D) {
                INDArray k = l.getWeights().get(0);
                long fanIn = k.size(0) * k.size(1) * (l instanceof DepthwiseConv2D ? 1 : k.size(2));
                double std = Math.sqrt(2.0 / fanIn);
                INDArray w = Nd4j.create(DataType.FLOAT, k.shape());
                for (long i = 0; i < w.length(); i++) {
                    w.putScalar(i, gaussian(r) * std);
                }
                List<INDArray> all = new ArrayList<>(l.getWeights());
                all.set(0, w);
                l.setWeights(all.toArray(new INDArray[0]));
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static List<List<INDArray>> weightsOf(List<Layer> layers) {
        List<List<INDArray>> w = new ArrayList<>();
        for (Layer l : layers) {
            w.add(l.getWeights());
        }
        return w;
    }

    @Test
    void frozenBaseStaysBitIdenticalThenTheUnfrozenTopBlockFineTunes() {
        Kerasj.setRandomSeed(21);
        INDArray[] train = warmAndCool(64, 1);
        INDArray x = MobileNetV2.preprocessInput(train[0]);
        Model base = Applications.mobileNetV2(ApplicationOptions.defaults().includeTop(false).alpha(0.35)
                .inputShape(32, 32, 3).pooling("avg"));
        heInit(base, 3);
        base.trainable(false);
        assertFalse(base.trainable());
        assertEquals(0, base.countTrainableParams());

        Input inputs = new Input(32, 32, 3);
        KerasTensor features = base.apply(inputs);
        Dense head = new Dense(1, "sigmoid").name("head");
        Model model = new Model(inputs, head.apply(new Dropout(0.2).apply(features)));
        List<Layer> baseLayers = new ArrayList<>(model.layers().subList(0, base.layers().size()));
        assertEquals("Conv1", baseLayers.get(0).name());
        List<List<INDArray>> before = weightsOf(baseLayers);

        model.compile(new Adam(1e-2), "binary_crossentropy", "accuracy");
        assertEquals(1281, model.countTrainableParams());            // 1280 features + 1 bias
        assertTrue(model.summaryString().contains("Trainable params: 1,281"), model.summaryString());
        model.fit(x, train[1], QUIET.epochs(6).batchSize(16));
        for (int i = 0; i < baseLayers.size(); i++) {
            assertSameBits(before.get(i), baseLayers.get(i).getWeights(), "frozen " + baseLayers.get(i).name());
        }
        INDArray[] test = warmAndCool(64, 2);
        double accuracy = model.evaluate(MobileNetV2.preprocessInput(test[0]), test[1]).get("accuracy");
        assertTrue(accuracy >= 0.95, "head accuracy on held-out images: " + accuracy);

        // Fine-tune: unfreeze the last inverted residual block (its BatchNormalizations train again too).
        List<String> top = new ArrayList<>();
        for (Layer l : baseLayers) {
            if (l.name().startsWith("block_16_")) {
                l.trainable(true);
                top.add(l.name());
            }
        }
        assertEquals(List.of("block_16_expand", "block_16_expand_BN", "block_16_expand_relu", "block_16_depthwise",
                "block_16_depthwise_BN", "block_16_depthwise_relu", "block_16_project", "block_16_project_BN"), top);
        model.compile(new Adam(1e-5), "binary_crossentropy", "accuracy");
        model.fit(x, train[1], QUIET.epochs(1).batchSize(16));
        for (int i = 0; i < baseLayers.size(); i++) {
            Layer l = baseLayers.get(i);
            if (top.contains(l.name()) && !l.getWeights().isEmpty()) {
                for (int w = 0; w < before.get(i).size(); w++) {
                    assertFalse(before.get(i).get(w).equals(l.getWeights().get(w)),
                            l.name() + " weight " + w + " changes once unfrozen");
                }
            } else {
                assertSameBits(before.get(i), l.getWeights(), "still frozen " + l.name());
            }
        }
        assertTrue(baseLayers.stream().anyMatch(l -> l instanceof BatchNormalization && top.contains(l.name())));
    }
}
