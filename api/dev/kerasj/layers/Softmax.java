package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Softmax over the last axis: {@code f(x)_i = e^{x_i} / Σ_j e^{x_j}}. The shape is unchanged; no weights.
 *
 * <pre>{@code
 * new Sequential(new Input(784), new Dense(10), new Softmax());
 * }</pre>
 *
 * <p>{@code axis}: -1 (Keras's default), the only axis supported.
 */
public final class Softmax extends BaseLayer<Softmax> {
    /** {@code Softmax(axis=-1)}, Keras's default. */
    public Softmax() {
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", -1);
        return c;
    }

    public static Softmax fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Softmax", config);
        Object axis = r.has("axis") ? r.raw("axis") : Integer.valueOf(-1);
        boolean last = axis instanceof Number n && n.intValue() == -1
                || axis instanceof java.util.List<?> l && l.size() == 1 && l.get(0) instanceof Number m && m.intValue() == -1;
        if (!last) {
            throw new IllegalArgumentException("Invalid `axis` for Softmax: only -1 (the last axis) is supported. "
                    + "Received: axis=" + axis);
        }
        Softmax s = new Softmax();
        s.applyCommonConfig(r);
        return s;
    }
}
