package dev.kerasj.initializers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keras's {@code VarianceScaling}: samples with variance {@code scale / n}, n = fan_in, fan_out or
 * their average.
 *
 * <ul>
 *   <li>{@code "truncated_normal"}: stddev = sqrt(scale / n) / 0.87962566103423978, cut at 2 stddev;</li>
 *   <li>{@code "untruncated_normal"}: stddev = sqrt(scale / n);</li>
 *   <li>{@code "uniform"}: U(−limit, limit), limit = sqrt(3 · scale / n).</li>
 * </ul>
 * Defaults: scale 1.0, mode "fan_in", distribution "truncated_normal", seed none.
 *
 * <pre>{@code
 * new VarianceScaling(2.0, "fan_in", "truncated_normal", null)   // = he_normal
 * }</pre>
 */
public class VarianceScaling extends Initializer {
    private static final List<String> MODES = List.of("fan_in", "fan_out", "fan_avg");
    private static final List<String> DISTRIBUTIONS = List.of("truncated_normal", "untruncated_normal", "uniform", "normal");
    private final double scale;
    private final String mode;
    private final String distribution;

    public VarianceScaling() {
        this(1.0, "fan_in", "truncated_normal", null);
    }

    public VarianceScaling(double scale, String mode, String distribution, Long seed) {
        super(seed);
        this.scale = Checks.positive("scale", scale);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("Invalid `mode`: expected one of " + MODES + ". Received: mode=" + mode);
        }
        if (!DISTRIBUTIONS.contains(distribution)) {
            throw new IllegalArgumentException("Invalid `distribution`: expected one of " + DISTRIBUTIONS
                    + ". Received: distribution=" + distribution);
        }
        this.mode = mode;
        this.distribution = "normal".equals(distribution) ? "truncated_normal" : distribution;
    }

    public double scale() {
        return scale;
    }

    public String mode() {
        return mode;
    }

    public String distribution() {
        return distribution;
    }

    @Override
    protected void fill(float[] values, long[] shape, SplittableRandom rng) {
        double[] fans = fans(shape);
        double n = switch (mode) {
            case "fan_in" -> fans[0];
            case "fan_out" -> fans[1];
            default -> (fans[0] + fans[1]) / 2.0;
        };
        double s = scale / Math.max(1.0, n);
        switch (distribution) {
            case "truncated_normal" -> {
                double std = Math.sqrt(s) / 0.87962566103423978;
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (std * truncatedGaussian(rng));
                }
            }
            case "untruncated_normal" -> {
                double std = Math.sqrt(s);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (std * gaussian(rng));
                }
            }
            default -> {
                double limit = Math.sqrt(3.0 * s);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (rng.nextDouble(-limit, limit));
                }
            }
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        if (getClass() == VarianceScaling.class) {
            c.put("scale", scale);
            c.put("mode", mode);
            c.put("distribution", distribution);
        }
        return c;
    }

    static VarianceScaling fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("VarianceScaling", config);
        return new VarianceScaling(r.number("scale", 1.0), r.string("mode", "fan_in"),
                r.string("distribution", "truncated_normal"), seedOf(r));
    }

    static Long seedOf(ConfigReader r) {
        return r.has("seed") ? (long) r.number("seed") : null;
    }
}
