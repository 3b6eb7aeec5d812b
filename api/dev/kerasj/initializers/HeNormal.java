package dev.kerasj.initializers;

/**
 * He normal: truncated normal, stddev = sqrt(2 / fan_in) / 0.8796.
 *
 * <p>Keras's {@code he_normal}: {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="truncated_normal")}.
 * Default seed: none (the global generator).
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new HeNormal(42L))
 * }</pre>
 */
public final class HeNormal extends VarianceScaling {
    public HeNormal() {
        this(null);
    }

    public HeNormal(Long seed) {
        super(2.0, "fan_in", "truncated_normal", seed);
    }
}
