package dev.kerasj.optimizers;

import dev.kerasj.internal.Registry;

import java.util.List;

/**
 * The registry of optimizer names ({@code "sgd"}, {@code "rmsprop"}, {@code "adam"}…), each giving
 * Keras's defaults.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("rmsprop");   // RMSprop(0.001, rho 0.9, epsilon 1e-7)
 * }</pre>
 */
public final class Optimizers {
    private static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>("optimizer")
            .name(SGD::new, "sgd", "SGD")
            .name(RMSprop::new, "rmsprop", "RMSprop")
            .name(Adam::new, "adam", "Adam")
            .className("SGD", SGD::fromConfig)
            .className("RMSprop", RMSprop::fromConfig)
            .className("Adam", Adam::fromConfig);

    private Optimizers() {
    }

    public static Optimizer get(String name) {
        return REGISTRY.get(name);
    }

    public static Optimizer deserialize(Object serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    public static List<String> names() {
        return REGISTRY.names();
    }
}
