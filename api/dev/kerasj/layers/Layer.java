package dev.kerasj.layers;

import dev.kerasj.internal.Serialized;
import dev.kerasj.internal.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The base of every kerasj layer: a Keras configuration (constructor arguments and fluent options),
 * and, once the layer is part of a model, its shapes and weights.
 *
 * <p>A layer is configured before it joins a model; joining builds it for the incoming shape (checking
 * that shape and computing {@link #outputShape()}), after which only {@link #trainable(boolean)} may
 * change. Shapes never include the batch axis. Weights are read and written in Keras's layout with
 * {@link #getWeights()} / {@link #setWeights(INDArray...)}.
 *
 * <pre>{@code
 * Layer hidden = new Dense(64, "relu").name("hidden");
 * }</pre>
 */
public abstract class Layer {
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.\\-/]+");

    private String name;
    private boolean trainable = true;
    private long[] declaredInputShape;
    private long[] builtInputShape;
    private long[] builtOutputShape;
    private List<WeightSpec> weightSpecs = List.of();
    private int appliedCount;
    /** The model that holds this layer's weights (see {@link LayerBindings}); null until the layer joins one. */
    private volatile LayerBindings.Owner owner;

    static {
        LayerBindings.install(new LayerBindings.Slot() {
            @Override
            public LayerBindings.Owner get(Layer layer) {
                return layer.owner;
            }

            @Override
            public void set(Layer layer, LayerBindings.Owner owner) {
                layer.owner = owner;
            }
        });
    }

    protected Layer() {
    }

    // ---------------------------------------------------------------- identity and options

    /** The layer's name: set by the user, or given by the model ({@code dense}, {@code dense_1}, …). */
    public String name() {
        return name;
    }

    /** Sets the name; it must be unique in its model. Allowed until the layer joins a model (applying it is fine). */
    public Layer name(String name) {
        if (LayerBindings.ownerOf(this) != null) {
            checkConfigurable("name");
        }
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Received an invalid value for `name`, expected letters, digits, '_', '.', "
                    + "'-' or '/'. Received: name=" + name);
        }
        this.name = name;
        return this;
    }

    /** Sets the name without the "not yet part of a model" check (for layers built at construction). */
    protected final void setNameUnchecked(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Received an invalid value for `name`, expected letters, digits, '_', '.', "
                    + "'-' or '/'. Received: name=" + name);
        }
        this.name = name;
    }

    /** Whether training updates this layer's weights (default true). */
    public boolean trainable() {
        return trainable;
    }

    /** Freezes ({@code false}) or unfreezes the layer; its model picks the change up at the next {@code fit}. */
    public Layer trainable(boolean trainable) {
        if (this.trainable != trainable) {
            this.trainable = trainable;
            LayerBindings.Owner owner = LayerBindings.ownerOf(this);
            if (owner != null) {
                owner.layerChanged(this);
            }
        }
        return this;
    }

    /** Declares the input shape (no batch axis), as Keras's {@code input_shape=} on a first layer. */
    public Layer inputShape(long... shape) {
        checkConfigurable("input_shape");
        this.declaredInputShape = Shapes.positive(className(), "input_shape", shape);
        return this;
    }

    /** The input shape declared with {@link #inputShape(long...)}, or {@code null}. */
    public long[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    /** Keras's class name, e.g. {@code "Dense"}. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** Keras's automatic name base: the class name in snake case ({@code Conv2D} → {@code conv2d}). */
    public String defaultNameBase() {
        String s = className().replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    // ---------------------------------------------------------------- building

    /** Whether the layer has been built for an input shape. */
    public final boolean isBuilt() {
        return builtOutputShape != null;
    }

    /**
     * Builds the layer for {@code inputShape} (no batch axis): checks it, computes the output shape and
     * the weights' shapes. Called by the model that the layer joins; fails, naming the layer, when the
     * shape does not fit.
     */
    public final void build(long[] inputShape) {
        if (isBuilt()) {
            if (!Arrays.equals(inputShape, builtInputShape)) {
                throw new IllegalStateException("Layer '" + name + "' (" + className() + ") was built for input "
                        + Shapes.withBatch(builtInputShape) + " and cannot be reused with input " + Shapes.withBatch(inputShape)
                        + ". Create a new layer instead.");
            }
            return;
        }
        long[] out = computeOutputShape(inputShape.clone());
        this.weightSpecs = List.copyOf(createWeights(inputShape.clone()));
        this.builtInputShape = inputShape.clone();
        this.builtOutputShape = out.clone();
    }

    /** The input shape the layer was built for (no batch axis). */
    public long[] builtInputShape() {
        requireBuilt("builtInputShape");
        return builtInputShape.clone();
    }

    /** The output shape without the batch axis, e.g. {@code [24, 24, 32]} for {@code (None, 24, 24, 32)}. */
    public long[] outputShape() {
        requireBuilt("outputShape");
        return builtOutputShape.clone();
    }

    /** The output shape for {@code inputShape}; throws {@link IllegalArgumentException} naming this layer when it does not fit. */
    protected abstract long[] computeOutputShape(long[] inputShape);

    /** The weights this layer owns for {@code inputShape}, in Keras's order and layout (default: none). */
    protected List<WeightSpec> createWeights(long[] inputShape) {
        return List.of();
    }

    // ---------------------------------------------------------------- masking

    /**
     * Keras's {@code supports_masking}: whether this layer accepts a masked input (from {@link Masking} or
     * {@code Embedding(mask_zero=true)}). A layer that does not is refused, with the reason, when a mask would
     * reach it (Keras would drop the mask there with a warning and compute over the padded steps). Defaults to
     * false; per-step layers (Activation, Dropout, …) and recurrent layers override it.
     */
    public boolean supportsMasking() {
        return false;
    }

    /**
     * Keras's {@code compute_mask}, reduced to what kerasj needs: whether the mask continues past this layer
     * (true: its output is masked like its input) or is consumed here (false: a recurrent layer without
     * {@code return_sequences}, GlobalAveragePooling1D). Read only when {@link #supportsMasking()}. Defaults
     * to true.
     */
    public boolean propagatesMask() {
        return true;
    }

    /**
     * Whether this layer creates a mask from its input data (Keras's {@code compute_mask} of {@link Masking},
     * and of {@code Embedding(mask_zero=true)}). Such a layer must read a model input. Defaults to false.
     */
    public boolean producesMask() {
        return false;
    }

    /** The weights' descriptions, in Keras's order (empty until built). */
    public final List<WeightSpec> weightSpecs() {
        return weightSpecs;
    }

    // ---------------------------------------------------------------- functional API

    /**
     * Applies the layer to symbolic tensors (Keras's {@code layer(x)}): builds it for their shapes and
     * returns the symbolic output. Applying one layer object twice shares its weights. Single-input
     * layers take one tensor; merge layers ({@link Add}, {@link Concatenate}, …) take two or more. A layer
     * with several outputs (a recurrent layer with {@code returnState(true)}) needs {@link #applyAll}.
     *
     * <pre>{@code
     * KerasTensor x = new Dense(64, "relu").apply(inputs);
     * }</pre>
     */
    public final KerasTensor apply(KerasTensor... inputs) {
        if (outputCount() > 1) {
            throw new IllegalArgumentException("Layer \"" + displayName() + "\" (" + className() + ") has " + outputCount()
                    + " outputs" + multipleOutputsReason() + "; apply(...) returns one tensor. Use applyAll(...), which "
                    + "returns them all.");
        }
        return applyAll(inputs).get(0);
    }

    /** {@link #apply(KerasTensor...)} for a list of tensors (merge layers). */
    public final KerasTensor apply(List<? extends KerasTensor> inputs) {
        return apply(inputs == null ? null : inputs.toArray(new KerasTensor[0]));
    }

    /**
     * Applies the layer as {@link #apply(KerasTensor...)} does and returns every output, in Keras's order
     * (one for most layers; e.g. {@code [output, state_h, state_c]} for an LSTM with
     * {@code returnState(true)}).
     *
     * <pre>{@code
     * List<KerasTensor> out = new LSTM(16).returnState(true).applyAll(inputs);  // output, state_h, state_c
     * }</pre>
     */
    public final List<KerasTensor> applyAll(KerasTensor... inputs) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("Invalid `inputs` for layer \"" + displayName() + "\" (" + className()
                    + "): expected at least one KerasTensor. Received: no tensors.");
        }
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException("Invalid `inputs` for layer \"" + displayName() + "\" (" + className()
                        + "): expected KerasTensors. Received: null at position " + i + ".");
            }
            shapes.add(inputs[i].shape());
        }
        buildForInputs(shapes);
        return NodeOutput.of(this, appliedCount++, List.of(inputs), outputShapes());
    }

    /** {@link #applyAll(KerasTensor...)} for a list of tensors. */
    public final List<KerasTensor> applyAll(List<? extends KerasTensor> inputs) {
        return applyAll(inputs == null ? null : inputs.toArray(new KerasTensor[0]));
    }

    /** How many tensors one application returns (1 but for, e.g., a recurrent layer with return_state). */
    public int outputCount() {
        return 1;
    }

    /** Why the layer has several outputs, e.g. {@code " (return_state=true)"}; empty by default. */
    protected String multipleOutputsReason() {
        return "";
    }

    /** The shapes (no batch axis) of every output; {@link #outputShape()} is the first. */
    public List<long[]> outputShapes() {
        return List.of(outputShape());
    }

    /** How many times {@link #apply(KerasTensor...)} has been called on this layer. */
    public final int appliedCount() {
        return appliedCount;
    }

    /** Builds for the shapes of the tensors the layer is applied to; single-input layers take exactly one. */
    protected void buildForInputs(List<long[]> shapes) {
        if (shapes.size() != 1) {
            throw new IllegalArgumentException("Layer \"" + displayName() + "\" (" + className() + ") expects 1 input, but "
                    + "it received " + shapes.size() + " input tensors. Received shapes: " + describeShapes(shapes)
                    + ". Merge them first, e.g. with Concatenate or Add.");
        }
        build(shapes.get(0));
    }

    /** {@code [(None, 3), (None, 4)]} for error messages. */
    protected static String describeShapes(List<long[]> shapes) {
        List<String> s = new ArrayList<>();
        for (long[] shape : shapes) {
            s.add(Shapes.withBatch(shape));
        }
        return s.toString();
    }

    /** The name, or the automatic name base while the layer has none yet. */
    protected final String displayName() {
        return name == null ? defaultNameBase() : name;
    }

    // ---------------------------------------------------------------- parameters and weights

    /** The number of scalars in this layer's weights, as Keras counts them. */
    public long countParams() {
        requireBuilt("countParams");
        long n = 0;
        for (WeightSpec w : weightSpecs) {
            n += w.size();
        }
        return n;
    }

    /** The number of scalars training changes (0 when the layer is frozen). */
    public long countTrainableParams() {
        if (!trainable) {
            return 0;
        }
        long n = 0;
        for (WeightSpec w : weightSpecs) {
            if (w.trainable()) {
                n += w.size();
            }
        }
        return n;
    }

    /** Copies of the weights in Keras's layout and order (Dense: kernel {@code (in, units)}, bias {@code (units,)}). */
    public List<INDArray> getWeights() {
        if (!isBuilt() || weightSpecs.isEmpty()) {
            return List.of();
        }
        return owner("getWeights").getWeights(this);
    }

    /** Replaces the weights; each array must have the Keras-layout shape of {@link #weightSpecs()}. */
    public void setWeights(INDArray... weights) {
        requireBuilt("setWeights");
        if (weights == null || weights.length != weightSpecs.size()) {
            throw new IllegalArgumentException("Layer '" + name + "' (" + className() + ") expects " + weightSpecs.size()
                    + " weights " + describeSpecs() + ". Received: " + (weights == null ? 0 : weights.length) + " arrays.");
        }
        for (int i = 0; i < weights.length; i++) {
            WeightSpec spec = weightSpecs.get(i);
            if (weights[i] == null || !Arrays.equals(weights[i].shape(), spec.shape())) {
                throw new IllegalArgumentException("Layer '" + name + "' weight '" + spec.name() + "' has shape "
                        + Shapes.tuple(spec.shape()) + ", which is not compatible with the provided weight shape "
                        + (weights[i] == null ? "null" : Shapes.tuple(weights[i].shape())) + ".");
            }
        }
        owner("setWeights").setWeights(this, List.of(weights));
    }

    private String describeSpecs() {
        List<String> s = new ArrayList<>();
        for (WeightSpec w : weightSpecs) {
            s.add(w.name() + " " + Shapes.tuple(w.shape()));
        }
        return s.toString();
    }

    private LayerBindings.Owner owner(String what) {
        LayerBindings.Owner owner = LayerBindings.ownerOf(this);
        if (owner == null) {
            throw new IllegalStateException("Layer '" + name + "' is not part of a model yet; add it to a Sequential or "
                    + "Model before calling " + what + "().");
        }
        return owner;
    }

    // ---------------------------------------------------------------- configuration

    /** Keras's layer config: {@code name}, {@code trainable}, {@code dtype}, then the layer's own options. */
    public final Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", trainable);
        c.put("dtype", "float32");
        if (declaredInputShape != null) {
            List<Object> batchShape = new ArrayList<>();
            batchShape.add(null);
            for (long d : declaredInputShape) {
                batchShape.add(d);
            }
            c.put("batch_input_shape", batchShape);
        }
        c.putAll(layerConfig());
        return c;
    }

    /** {@code {"class_name": …, "config": …}} as Keras serialises a layer. */
    public final Map<String, Object> serialize() {
        return Serialized.of(className(), getConfig());
    }

    /** The layer's own options under Keras's names. */
    protected abstract Map<String, Object> layerConfig();

    /** Applies the common entries ({@code name}, {@code trainable}, {@code batch_input_shape}) of a saved config. */
    protected final void applyCommonConfig(dev.kerasj.internal.ConfigReader r) {
        if (r.has("name")) {
            name(r.string("name"));
        }
        if (r.has("batch_input_shape")) {
            long[] s = r.longs("batch_input_shape");
            inputShape(Arrays.copyOfRange(s, 1, s.length));
        }
        trainable(r.bool("trainable", true));
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /** Fails when a configuration option is changed after the layer joined a model. */
    protected final void checkConfigurable(String option) {
        if (isBuilt()) {
            throw new IllegalStateException("Layer '" + name + "' is already built as part of a model; set `" + option
                    + "` before adding it to a model.");
        }
    }

    /** An {@link IllegalArgumentException} naming this layer and the incoming shape. */
    protected final IllegalArgumentException incompatible(long[] inputShape, String expected, String fix) {
        return new IllegalArgumentException("Input 0 of layer \"" + (name == null ? defaultNameBase() : name) + "\" ("
                + className() + ") is incompatible with the layer: expected " + expected + ", found shape="
                + Shapes.withBatch(inputShape) + (fix == null ? "." : ". " + fix));
    }

    private void requireBuilt(String what) {
        if (!isBuilt()) {
            throw new IllegalStateException("Layer '" + (name == null ? defaultNameBase() : name) + "' (" + className()
                    + ") is not built yet, so " + what + "() is unknown. Add it to a model whose input shape is known "
                    + "(start the model with `new Input(...)` or give the first layer `.inputShape(...)`).");
        }
    }

    @Override
    public String toString() {
        return className() + "(name=" + name + ")";
    }
}
