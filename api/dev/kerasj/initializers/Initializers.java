package dev.kerasj.initializers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Registry;

import java.util.List;
import java.util.Map;

/**
 * The registry of initializer names ({@code "glorot_uniform"}, {@code "he_normal"}, {@code "zeros"}…).
 *
 * <pre>{@code
 * Initializer init = Initializers.get("he_normal");
 * }</pre>
 */
public final class Initializers {
    private static final Registry<Initializer> REGISTRY = new Registry<Initializer>("initializer")
            .name(GlorotUniform::new, "glorot_uniform", "GlorotUniform", "xavier_uniform")
            .name(GlorotNormal::new, "glorot_normal", "GlorotNormal", "xavier_normal")
            .name(HeUniform::new, "he_uniform", "HeUniform")
            .name(HeNormal::new, "he_normal", "HeNormal")
            .name(LecunUniform::new, "lecun_uniform", "LecunUniform")
            .name(LecunNormal::new, "lecun_normal", "LecunNormal")
            .name(Zeros::new, "zeros", "Zeros", "zero")
            .name(Ones::new, "ones", "Ones", "one")
            .name(Constant::new, "constant", "Constant")
            .name(VarianceScaling::new, "variance_scaling", "VarianceScaling")
            .name(RandomNormal::new, "random_normal", "RandomNormal", "normal")
            .name(RandomUniform::new, "random_uniform", "RandomUniform", "uniform")
            .name(TruncatedNormal::new, "truncated_normal", "TruncatedNormal")
            .name(Orthogonal::new, "orthogonal", "Orthogonal")
            .name(Identity::new, "identity", "Identity")
            .className("GlorotUniform", c -> new GlorotUniform(seed(c)))
            .className("GlorotNormal", c -> new GlorotNormal(seed(c)))
            .className("HeUniform", c -> new HeUniform(seed(c)))
            .className("HeNormal", c -> new HeNormal(seed(c)))
            .className("LecunUniform", c -> new LecunUniform(seed(c)))
            .className("LecunNormal", c -> new LecunNormal(seed(c)))
            .className("Zeros", c -> new Zeros())
            .className("Ones", c -> new Ones())
            .className("Constant", Constant::fromConfig)
            .className("VarianceScaling", VarianceScaling::fromConfig)
            .className("RandomNormal", RandomNormal::fromConfig)
            .className("RandomUniform", RandomUniform::fromConfig)
            .className("TruncatedNormal", TruncatedNormal::fromConfig)
            .className("Orthogonal", Orthogonal::fromConfig)
            .className("Identity", Identity::fromConfig);

    private Initializers() {
    }

    /** The initializer for a Keras name; an unknown name fails with the valid list. */
    public static Initializer get(String name) {
        return REGISTRY.get(name);
    }

    /** Rebuilds an initializer from its serialized form (a name or {@code {class_name, config}}). */
    public static Initializer deserialize(Object serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    /** Every valid name. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    private static Long seed(Map<String, Object> c) {
        return VarianceScaling.seedOf(new ConfigReader("initializer", c));
    }
}
