package dev.kerasj;

import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.losses.Loss;
import dev.kerasj.optimizers.Optimizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A linear stack of layers, each feeding the next, as Keras's {@code Sequential}.
 *
 * <p>The input shape comes from a leading {@link Input}, from the first layer's
 * {@code .inputShape(...)}, or from the first data passed to {@code fit}/{@code predict}. Once it is
 * known, each added layer is built at once, so a shape mistake fails at {@code add} naming the layer.
 * Layers get Keras's automatic names ({@code dense}, {@code dense_1}, …) unique in the model.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Input(28, 28),
 *         new Flatten(),
 *         new Dense(512, "relu"),
 *         new Dropout(0.2),
 *         new Dense(10, "softmax"));
 * model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
 * model.summary();
 * }</pre>
 */
public class Sequential extends Model {
    private Input input;
    private final List<Layer> layers = new ArrayList<>();

    /** An empty model named {@code "sequential"}; add layers with {@link #add(Layer)}. */
    public Sequential() {
        super("sequential");
    }

    /** A model of these layers, in order; the first may be an {@link Input}. */
    public Sequential(Layer... layers) {
        this();
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Appends a layer, building it for the current output shape when that is known. */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Invalid `layer`: expected a Layer. Received: layer=null");
        }
        if (layer instanceof Input in) {
            if (input != null || !layers.isEmpty()) {
                throw new IllegalArgumentException("An Input can only be the first element of a Sequential model. Received: "
                        + "Input " + dev.kerasj.internal.Shapes.withBatch(in.shape()) + " after "
                        + (input != null ? "another Input" : "layer '" + layers.get(layers.size() - 1).name() + "'") + ".");
            }
            input = in;
            return this;
        }
        if (layers.contains(layer)) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' is already part of this model; create a new "
                    + "layer instead of adding the same one twice.");
        }
        if (!layers.isEmpty() && layer.declaredInputShape() != null) {
            throw new IllegalArgumentException("Only the first layer of a Sequential may declare `input_shape`. Received: "
                    + "input_shape on layer " + layer.className() + " at position " + layers.size() + ".");
        }
        if (input == null && layers.isEmpty() && layer.declaredInputShape() != null) {
            input = new Input(layer.declaredInputShape());
        }
        if (layer.outputCount() > 1) {
            throw new IllegalArgumentException("Layer '" + (layer.name() == null ? layer.defaultNameBase() : layer.name())
                    + "' (" + layer.className() + ") gives " + layer.outputCount() + " outputs; a Sequential layer has "
                    + "one. Use the functional API (layer.applyAll(x) returns them all), or a one-output configuration "
                    + "(e.g. returnState(false)).");
        }
        List<Layer> all = new ArrayList<>(layers);
        all.add(layer);
        assignNames(all);
        long[] incoming = currentOutputShape();
        if (incoming != null) {
            layer.build(incoming);
        }
        dev.kerasj.internal.runtime.MaskPlan.sequential(all); // a layer that cannot take the mask fails here, as in Keras
        layers.add(layer);
        structureChanged();
        if (isBuilt()) {
            bindLayers();
        }
        return this;
    }

    /** Removes the last layer (Keras's {@code pop()}), e.g. to replace a classifier head. */
    public Layer pop() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("There are no layers in the model to pop.");
        }
        Layer last = layers.remove(layers.size() - 1);
        structureChanged();
        if (isBuilt()) {
            bindLayers();
        }
        return last;
    }

    private long[] currentOutputShape() {
        if (input == null) {
            return null;
        }
        return layers.isEmpty() ? input.shape() : layers.get(layers.size() - 1).outputShape();
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public long[] inputShape() {
        return input == null ? null : input.shape();
    }

    @Override
    public long[] outputShape() {
        requireBuilt("outputShape");
        return currentOutputShape();
    }

    @Override
    public String className() {
        return "Sequential";
    }

    @Override
    protected void buildForData(long[] shape) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("The model has no layers; add layers before fit/predict.");
        }
        input = new Input(shape);
        long[] s = shape;
        for (Layer l : layers) {
            l.build(s);
            s = l.outputShape();
        }
        bindLayers();
    }

    @Override
    List<Input> inputLayers() {
        return input == null ? List.of() : List.of(input);
    }

    @Override
    List<Layer> inputReaders(int i) {
        return layers.isEmpty() ? List.of() : List.of(layers.get(0));
    }

    /** Nested use ({@code sequential.apply(x)}): the layers applied in order to {@code x}. */
    @Override
    protected List<KerasTensor> replay(List<? extends KerasTensor> inputs) {
        if (inputs == null || inputs.size() != 1 || inputs.get(0) == null) {
            throw new IllegalArgumentException("A Sequential model is applied to exactly one tensor. Received: " + inputs);
        }
        KerasTensor t = inputs.get(0);
        if (!isBuilt()) {
            buildForData(t.shape());
        }
        if (!java.util.Arrays.equals(t.shape(), inputShape())) {
            throw new IllegalArgumentException("Input 0 of model '" + name() + "' is incompatible with the model: expected "
                    + "shape=" + dev.kerasj.internal.Shapes.withBatch(inputShape()) + ", found shape="
                    + dev.kerasj.internal.Shapes.withBatch(t.shape()) + ".");
        }
        for (Layer l : layers) {
            t = l.apply(t);
        }
        return List.of(t);
    }

    @Override
    protected NetworkRuntime createRuntime(Optimizer optimizer, Loss loss, SplittableRandom rng) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("The model has no layers; add layers before using it.");
        }
        return dev.kerasj.internal.runtime.Engine.get().sequential(inputShape(), layers, optimizer, loss, rng);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        List<Object> ls = new ArrayList<>();
        if (input != null) {
            ls.add(input.serialize());
        }
        for (Layer l : layers) {
            ls.add(l.serialize());
        }
        c.put("layers", ls);
        return c;
    }

    /** Rebuilds a Sequential (without weights) from its config. */
    @SuppressWarnings("unchecked")
    public static Sequential fromConfig(Map<String, Object> config) {
        Sequential s = new Sequential();
        if (config.get("name") != null) {
            s.name(String.valueOf(config.get("name")));
        }
        Object layers = config.get("layers");
        if (!(layers instanceof List<?> list)) {
            throw new IllegalArgumentException("Invalid Sequential config: expected a list under `layers`. Received: " + layers);
        }
        for (Object o : list) {
            s.add(dev.kerasj.layers.Layers.deserialize((Map<String, Object>) o));
        }
        return s;
    }

    @Override
    public Sequential name(String name) {
        super.name(name);
        return this;
    }

    /** Loads a Sequential saved with {@code save}; predictions after loading are identical. */
    public static Sequential load(Path path) throws IOException {
        Model m = Model.load(path);
        if (!(m instanceof Sequential s)) {
            throw new IllegalArgumentException("File " + path + " holds a " + m.className() + " model, not a Sequential. "
                    + "Use Model.load(path).");
        }
        return s;
    }
}
