package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rectified linear unit with Keras's three options, element-wise:
 * {@code f(x) = max_value} for {@code x ≥ max_value}, {@code x} for {@code threshold ≤ x < max_value},
 * {@code negative_slope · (x − threshold)} otherwise. The shape is unchanged; no weights; a mask passes through.
 *
 * <pre>{@code
 * new ReLU()          // max(x, 0)
 * new ReLU(6.0)       // MobileNetV2's ReLU6: min(max(x, 0), 6)
 * new ReLU(null, 0.1, 0.5)
 * }</pre>
 *
 * <p>Defaults, as Keras: {@code max_value} none (unbounded; a value must be ≥ 0), {@code negative_slope} 0.0
 * (≥ 0), {@code threshold} 0.0 (≥ 0).
 */
public final class ReLU extends ElementwiseLayer<ReLU> {
    private final Double maxValue;
    private final double negativeSlope;
    private final double threshold;

    /** {@code ReLU()}: {@code max(x, 0)}. */
    public ReLU() {
        this(null, 0.0, 0.0);
    }

    /** {@code ReLU(max_value)}; {@code null} for no upper bound. */
    public ReLU(Double maxValue) {
        this(maxValue, 0.0, 0.0);
    }

    public ReLU(Double maxValue, double negativeSlope, double threshold) {
        if (maxValue != null && !(maxValue >= 0)) {
            throw new IllegalArgumentException("Invalid value for `max_value`: expected a non-negative number or None. "
                    + "Received: max_value=" + maxValue);
        }
        this.maxValue = maxValue;
        this.negativeSlope = Checks.nonNegative("negative_slope", negativeSlope);
        this.threshold = Checks.nonNegative("threshold", threshold);
    }

    /** The upper bound, or {@code null} for none. */
    public Double maxValue() {
        return maxValue;
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("max_value", maxValue);
        c.put("negative_slope", negativeSlope);
        c.put("threshold", threshold);
        return c;
    }

    public static ReLU fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("ReLU", config);
        Double max = r.raw("max_value") == null ? null : r.number("max_value");
        ReLU l = new ReLU(max, r.number("negative_slope", 0.0), r.number("threshold", 0.0));
        l.applyCommonConfig(r);
        return l;
    }
}
