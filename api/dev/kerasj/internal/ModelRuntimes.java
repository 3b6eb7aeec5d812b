package dev.kerasj.internal;

import dev.kerasj.Model;

import java.util.function.Function;

/**
 * The engine behind a model, for kerasj's own packages that compute with it directly (explanations).
 * {@link Model} installs the accessor when its class loads; user code has no reason to call this.
 */
public final class ModelRuntimes {
    private static volatile Function<Model, NetworkRuntime> access;

    private ModelRuntimes() {
    }

    /** Called once by {@link Model}. */
    public static void install(Function<Model, NetworkRuntime> accessor) {
        if (access == null) {
            access = accessor;
        }
    }

    /** The model's engine, built on demand (the model must be built). */
    public static NetworkRuntime of(Model model) {
        return access.apply(model);
    }
}
