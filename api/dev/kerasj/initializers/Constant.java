package dev.kerasj.initializers;

import dev.kerasj.internal.ConfigReader;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every value equal to {@code value} (Keras's {@code Constant}; default value 0.0).
 * {@link Zeros} and {@link Ones} are the named special cases.
 *
 * <pre>{@code
 * new Dense(1).biasInitializer(new Constant(0.5))
 * }</pre>
 */
public class Constant extends Initializer {
    private final double value;

    public Constant() {
        this(0.0);
    }

    public Constant(double value) {
        super(null);
        this.value = value;
    }

    public double value() {
        return value;
    }

    @Override
    protected void fill(float[] values, long[] shape, SplittableRandom rng) {
        Arrays.fill(values, (float) value);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        if (getClass() == Constant.class) {
            c.put("value", value);
        }
        return c;
    }

    static Constant fromConfig(Map<String, Object> config) {
        return new Constant(new ConfigReader("Constant", config).number("value", 0.0));
    }
}
