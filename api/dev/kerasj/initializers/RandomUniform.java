package dev.kerasj.initializers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Uniform distribution on {@code [minval, maxval)}, Keras's {@code RandomUniform}.
 * Defaults: minval −0.05, maxval 0.05, seed none.
 *
 * <pre>{@code
 * new Dense(8).kernelInitializer(new RandomUniform(-0.1, 0.1, null))
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
        if (!(maxval > minval)) {
            throw new IllegalArgumentException("Invalid `maxval`: expected a number greater than minval=" + minval
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
