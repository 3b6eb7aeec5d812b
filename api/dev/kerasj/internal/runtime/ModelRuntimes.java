package dev.kerasj.internal.runtime;

import java.util.function.Function;

/**
 * The engine behind a model, for kerasj's own packages that compute with it directly (explanations).
 * {@code dev.kerasj.Model} installs the accessor when its class loads (typed {@code Object} here, so this
 * package does not depend on the facade above it); user code has no reason to call this.
 */
public final class ModelRuntimes {
    private static volatile Function<Object, NetworkRuntime> access;

    private ModelRuntimes() {
    }

    /** Called once by {@code Model}. */
    public static void install(Function<Object, NetworkRuntime> accessor) {
        if (access == null) {
            access = accessor;
        }
    }

    /** The engine of {@code model} (a built {@code dev.kerasj.Model}), built on demand. */
    public static NetworkRuntime of(Object model) {
        return access.apply(model);
    }
}
