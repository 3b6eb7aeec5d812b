package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a layer to every time step of a sequence with the same weights, as Keras's
 * {@code TimeDistributed}: {@code (timesteps, features)} → {@code (timesteps, …inner output)}. kerasj
 * supports a {@link Dense} inner layer: {@code (T, F)} → {@code (T, units)}, with the Dense's kernel
 * {@code (F, units)} and bias {@code (units,)} (parameters {@code F·units + units}).
 *
 * <pre>{@code
 * new Sequential(new Input(10, 8), new LSTM(16).returnSequences(true), new TimeDistributed(new Dense(1)))
 * }</pre>
 */
public final class TimeDistributed extends BaseLayer<TimeDistributed> {
    private final Dense layer;

    /** Wraps {@code layer} (a {@link Dense}). */
    public TimeDistributed(Layer layer) {
        if (!(layer instanceof Dense d)) {
            throw new IllegalArgumentException("Received an unsupported value for `layer`: kerasj's TimeDistributed wraps "
                    + "a Dense layer. Received: layer=" + (layer == null ? null : layer.className()));
        }
        if (d.isBuilt()) {
            throw new IllegalArgumentException("Invalid `layer`: it is already part of a model. Received: layer="
                    + d.name());
        }
        this.layer = d;
    }

    /** The wrapped layer. */
    public Dense layer() {
        return layer;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 2) {
            throw incompatible(inputShape, "ndim=3, i.e. (None, timesteps, features)", null);
        }
        if (layer.name() == null) {
            layer.setNameUnchecked((name() == null ? defaultNameBase() : name()) + "_" + layer.defaultNameBase());
        }
        layer.build(new long[] {inputShape[1]});
        long[] inner = layer.outputShape();
        long[] out = new long[inner.length + 1];
        out[0] = inputShape[0];
        System.arraycopy(inner, 0, out, 1, inner.length);
        return out;
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        return layer.weightSpecs();
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("layer", layer.serialize());
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    @SuppressWarnings("unchecked")
    public static TimeDistributed fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("TimeDistributed", config);
        TimeDistributed t = new TimeDistributed(Layers.deserialize((Map<String, Object>) r.raw("layer")));
        t.applyCommonConfig(r);
        return t;
    }

    /** Computes each step alone, so a mask passes through unchanged (Keras's {@code supports_masking = True}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
