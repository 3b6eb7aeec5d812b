package dev.kerasj.initializers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Normal distribution {@code N(mean, stddev²)}, Keras's {@code RandomNormal}.
 * Defaults: mean 0.0, stddev 0.05, seed none.
 *
 * <pre>{@code
 * new Dense(8).kernelInitializer(new RandomNormal(0.0, 0.01, 7L))
 * }</pre>
 */
public class RandomNormal extends Initializer {
    private final double mean;
    private final double stddev;

    public RandomNormal() {
        this(0.0, 0.05, null);
    }

    public RandomNormal(double mean, double stddev, Long seed) {
        super(seed);
        this.mean = mean;
        this.stddev = dev.kerasj.internal.Checks.nonNegative("stddev", stddev);
    }

    public double mean() {
        return mean;
    }

    public double stddev() {
        return stddev;
    }

    /** One standard draw; the truncated subclass redraws beyond two standard deviations. */
    protected double standardDraw(SplittableRandom rng) {
        return gaussian(rng);
    }

    @Override
    protected final void fill(float[] values, long[] shape, SplittableRandom rng) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + stddev * standardDraw(rng));
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("mean", mean);
        c.put("stddev", stddev);
        return c;
    }

    static RandomNormal fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomNormal", config);
        return new RandomNormal(r.number("mean", 0.0), r.number("stddev", 0.05), VarianceScaling.seedOf(r));
    }
}
