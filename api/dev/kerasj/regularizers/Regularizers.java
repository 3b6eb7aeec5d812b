package dev.kerasj.regularizers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Registry;

import java.util.List;

/**
 * The registry of regularizer names: {@code "l1"}, {@code "l2"}, {@code "l1_l2"}.
 *
 * <pre>{@code
 * Regularizer r = Regularizers.get("l2");   // L2(0.01)
 * }</pre>
 */
public final class Regularizers {
    private static final Registry<Regularizer> REGISTRY = new Registry<Regularizer>("regularizer")
            .name(L1::new, "l1", "L1")
            .name(L2::new, "l2", "L2")
            .name(() -> new L1L2(0.01, 0.01), "l1_l2", "L1L2")
            .className("L1", c -> new L1(new ConfigReader("L1", c).number("l1", 0.01)))
            .className("L2", c -> new L2(new ConfigReader("L2", c).number("l2", 0.01)))
            .className("L1L2", c -> {
                ConfigReader r = new ConfigReader("L1L2", c);
                return new L1L2(r.number("l1", 0.0), r.number("l2", 0.0));
            });

    private Regularizers() {
    }

    public static Regularizer get(String name) {
        return REGISTRY.get(name);
    }

    public static Regularizer deserialize(Object serialized) {
        return serialized == null ? null : REGISTRY.fromConfig(serialized);
    }

    public static List<String> names() {
        return REGISTRY.names();
    }
}
