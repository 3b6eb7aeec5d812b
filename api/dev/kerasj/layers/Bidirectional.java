package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a recurrent layer forwards and a copy of it backwards over the sequence and merges the two, as
 * Keras's {@code Bidirectional}. With {@code return_sequences=false} the result is the forward layer's
 * last state next to the backward layer's last state (the one after reading the sequence in reverse).
 *
 * <p>Input {@code (batch, T, features)}; output, with merge_mode "concat" (the default),
 * {@code (batch, 2·units)} or {@code (batch, T, 2·units)}; with "sum", "mul", "ave" (return_sequences
 * only) {@code units} wide. Weights: the forward layer's, then the backward layer's (Keras's order);
 * parameters twice the wrapped layer's. kerasj wraps {@link LSTM} and {@link SimpleRNN}.
 *
 * <pre>{@code
 * new Sequential(new Input(20, 8), new Bidirectional(new LSTM(16)), new Dense(1))   // 2·4·16·(8+16+1) params
 * }</pre>
 */
public final class Bidirectional extends BaseLayer<Bidirectional> {
    private static final List<String> MODES = List.of("concat", "sum", "mul", "ave");
    private final BaseRNN<?> layer;
    private String mergeMode = "concat";

    /** Wraps {@code layer} (an LSTM or SimpleRNN not yet in a model). */
    public Bidirectional(Layer layer) {
        if (!(layer instanceof LSTM || layer instanceof SimpleRNN)) {
            throw new IllegalArgumentException("Received an unsupported value for `layer`: kerasj's Bidirectional wraps "
                    + "LSTM or SimpleRNN. Received: layer=" + (layer == null ? null : layer.className()));
        }
        if (layer.isBuilt()) {
            throw new IllegalArgumentException("Invalid `layer`: it is already part of a model. Received: layer="
                    + layer.name());
        }
        this.layer = (BaseRNN<?>) layer;
    }

    /** The wrapped (forward) layer. */
    public BaseRNN<?> layer() {
        return layer;
    }

    public String mergeMode() {
        return mergeMode;
    }

    /** How the two directions are combined: "concat" (default), "sum", "mul" or "ave". */
    public Bidirectional mergeMode(String mode) {
        checkConfigurable("merge_mode");
        String m = mode == null ? null : mode.toLowerCase(Locale.ROOT);
        if (!MODES.contains(m)) {
            throw new IllegalArgumentException("Received an invalid value for `merge_mode`, expected one of " + MODES
                    + ". Received: merge_mode=" + mode);
        }
        this.mergeMode = m;
        return this;
    }

    @Override
    public String defaultNameBase() {
        return "bidirectional";
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (layer.name() == null) {
            layer.setNameUnchecked("forward_" + layer.defaultNameBase());
        }
        if (layer.returnState()) {
            throw new IllegalArgumentException("Layer '" + name() + "' (Bidirectional): kerasj's Bidirectional does not "
                    + "return states. Received: a wrapped " + layer.className() + " with return_state=true. Use "
                    + "returnState(false).");
        }
        if (layer.recurrentDropout() > 0 || layer instanceof SimpleRNN && layer.dropout() > 0) {
            throw new IllegalArgumentException("Layer '" + name() + "' (Bidirectional): DL4J's Bidirectional wraps only "
                    + "its own recurrent layers, and " + layer.className() + " needs kerasj's implementation for "
                    + (layer.recurrentDropout() > 0 ? "recurrent_dropout=" + layer.recurrentDropout()
                    : "dropout=" + layer.dropout()) + ". Put a Dropout layer before or after the Bidirectional instead.");
        }
        layer.build(inputShape);
        if (!layer.returnSequences() && !"concat".equals(mergeMode)) {
            throw new IllegalArgumentException("Layer '" + name() + "' (Bidirectional): merge_mode=\"" + mergeMode
                    + "\" needs return_sequences=true on the wrapped layer in kerasj; use merge_mode=\"concat\".");
        }
        long[] out = layer.outputShape();
        if ("concat".equals(mergeMode)) {
            out[out.length - 1] *= 2;
        }
        return out;
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        List<WeightSpec> w = new ArrayList<>(layer.weightSpecs());
        w.addAll(layer.weightSpecs());
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("layer", layer.serialize());
        c.put("merge_mode", mergeMode);
        c.put("backward_layer", null);
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    @SuppressWarnings("unchecked")
    public static Bidirectional fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Bidirectional", config);
        if (r.raw("backward_layer") != null) {
            throw new IllegalArgumentException("Invalid Bidirectional config: a separate `backward_layer` is not "
                    + "supported.");
        }
        Bidirectional b = new Bidirectional(Layers.deserialize((Map<String, Object>) r.raw("layer")));
        b.mergeMode(r.string("merge_mode", "concat"));
        b.applyCommonConfig(r);
        return b;
    }

    /** Masks are supported: both directions skip the masked steps; the mask continues with {@code return_sequences}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public boolean propagatesMask() {
        return layer().returnSequences();
    }
}
