package dev.kerasj.layers;

import dev.kerasj.initializers.Initializer;
import dev.kerasj.initializers.Initializers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer of your own, written the way Keras's subclassed layers are: declare weights for an input shape
 * ({@link #buildWeights}, Keras's {@code build}), compute the output with ND4J SameDiff operations
 * ({@link #call}, Keras's {@code call}; gradients come from SameDiff's automatic differentiation), and
 * return the options to save ({@link #customConfig}, Keras's {@code get_config}). It trains, saves and loads
 * like a built-in layer; register its class name with {@link Layers#register} so a saved model rebuilds it.
 *
 * <pre>{@code
 * public final class Scale extends CustomLayer {          // y = x · w + b, one (w, b) per feature
 *     protected void buildWeights(long[] inputShape) {
 *         addWeight("w", new long[] {inputShape[0]}, "ones", true);
 *         addWeight("b", new long[] {inputShape[0]}, "zeros", true);
 *     }
 *     public SDVariable call(SameDiff sd, SDVariable x, Map<String, SDVariable> w) {
 *         return x.mul(w.get("w")).add(w.get("b"));
 *     }
 *     public static Scale fromConfig(Map<String, Object> config) { return CustomLayer.restore(new Scale(), config); }
 * }
 * Layers.register("Scale", Scale::fromConfig);
 * }</pre>
 *
 * <p>Shapes: {@code call} sees the input with the batch axis first, {@code (batch, …inputShape)}, and each
 * weight in the shape it was declared with. The output shape is the input shape unless
 * {@link #computeOutputShape} says otherwise. Samples may be vectors {@code (features)}, sequences
 * {@code (steps, features)} or images {@code (height, width, channels)}. Masks are not supported (a masked
 * input is refused). The class name saved is the simple class name ({@link #className()}).
 */
public abstract class CustomLayer extends Layer {
    private List<WeightSpec> declared;

    protected CustomLayer() {
    }

    /**
     * Keras's {@code build(input_shape)}: declares this layer's weights for {@code inputShape} (no batch axis)
     * with {@link #addWeight}. Called once, when the layer joins a model. Defaults to no weights.
     */
    protected void buildWeights(long[] inputShape) {
    }

    /**
     * Keras's {@code call}: the layer's output for {@code inputs} {@code (batch, …inputShape)}, in SameDiff
     * operations of {@code sd}; {@code weights} maps each declared weight's name to its variable.
     */
    public abstract SDVariable call(SameDiff sd, SDVariable inputs, Map<String, SDVariable> weights);

    /** Keras's {@code get_config}: this layer's own options to save (name, trainable are added). Defaults to none. */
    protected Map<String, Object> customConfig() {
        return Map.of();
    }

    /** The output shape for {@code inputShape} (no batch axis). Defaults to the input shape. */
    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return inputShape;
    }

    /** Declares a weight (Keras's {@code add_weight}); {@code initializer} is a Keras name such as "glorot_uniform". */
    protected final void addWeight(String name, long[] shape, String initializer, boolean trainable) {
        addWeight(name, shape, Initializers.get(initializer), trainable);
    }

    /** Declares a weight with an initializer object; only inside {@link #buildWeights}. */
    protected final void addWeight(String name, long[] shape, Initializer initializer, boolean trainable) {
        if (declared == null) {
            throw new IllegalStateException("Layer '" + name() + "': addWeight() belongs in buildWeights(inputShape).");
        }
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Invalid weight `name`: expected an identifier. Received: name=" + name + ".");
        }
        for (WeightSpec w : declared) {
            if (w.name().equals(name)) {
                throw new IllegalArgumentException("Layer '" + name() + "' already has a weight named '" + name + "'.");
            }
        }
        if (shape == null || shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("Invalid `shape` of weight '" + name + "': expected positive sizes. Received: "
                    + Arrays.toString(shape) + ".");
        }
        declared.add(new WeightSpec(name, shape.clone(), initializer, null, trainable));
    }

    @Override
    protected final List<WeightSpec> createWeights(long[] inputShape) {
        declared = new ArrayList<>();
        try {
            buildWeights(inputShape.clone());
            return List.copyOf(declared);
        } finally {
            declared = null;
        }
    }

    @Override
    protected final Map<String, Object> layerConfig() {
        return new LinkedHashMap<>(customConfig());
    }

    /** For a subclass's {@code fromConfig}: applies the saved name, trainable flag and input shape to {@code layer}. */
    protected static <L extends CustomLayer> L restore(L layer, Map<String, Object> config) {
        layer.applyCommonConfig(new dev.kerasj.internal.ConfigReader(layer.className(), config));
        return layer;
    }
}
