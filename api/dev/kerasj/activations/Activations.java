package dev.kerasj.activations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of activation names, as Keras spells them ({@code "relu"}, {@code "softmax"},
 * {@code "linear"}…), with Keras's aliases ({@code "swish"} = {@code "silu"}; {@code null} or
 * {@code "linear"} = identity).
 *
 * <pre>{@code
 * String canonical = Activations.canonical("Swish");   // "silu"
 * }</pre>
 */
public final class Activations {
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        for (String n : List.of("linear", "relu", "sigmoid", "softmax", "tanh", "softplus", "softsign", "selu", "elu")) {
            NAMES.put(n, n);
        }
        NAMES.put("identity", "linear");
    }

    private Activations() {
    }

    /** The canonical Keras name for {@code name} (case-insensitive); fails with the valid list. */
    public static String canonical(String name) {
        if (name == null) {
            return "linear";
        }
        String c = NAMES.get(name.toLowerCase(Locale.ROOT).trim());
        if (c == null) {
            throw new IllegalArgumentException("Unknown activation: '" + name + "'. Valid names are: "
                    + String.join(", ", names()) + ".");
        }
        return c;
    }

    /** Every valid name, sorted. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(NAMES.keySet());
        Collections.sort(all);
        return all;
    }
}
