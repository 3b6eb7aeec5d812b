package dev.kerasj.losses;

import dev.kerasj.internal.Registry;

import java.util.List;

/**
 * The registry of loss names, with Keras's aliases ({@code "mse"}, {@code "mae"}, {@code "bce"},
 * {@code "kld"}…). Names are case-insensitive, so Keras's upper-case aliases ({@code "MSE"}) work too.
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * }</pre>
 */
public final class Losses {
    private static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
            .name(BinaryCrossentropy::new, "binary_crossentropy", "bce", "BinaryCrossentropy")
            .name(CategoricalCrossentropy::new, "categorical_crossentropy", "cce", "CategoricalCrossentropy")
            .name(SparseCategoricalCrossentropy::new, "sparse_categorical_crossentropy", "scce",
                    "SparseCategoricalCrossentropy")
            .name(Poisson::new, "poisson", "Poisson")
            .name(KLDivergence::new, "kl_divergence", "kld", "kullback_leibler_divergence", "KLDivergence")
            .name(MeanSquaredError::new, "mean_squared_error", "mse", "MeanSquaredError")
            .name(MeanAbsoluteError::new, "mean_absolute_error", "mae", "MeanAbsoluteError")
            .name(MeanAbsolutePercentageError::new, "mean_absolute_percentage_error", "mape",
                    "MeanAbsolutePercentageError")
            .name(MeanSquaredLogarithmicError::new, "mean_squared_logarithmic_error", "msle",
                    "MeanSquaredLogarithmicError")
            .name(CosineSimilarity::new, "cosine_similarity", "CosineSimilarity")
            .name(Huber::new, "huber", "huber_loss", "Huber")
            .name(LogCosh::new, "log_cosh", "logcosh", "LogCosh")
            .name(Hinge::new, "hinge", "Hinge")
            .name(SquaredHinge::new, "squared_hinge", "SquaredHinge")
            .name(CategoricalHinge::new, "categorical_hinge", "CategoricalHinge")
            .className("BinaryCrossentropy", BinaryCrossentropy::fromConfig)
            .className("CategoricalCrossentropy", CategoricalCrossentropy::fromConfig)
            .className("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::fromConfig)
            .className("Poisson", c -> new Poisson())
            .className("KLDivergence", c -> new KLDivergence())
            .className("MeanSquaredError", c -> new MeanSquaredError())
            .className("MeanAbsoluteError", c -> new MeanAbsoluteError())
            .className("MeanAbsolutePercentageError", c -> new MeanAbsolutePercentageError())
            .className("MeanSquaredLogarithmicError", c -> new MeanSquaredLogarithmicError())
            .className("CosineSimilarity", c -> new CosineSimilarity())
            .className("Huber", Huber::fromConfig)
            .className("LogCosh", c -> new LogCosh())
            .className("Hinge", c -> new Hinge())
            .className("SquaredHinge", c -> new SquaredHinge())
            .className("CategoricalHinge", c -> new CategoricalHinge());

    private Losses() {
    }

    /** The loss for a Keras name (case-insensitive), with Keras's defaults; fails listing the valid names. */
    public static Loss get(String name) {
        return REGISTRY.get(name);
    }

    /** A name or a {@link Loss}, as Keras's {@code losses.get} accepts either. */
    public static Loss get(Object identifier) {
        if (identifier instanceof Loss l) {
            return l;
        }
        if (identifier instanceof String s) {
            return get(s);
        }
        throw new IllegalArgumentException("Invalid `loss`: expected a name such as \"mse\" or a Loss. Received: loss="
                + identifier);
    }

    public static Loss deserialize(Object serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    public static List<String> names() {
        return REGISTRY.names();
    }
}
