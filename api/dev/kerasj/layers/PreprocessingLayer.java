package dev.kerasj.layers;

import dev.kerasj.initializers.Initializer;
import dev.kerasj.internal.HostArrays;
import dev.kerasj.internal.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The base of Keras's preprocessing layers ({@link Rescaling}, {@link Normalization}, {@link Resizing},
 * the lookups, the random augmentations…): layers that compute in Java on the host, on whole batches,
 * inside a model or alone.
 *
 * <p>Alone, {@link #call(INDArray)} is Keras's {@code layer(inputs)} (inference) and
 * {@link #call(INDArray, boolean)} Keras's {@code layer(inputs, training=…)}; the first call builds the
 * layer for the input's sample shape. Inside a model the engine runs {@link #compute} on every batch, with
 * {@code training} true only in {@code fit}'s training steps, so augmentation acts only while training and
 * is the identity in {@code predict} and {@code evaluate}, as in Keras.
 *
 * <p>Gradients: layers whose output is an affine function of the input ({@link Rescaling},
 * {@link Normalization}) pass the exact gradient to the layers before them ({@link #inputGradient});
 * the others (resizing, cropping, lookups, augmentation) pass none. Keras's guides put them at the front of
 * the model, where no gradient is needed; a trainable layer before one of them gets a zero gradient.
 *
 * <pre>{@code
 * INDArray y = new Rescaling(1.0 / 255).call(images);        // (n, h, w, c) scaled to [0, 1]
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class PreprocessingLayer<T extends PreprocessingLayer<T>> extends BaseLayer<T> {
    private SplittableRandom random;
    private volatile boolean readsIndexedStrings;

    protected PreprocessingLayer() {
    }

    /**
     * The generator of a random layer's draws: seeded with {@code seed} (Keras's {@code seed} argument) the
     * first time, else from kerasj's global generator ({@code Kerasj.setRandomSeed}); one stream per layer.
     */
    protected final synchronized SplittableRandom random(Long seed) {
        if (random == null) {
            random = new SplittableRandom(seed != null ? seed : dev.kerasj.internal.KerasRandom.nextSeed());
        }
        return random;
    }

    /** Keras's {@code layer(inputs)} in inference mode: the output for a batch {@code (batch, …)}. */
    public final INDArray call(INDArray inputs) {
        return call(inputs, false);
    }

    /**
     * Keras's {@code layer(inputs, training=training)}: the output for a batch {@code (batch, …sample shape)};
     * builds the layer for the sample shape on the first call.
     */
    public final INDArray call(INDArray inputs, boolean training) {
        dev.kerasj.internal.Checks.notNull("inputs", inputs);
        if (inputs.rank() < 2) {
            throw new IllegalArgumentException("Invalid `inputs` for layer \"" + displayName() + "\" (" + className()
                    + "): expected a batch of rank ≥ 2, (batch, …). Received: shape=" + Shapes.tuple(inputs.shape()));
        }
        long[] sample = Shapes.dropFirst(inputs.shape());
        boolean strings = inputs.dataType() == DataType.UTF8;
        if (strings && !acceptsStrings()) {
            throw new IllegalArgumentException("Layer \"" + displayName() + "\" (" + className() + ") computes on numbers; "
                    + "it received strings. Map strings to numbers first, e.g. with StringLookup or Hashing.");
        }
        if (!isBuilt()) {
            build(sample);
        } else if (!Arrays.equals(sample, builtInputShape())) {
            throw incompatible(sample, "shape=" + Shapes.withBatch(builtInputShape()), null);
        }
        return strings ? encodeIndexed(indexStrings(inputs)) : compute(inputs, training, currentWeights());
    }

    // ---------------------------------------------------------------- string inputs

    /**
     * Whether this layer reads strings (StringLookup, Hashing). Such a layer may read a model {@link Input} of
     * dtype "string": the model maps the string arrays it is given to numbers with {@link #indexStrings} on
     * the host before anything else, and the engine, which computes on numbers only, runs
     * {@link #encodeIndexed} on them.
     */
    public boolean acceptsStrings() {
        return false;
    }

    /** For a layer that {@link #acceptsStrings}: each string of {@code strings} (UTF-8 array) → its index, same shape. */
    public INDArray indexStrings(INDArray strings) {
        throw new UnsupportedOperationException(className() + " does not read strings.");
    }

    /** For a layer that {@link #acceptsStrings}: the output for indices from {@link #indexStrings}. */
    public INDArray encodeIndexed(INDArray indices) {
        throw new UnsupportedOperationException(className() + " does not read strings.");
    }

    /**
     * Called by the model when this layer reads one of its string {@link Input}s: from then on the engine gives
     * {@link #compute} the indices of the strings rather than raw values (see {@link #acceptsStrings}).
     */
    public final void readsIndexedStrings() {
        if (!acceptsStrings()) {
            throw new IllegalArgumentException("Layer \"" + displayName() + "\" (" + className() + ") cannot read a string "
                    + "Input; the first layer after an Input of dtype \"string\" must be StringLookup or Hashing.");
        }
        this.readsIndexedStrings = true;
    }

    /** Whether the model feeds this layer indices of strings (see {@link #readsIndexedStrings()}). */
    protected final boolean inputIsIndexedStrings() {
        return readsIndexedStrings;
    }

    /** The strings of a UTF-8 array, row-major. */
    protected static String[] strings(INDArray utf8) {
        long n = utf8.length();
        String[] out = new String[(int) n];
        INDArray flat = utf8.reshape(n);
        for (int i = 0; i < n; i++) {
            out[i] = flat.getString(i);
        }
        return out;
    }

    /**
     * The engine's hook (not for user code): the output for the batch {@code inputs} (batch axis first, the
     * built sample shape) in training or inference mode, given this layer's weights in Keras's layout and
     * the order of {@link #weightSpecs()}. Never modifies {@code inputs}.
     */
    public abstract INDArray compute(INDArray inputs, boolean training, List<INDArray> weights);

    /**
     * The engine's hook for backpropagation: {@code dL/d inputs} given {@code dL/d outputs} of the same
     * batch, or {@code null} when no gradient passes through this layer (the default; see the class notes).
     */
    public INDArray inputGradient(INDArray inputs, INDArray outputGradient, List<INDArray> weights) {
        return null;
    }

    /** The weights {@link #call} uses: the model's when the layer is in one, else the layer's own state. */
    protected List<INDArray> currentWeights() {
        if (weightSpecs().isEmpty()) {
            return List.of();
        }
        if (LayerBindings.ownerOf(this) != null) {
            return getWeights();
        }
        List<INDArray> w = new ArrayList<>();
        for (WeightSpec spec : weightSpecs()) {
            w.add(spec.initializer().generate(spec.shape(), new SplittableRandom(0)));
        }
        return w;
    }

    /** A weight that starts as the layer's state of the moment (its adapted values, read when the model draws). */
    protected static WeightSpec stateWeight(String name, long[] shape, Supplier<float[]> values) {
        return new WeightSpec(name, shape, new StateInitializer(values), null, false);
    }

    /** {@code inputs} as a float32 array in row-major order (one copy at most). */
    protected static float[] floats(INDArray inputs) {
        return HostArrays.floats(inputs);
    }

    /**
     * A saved number or flat list of numbers ({@code scale}, {@code mean}, a factor…) as an array; null stays
     * null; anything else fails naming {@code owner} and {@code key}.
     */
    protected static double[] configNumbers(String owner, String key, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (value instanceof List<?> l) {
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("Invalid " + owner + " config: `" + key + "` must be a number or a "
                            + "flat list of numbers. Received: " + key + "=" + value);
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        throw new IllegalArgumentException("Invalid " + owner + " config: `" + key + "` must be a number or a list of "
                + "numbers. Received: " + key + "=" + value);
    }

    /** The config form of {@link #configNumbers}: one number, or a list (always a list when {@code list}). */
    protected static Object configValue(double[] v, boolean list) {
        if (v == null) {
            return null;
        }
        if (!list && v.length == 1) {
            return v[0];
        }
        List<Object> l = new ArrayList<>();
        for (double d : v) {
            l.add(d);
        }
        return l;
    }

    /** A new float32 array of {@code shape} holding {@code values} (row-major). */
    protected static INDArray array(float[] values, long... shape) {
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    /** Writes the weights of this layer into its model, when it is in one (after {@code adapt}). */
    protected final void pushStateToModel() {
        if (isBuilt() && !weightSpecs().isEmpty() && LayerBindings.ownerOf(this) != null) {
            List<INDArray> w = new ArrayList<>();
            for (WeightSpec spec : weightSpecs()) {
                w.add(spec.initializer().generate(spec.shape(), new SplittableRandom(0)));
            }
            setWeights(w.toArray(new INDArray[0]));
        }
    }

    /** The values of a preprocessing layer's state, copied into a new weight (never saved as an initializer). */
    private static final class StateInitializer extends Initializer {
        private final Supplier<float[]> values;

        StateInitializer(Supplier<float[]> values) {
            super(null);
            this.values = values;
        }

        @Override
        protected void fill(float[] out, long[] shape, SplittableRandom rng) {
            float[] v = values.get();
            if (v.length != out.length) {
                throw new IllegalStateException("Preprocessing state of " + v.length + " values does not fill a weight of shape "
                        + Shapes.tuple(shape) + ".");
            }
            System.arraycopy(v, 0, out, 0, out.length);
        }
    }
}
