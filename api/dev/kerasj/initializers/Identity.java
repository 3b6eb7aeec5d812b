package dev.kerasj.initializers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code gain} times the identity matrix (ones on the main diagonal of a possibly non-square 2-D
 * weight), Keras's {@code Identity}. Default gain 1.0.
 *
 * <pre>{@code
 * new Dense(16).kernelInitializer(new Identity())   // input of 16 features
 * }</pre>
 */
public final class Identity extends Initializer {
    private final double gain;

    public Identity() {
        this(1.0);
    }

    public Identity(double gain) {
        super(null);
        this.gain = gain;
    }

    public double gain() {
        return gain;
    }

    @Override
    protected void fill(float[] values, long[] shape, SplittableRandom rng) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("Invalid shape for Identity: expected a 2-D weight. Received: shape="
                    + java.util.Arrays.toString(shape));
        }
        int cols = (int) shape[1];
        for (int i = 0; i < Math.min(shape[0], shape[1]); i++) {
            values[i * cols + i] = (float) gain;
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("gain", gain);
        return c;
    }

    static Identity fromConfig(Map<String, Object> config) {
        return new Identity(new ConfigReader("Identity", config).number("gain", 1.0));
    }
}
