package dev.kerasj.layers;

import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A user-defined layer (Keras's subclassed Layer: build / call / get_config) that trains, saves and loads:
 * outputs against the formula it defines, one SGD step against the hand gradient, a model that learns,
 * a non-trainable weight that stays put, save → load with registration, and the error without it.
 */
class CustomLayerTest {
    /** y = x · w + b per feature; w starts at ones, b at zeros; b optionally frozen. */
    public static final class Scale extends CustomLayer {
        private final boolean trainableBias;

        public Scale(boolean trainableBias) {
            this.trainableBias = trainableBias;
        }

        @Override
        protected void buildWeights(long[] inputShape) {
            addWeight("w", new long[] {inputShape[inputShape.length - 1]}, "ones", true);
            addWeight("b", new long[] {inputShape[inputShape.length - 1]}, "zeros", trainableBias);
        }

        @Override
        public SDVariable call(SameDiff sd, SDVariable x, Map<String, SDVariable> w) {
            return x.mul(w.get("w")).add(w.get("b"));
        }

        @Override
        protected Map<String, Object> customConfig() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("trainable_bias", trainableBias);
            return c;
        }

        public static Scale fromConfig(Map<String, Object> config) {
            return restore(new Scale(!Boolean.FALSE.equals(config.get("trainable_bias"))), config);
        }
    }

    /** A dense layer written by hand: y = tanh(x W + b), with a units option and an output shape of its own. */
    public static final class TanhDense extends CustomLayer {
        private final int units;

        public TanhDense(int units) {
            this.units = units;
        }

        @Override
        protected void buildWeights(long[] inputShape) {
            addWeight("kernel", new long[] {inputShape[0], units}, "glorot_uniform", true);
            addWeight("bias", new long[] {units}, "zeros", true);
        }

        @Override
        protected long[] computeOutputShape(long[] inputShape) {
            return new long[] {units};
        }

        @Override
        public SDVariable call(SameDiff sd, SDVariable x, Map<String, SDVariable> w) {
            return sd.math.tanh(x.mmul(w.get("kernel")).add(w.get("bias")));
        }

        @Override
        protected Map<String, Object> customConfig() {
            return Map.of("units", units);
        }

        public static TanhDense fromConfig(Map<String, Object> config) {
            return restore(new TanhDense(((Number) config.get("units")).intValue()), config);
        }
    }

    @Test
    void computesWhatCallDefinesWithKerasShapesAndCounts() {
        Layers.register("Scale", Scale::fromConfig);
        Sequential m = LayerTestSupport.check(new Scale(true), s(3), new LayerTestSupport.Expect(s(3), 6, 6));
        Layer scale = m.layers().get(0);
        scale.setWeights(Nd4j.createFromArray(2f, 3f, 4f), Nd4j.createFromArray(1f, 0f, -1f));
        INDArray y = m.predict(Nd4j.createFromArray(new float[][] {{1, 1, 1}, {0.5f, -1, 2}}));
        assertArrayEquals(new float[] {3, 3, 3, 2, -3, 7}, y.reshape(6).toFloatVector(), 1e-6f);
    }

    @Test
    void oneSgdStepFollowsTheHandGradient() {
        Sequential m = new Sequential(new Input(2), new Scale(true));
        m.compile(new dev.kerasj.optimizers.SGD(0.1), "mse");
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}});
        INDArray y = Nd4j.createFromArray(new float[][] {{3, 0}});
        m.fit(x, y, 1, 1);
        // mse = mean((x w + b − y)²) over 2 outputs; w = 1, b = 0: residuals r = (1−3, 2−0) = (−2, 2)
        // dL/dw_j = 2/2 · r_j x_j = (−2, 4); dL/db_j = r_j = (−2, 2); SGD(0.1): w = (1.2, 0.6), b = (0.2, −0.2)
        List<INDArray> w = m.layers().get(0).getWeights();
        assertArrayEquals(new float[] {1.2f, 0.6f}, w.get(0).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {0.2f, -0.2f}, w.get(1).toFloatVector(), 1e-6f);
    }

    @Test
    void frozenWeightStaysPut() {
        Sequential m = new Sequential(new Input(2), new Scale(false));
        m.compile("adam", "mse");
        m.fit(Nd4j.rand(DataType.FLOAT, 32, 2), Nd4j.rand(DataType.FLOAT, 32, 2).addi(5), 3, 8);
        List<INDArray> w = m.layers().get(0).getWeights();
        assertEquals(0.0, w.get(1).amaxNumber().doubleValue(), "non-trainable bias stays at zero");
        assertNotEquals(1.0, w.get(0).getDouble(0), "trainable weight moved");
        assertEquals(2, m.countTrainableParams());
    }

    @Test
    void trainsSavesAndLoadsInSequentialAndFunctionalModels(@TempDir Path dir) throws Exception {
        Layers.register("TanhDense", TanhDense::fromConfig);
        Kerasj.setRandomSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 4).subi(0.5);
        INDArray y = x.sum(true, 1).reshape(256, 1).muli(0.8); // a smooth target TanhDense can fit
        Sequential seq = new Sequential(new Input(4), new TanhDense(8), new Dense(1));
        seq.compile("adam", "mse");
        double first = seq.evaluate(x, y).get("loss");
        seq.fit(x, y, 40, 32);
        double last = seq.evaluate(x, y).get("loss");
        assertTrue(last < first / 10, "loss " + first + " -> " + last);
        assertEquals(4 * 8 + 8 + 9, seq.countParams());
        Path f = dir.resolve("custom.kerasj");
        seq.save(f);
        Sequential loaded = Sequential.load(f);
        assertInstanceOf(TanhDense.class, loaded.layers().get(0));
        assertTrue(seq.predict(x).equalsWithEps(loaded.predict(x), 1e-6));
        loaded.fit(x, y, 1, 32); // training continues after load

        Input in = new Input(4);
        KerasTensor h = new TanhDense(6).apply(in);
        Model fn = new Model(in, new Dense(1).apply(new Add().apply(h, new TanhDense(6).apply(in))));
        fn.compile("adam", "mse");
        fn.fit(x, y, 2, 32);
        Path g = dir.resolve("custom-fn.kerasj");
        fn.save(g);
        Model back = Model.load(g);
        assertTrue(fn.predict(x).equalsWithEps(back.predict(x), 1e-6));
    }

    @Test
    void anUnregisteredCustomClassIsNamedWhenLoading() {
        Map<String, Object> cfg = Map.of("class_name", "NotRegisteredLayer", "config", Map.of("name", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Layers.deserialize(cfg));
        assertTrue(e.getMessage().contains("NotRegisteredLayer"), e.getMessage());
    }

    @Test
    void addWeightOutsideBuildIsAClearError() {
        class Late extends CustomLayer {
            @Override
            public SDVariable call(SameDiff sd, SDVariable x, Map<String, SDVariable> w) {
                addWeight("late", new long[] {1}, "zeros", true);
                return x;
            }
        }
        Sequential m = new Sequential(new Input(2), new Late());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.predict(Nd4j.ones(DataType.FLOAT, 1, 2)));
        assertTrue(e.getMessage().contains("buildWeights"), e.getMessage());
    }
}
