package dev.kerasj.initializers;

/**
 * LeCun normal: truncated normal, stddev = sqrt(1 / fan_in) / 0.8796.
 *
 * <p>Keras's {@code lecun_normal}: {@code VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal")}.
 * Default seed: none (the global generator).
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new LecunNormal(42L))
 * }</pre>
 */
public final class LecunNormal extends VarianceScaling {
    public LecunNormal() {
        this(null);
    }

    public LecunNormal(Long seed) {
        super(1.0, "fan_in", "truncated_normal", seed);
    }
}
