package dev.kerasj.initializers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Values drawn uniformly from {@code [minval, maxval)}, as Keras's {@code RandomUniform} (Embedding's
 * default initializer, named {@code "uniform"}). Defaults: minval −0.05, maxval 0.05, seed none.
 *
 * <pre>{@code
 * new Embedding(1000, 64).embeddingsInitializer(new RandomUniform(-0.1, 0.1, 42L))
 * }</pre>
 */
public final class RandomUniform extends Initializer {
    private final double minval;
    private final double maxval;

    public RandomUniform() {
        this(-0.05, 0.05, null);
    }

    public RandomUniform(double minval, double maxval, Long seed) {
        super(seed);
        if (!(minval < maxval)) {
            throw new IllegalArgumentException("Invalid `maxval`: expected a value above minval=" + minval
                    + ". Received: maxval=" + maxval);
        }
        this.minval = minval;
        this.maxval = maxval;
    }

    public double minval() {
        return minval;
    }

    public double maxval() {
        return maxval;
    }

    @Override
    protected void fill(float[] values, long[] shape, SplittableRandom rng) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.nextDouble(minval, maxval);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("minval", minval);
        c.put("maxval", maxval);
        return c;
    }

    static RandomUniform fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomUniform", config);
        return new RandomUniform(r.number("minval", -0.05), r.number("maxval", 0.05), VarianceScaling.seedOf(r));
    }
}
