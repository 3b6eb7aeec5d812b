package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential linear unit, element-wise: {@code f(x) = x} for {@code x > 0}, {@code alpha · (eˣ − 1)} otherwise
 * (Clevert et al. 2016). The shape is unchanged; no weights; a mask passes through.
 *
 * <pre>{@code
 * new Sequential(new Input(784), new Dense(128), new ELU(), new Dense(10, "softmax"));
 * }</pre>
 *
 * <p>{@code alpha}: the scale of the negative part, default 1.0 (Keras's).
 */
public final class ELU extends ElementwiseLayer<ELU> {
    private final double alpha;

    /** {@code ELU(alpha=1.0)}, Keras's default. */
    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("Invalid `alpha` for ELU: expected a finite number. Received: alpha=" + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("alpha", alpha);
        return c;
    }

    public static ELU fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("ELU", config);
        ELU l = new ELU(r.number("alpha", 1.0));
        l.applyCommonConfig(r);
        return l;
    }
}
