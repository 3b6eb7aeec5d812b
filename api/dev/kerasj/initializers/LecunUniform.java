package dev.kerasj.initializers;

/**
 * LeCun uniform: U(−limit, limit), limit = sqrt(3 / fan_in).
 *
 * <p>Keras's {@code lecun_uniform}: {@code VarianceScaling(scale=1.0, mode="fan_in", distribution="uniform")}.
 * Default seed: none (the global generator).
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new LecunUniform(42L))
 * }</pre>
 */
public final class LecunUniform extends VarianceScaling {
    public LecunUniform() {
        this(null);
    }

    public LecunUniform(Long seed) {
        super(1.0, "fan_in", "uniform", seed);
    }
}
