package dev.kerasj.losses;

import dev.kerasj.internal.Registry;

import java.util.List;

/**
 * The registry of loss names, with Keras's aliases ({@code "mse"}, {@code "bce"}…).
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * }</pre>
 */
public final class Losses {
    private static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
            .name(MeanSquaredError::new, "mean_squared_error", "mse", "MeanSquaredError")
            .name(BinaryCrossentropy::new, "binary_crossentropy", "bce", "BinaryCrossentropy")
            .name(CategoricalCrossentropy::new, "categorical_crossentropy", "cce", "CategoricalCrossentropy")
            .name(SparseCategoricalCrossentropy::new, "sparse_categorical_crossentropy", "scce",
                    "SparseCategoricalCrossentropy")
            .className("MeanSquaredError", c -> new MeanSquaredError())
            .className("BinaryCrossentropy", c -> new BinaryCrossentropy())
            .className("CategoricalCrossentropy", CategoricalCrossentropy::fromConfig)
            .className("SparseCategoricalCrossentropy", c -> new SparseCategoricalCrossentropy());

    private Losses() {
    }

    public static Loss get(String name) {
        return REGISTRY.get(name);
    }

    public static Loss deserialize(Object serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    public static List<String> names() {
        return REGISTRY.names();
    }
}
