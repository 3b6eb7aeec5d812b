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
            .name(SGD::new, "sgd")
            .name(RMSprop::new, "rmsprop")
            .name(Adagrad::new, "adagrad")
            .name(Adadelta::new, "adadelta")
            .name(Adam::new, "adam")
            .name(Adamax::new, "adamax")
            .name(Nadam::new, "nadam")
            .className("SGD", SGD::fromConfig)
            .className("RMSprop", RMSprop::fromConfig)
            .className("Adagrad", Adagrad::fromConfig)
            .className("Adadelta", Adadelta::fromConfig)
            .className("Adam", Adam::fromConfig)
            .className("Adamax", Adamax::fromConfig)
            .className("Nadam", Nadam::fromConfig);

    private Optimizers() {
    }

    /** The optimizer for a Keras name (case-insensitive), with Keras's defaults; fails listing the valid names. */
    public static Optimizer get(String name) {
        return REGISTRY.get(name);
    }

    /** A name or an {@link Optimizer}, as Keras's {@code optimizers.get} accepts either. */
    public static Optimizer get(Object identifier) {
        if (identifier instanceof Optimizer o) {
            return o;
        }
        if (identifier instanceof String s) {
            return get(s);
        }
        throw new IllegalArgumentException("Invalid `optimizer`: expected a name such as \"adam\" or an Optimizer. "
                + "Received: optimizer=" + identifier);
    }

    public static Optimizer deserialize(Object serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    public static List<String> names() {
        return REGISTRY.names();
    }
}
