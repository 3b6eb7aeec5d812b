package dev.kerasj.layers.preprocessing;

import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.LayerTestSupport;
import dev.kerasj.layers.Layers;
import dev.kerasj.layers.Normalization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Normalization against Keras 3: y = (x − mean) / max(sqrt(var), 1e-7), population variance, and the
 * docstring's examples (keras/src/layers/preprocessing/normalization.py).
 */
class NormalizationTest {
    private static INDArray m(float[][] v) {
        return Nd4j.createFromArray(v);
    }

    @Test
    void adaptComputesMeanAndPopulationVariancePerFeature() {
        Normalization n = new Normalization();
        n.adapt(m(new float[][] {{1, 10}, {3, 30}, {8, 20}}));
        // hand: mean (1+3+8)/3 = 4, (10+30+20)/3 = 20; var (9+1+16)/3, (100+100+0)/3
        assertArrayEquals(new float[] {4f, 20f}, n.mean().toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {26f / 3, 200f / 3}, n.variance().toFloatVector(), 1e-5f);
    }

    @Test
    void kerasDocExamples() {
        // axis=None: one mean and variance for all values
        Normalization all = new Normalization(new int[0]);
        all.adapt(m(new float[][] {{1}, {2}, {3}, {4}, {5}}));
        assertArrayEquals(new float[] {-1.4142135f, -0.70710677f, 0f}, all.call(m(new float[][] {{1}, {2}, {3}})).reshape(3)
                .toFloatVector(), 1e-6f);
        // axis=-1 on (4, 3)
        float[][] adapt = {{0, 7, 4}, {2, 9, 6}, {0, 7, 4}, {2, 9, 6}};
        Normalization perFeature = new Normalization(-1);
        perFeature.adapt(m(adapt));
        assertArrayEquals(new float[] {-1f, -1f, -1f}, perFeature.call(m(new float[][] {{0, 7, 4}})).toFloatVector(), 1e-6f);
        // mean and variance given
        Normalization given = new Normalization(-1, new double[] {3}, new double[] {2});
        assertArrayEquals(new float[] {-1.4142135f, -0.70710677f, 0f}, given.call(m(new float[][] {{1}, {2}, {3}}))
                .reshape(3).toFloatVector(), 1e-6f);
        // invert
        Normalization inv = new Normalization(-1).invert(true);
        inv.adapt(m(adapt));
        assertArrayEquals(new float[] {2f, 10f, 8f}, inv.call(m(new float[][] {{1, 2, 3}})).toFloatVector(), 1e-6f);
    }

    @Test
    void zeroVarianceDividesByEpsilon() {
        Normalization n = new Normalization();
        n.adapt(m(new float[][] {{5}, {5}}));
        assertEquals(0.0, n.variance().getDouble(0));
        assertEquals((6 - 5) / 1e-7, n.call(m(new float[][] {{6}})).getDouble(0), 1);
    }

    @Test
    void weightsAreKeras3sMeanVarianceCountAllNonTrainable() {
        Normalization n = new Normalization();
        n.adapt(m(new float[][] {{1, 10, 0}, {3, 30, 2}}));
        // 2·features + 1 parameters, none trainable (Keras 3: mean (3,), variance (3,), count ())
        LayerTestSupport.check(n, s(3), new LayerTestSupport.Expect(s(3), 7, 0), m(new float[][] {{2, 20, 1}, {0, 0, 0}}));
        List<String> names = n.weightSpecs().stream().map(w -> w.name()).toList();
        assertEquals(List.of("mean", "variance", "count"), names);
        assertEquals(0, n.weightSpecs().get(2).shape().length);
        assertEquals(0.0, n.getWeights().get(2).getDouble(0));
        assertTrue(n.getConfig().containsKey("mean") && n.getConfig().get("mean") == null);
        assertEquals(List.of(-1), n.getConfig().get("axis"));
        // fixed statistics: constants, no weights
        LayerTestSupport.check(new Normalization(-1, new double[] {1, 2}, new double[] {4, 9}), s(2),
                LayerTestSupport.Expect.of(s(2), 0));
    }

    @Test
    void imagesPerChannelInAModelAndSavedState() throws Exception {
        Normalization n = new Normalization(-1);
        INDArray images = Nd4j.createFromArray(new float[] {0, 10, 100, 2, 30, 300}).reshape(1, 1, 2, 3);
        n.adapt(images);
        assertArrayEquals(new float[] {1f, 20f, 200f}, n.mean().toFloatVector(), 1e-5f);
        assertArrayEquals(new float[] {1f, 100f, 10000f}, n.variance().toFloatVector(), 1e-2f);
        Sequential model = new Sequential(new Input(1, 2, 3), n);
        INDArray y = model.predict(images);
        assertArrayEquals(new float[] {-1, -1, -1, 1, 1, 1}, y.reshape(6).toFloatVector(), 1e-5f);
        Path f = Files.createTempFile("norm", ".kerasj");
        try {
            model.save(f);
            Sequential loaded = Sequential.load(f);
            Normalization l = (Normalization) loaded.layers().get(0);
            assertArrayEquals(new float[] {1f, 20f, 200f}, l.mean().toFloatVector(), 1e-5f);
            assertArrayEquals(y.reshape(6).toFloatVector(), loaded.predict(images).reshape(6).toFloatVector(), 1e-6f);
        } finally {
            Files.deleteIfExists(f);
        }
        assertEquals(7, model.countParams());
        assertEquals(0, model.countTrainableParams());
        assertTrue(model.summaryString().contains("Non-trainable params: 7"), model.summaryString());
    }

    @Test
    void adaptAfterJoiningAModelUpdatesTheModelAndFitLeavesItAlone() {
        Normalization n = new Normalization();
        Sequential model = new Sequential(new Input(2), n, new Dense(1));
        INDArray x = m(new float[][] {{0, 4}, {2, 8}});
        n.adapt(x);
        assertArrayEquals(new float[] {1f, 6f}, n.getWeights().get(0).toFloatVector(), 1e-6f);
        model.compile("sgd", "mse");
        model.fit(x, m(new float[][] {{1}, {2}}), 2, 2);
        assertArrayEquals(new float[] {1f, 6f}, n.getWeights().get(0).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {1f, 4f}, n.getWeights().get(1).toFloatVector(), 1e-6f);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(-1, new double[] {1}, null));
        assertThrows(IllegalStateException.class, () -> new Normalization(-1, new double[] {1}, new double[] {1})
                .adapt(m(new float[][] {{1}})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Input(3), new Normalization(5)));
        assertTrue(e.getMessage().contains("axis"), e.getMessage());
        Normalization n = new Normalization();
        n.adapt(m(new float[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> n.adapt(m(new float[][] {{1, 2, 3}})));
        assertEquals(List.of(), ((Normalization) Layers.deserialize(new Normalization(new int[0]).serialize())).getConfig()
                .get("axis"));
    }
}
