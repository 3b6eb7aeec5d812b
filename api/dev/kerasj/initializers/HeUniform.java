package dev.kerasj.initializers;

/**
 * He uniform: U(−limit, limit), limit = sqrt(6 / fan_in).
 *
 * <p>Keras's {@code he_uniform}: {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="uniform")}.
 * Default seed: none (the global generator).
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new HeUniform(42L))
 * }</pre>
 */
public final class HeUniform extends VarianceScaling {
    public HeUniform() {
        this(null);
    }

    public HeUniform(Long seed) {
        super(2.0, "fan_in", "uniform", seed);
    }
}
