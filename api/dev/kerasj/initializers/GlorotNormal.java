package dev.kerasj.initializers;

/**
 * Glorot (Xavier) normal: truncated normal, stddev = sqrt(2 / (fan_in + fan_out)) / 0.8796.
 *
 * <p>Keras's {@code glorot_normal}: {@code VarianceScaling(scale=1.0, mode="fan_avg", distribution="truncated_normal")}.
 * Default seed: none (the global generator).
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new GlorotNormal(42L))
 * }</pre>
 */
public final class GlorotNormal extends VarianceScaling {
    public GlorotNormal() {
        this(null);
    }

    public GlorotNormal(Long seed) {
        super(1.0, "fan_avg", "truncated_normal", seed);
    }
}
