package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Leaky rectified linear unit, element-wise: {@code f(x) = x} for {@code x ≥ 0}, {@code negative_slope · x}
 * otherwise. The shape is unchanged; no weights; a mask passes through.
 *
 * <pre>{@code
 * new Sequential(new Input(784), new Dense(128), new LeakyReLU(), new Dense(10, "softmax"));
 * new LeakyReLU(0.1)
 * }</pre>
 *
 * <p>{@code negative_slope}: the slope below zero, ≥ 0. Defaults to 0.3 (Keras 3; Keras 2 called it
 * {@code alpha}, which a saved config may still use).
 */
public final class LeakyReLU extends ElementwiseLayer<LeakyReLU> {
    private final double negativeSlope;

    /** {@code LeakyReLU(negative_slope=0.3)}, Keras's default. */
    public LeakyReLU() {
        this(0.3);
    }

    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = Checks.nonNegative("negative_slope", negativeSlope);
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("negative_slope", negativeSlope);
        return c;
    }

    public static LeakyReLU fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("LeakyReLU", config);
        LeakyReLU l = new LeakyReLU(r.has("negative_slope") ? r.number("negative_slope") : r.number("alpha", 0.3));
        l.applyCommonConfig(r);
        return l;
    }
}
