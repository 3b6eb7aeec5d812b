package dev.kerasj.initializers;

/**
 * Glorot (Xavier) uniform: U(−limit, limit), limit = sqrt(6 / (fan_in + fan_out)).
 *
 * <p>Keras's {@code glorot_uniform}: {@code VarianceScaling(scale=1.0, mode="fan_avg", distribution="uniform")}.
 * Default seed: none (the global generator).
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new GlorotUniform(42L))
 * }</pre>
 */
public final class GlorotUniform extends VarianceScaling {
    public GlorotUniform() {
        this(null);
    }

    public GlorotUniform(Long seed) {
        super(1.0, "fan_avg", "uniform", seed);
    }
}
