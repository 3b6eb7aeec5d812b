package dev.kerasj.layers;

import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one shared layer check, as Keras's {@code run_layer_test}: a layer put in a model after an
 * {@link Input} must have the expected (Keras) output shape and parameter counts, survive a config
 * round-trip through {@link Layers#deserialize}, and give the same predictions after save → load.
 */
public final class LayerTestSupport {
    private LayerTestSupport() {
    }

    /** Expected figures, from Keras's formulas. */
    public record Expect(long[] outputShape, long params, long trainableParams) {
        public static Expect of(long[] outputShape, long params) {
            return new Expect(outputShape, params, params);
        }
    }

    /**
     * Runs every check for {@code layer} on samples of {@code inputShape} with random normal data;
     * returns the model (the layer is its only layer).
     */
    public static Sequential check(Layer layer, long[] inputShape, Expect expect) {
        return check(layer, inputShape, expect, null);
    }

    /** As {@link #check(Layer, long[], Expect)}, predicting on {@code x} (e.g. integer ids) when given. */
    public static Sequential check(Layer layer, long[] inputShape, Expect expect, INDArray x) {
        Kerasj.setRandomSeed(7);
        Sequential model = new Sequential(new Input(inputShape), layer);
        assertArrayEquals(expect.outputShape(), layer.outputShape(), "output shape of " + layer);
        assertArrayEquals(expect.outputShape(), model.outputShape(), "model output shape");
        assertEquals(expect.params(), layer.countParams(), "parameter count of " + layer);
        assertEquals(expect.trainableParams(), layer.countTrainableParams(), "trainable parameter count of " + layer);
        assertEquals(expect.params(), model.countParams());
        long specs = 0;
        for (WeightSpec w : layer.weightSpecs()) {
            specs += w.size();
        }
        assertEquals(expect.params(), specs);

        // config round-trip
        Map<String, Object> serialized = layer.serialize();
        Layer copy = Layers.deserialize(serialized);
        assertEquals(layer.getClass(), copy.getClass());
        assertEquals(serialized, copy.serialize(), "config round-trip of " + layer);
        Sequential rebuilt = new Sequential(new Input(inputShape), copy);
        assertArrayEquals(expect.outputShape(), copy.outputShape(), "output shape of the deserialized layer");
        assertEquals(expect.params(), rebuilt.countParams());

        // weights in Keras's layout, in the order of weightSpecs
        List<INDArray> weights = layer.getWeights();
        assertEquals(layer.weightSpecs().size(), weights.size());
        for (int i = 0; i < weights.size(); i++) {
            assertArrayEquals(layer.weightSpecs().get(i).shape(), weights.get(i).shape(),
                    "shape of weight " + layer.weightSpecs().get(i).name());
        }

        // save → load → same predictions
        INDArray input = x != null ? x : Nd4j.randn(DataType.FLOAT, prepend(3, inputShape));
        INDArray before = model.predict(input);
        assertArrayEquals(prepend(input.size(0), expect.outputShape()), before.shape(), "prediction shape");
        assertTrue(before.isEmpty() || Double.isFinite(before.sumNumber().doubleValue()), "finite predictions");
        try {
            Path f = Files.createTempFile("layer-test", ".kerasj");
            try {
                model.save(f);
                Sequential loaded = Sequential.load(f);
                assertEquals(layer.getClass(), loaded.layers().get(0).getClass());
                INDArray after = loaded.predict(input);
                assertTrue(before.equalsWithEps(after, 1e-6), "predictions after save/load");
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return model;
    }

    /** {@code (first, …rest)}. */
    public static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** A float array of {@code shape} holding {@code 0, 1, 2, …} times {@code step} in row-major order. */
    public static INDArray ramp(double step, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Nd4j.arange(n).castTo(DataType.FLOAT).muli(step).reshape('c', shape);
    }

    /** {@code (n, …)} shape helper. */
    public static long[] s(long... dims) {
        return dims;
    }
}
