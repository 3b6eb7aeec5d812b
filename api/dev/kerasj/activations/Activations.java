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
 * <p>Formulas (Keras 3): relu max(x, 0); sigmoid 1/(1+e^−x); softmax and log_softmax over the last
 * axis; softplus log(1+eˣ); softsign x/(1+|x|); tanh; selu 1.0507·elu(x, 1.67326); elu (α = 1)
 * x or eˣ−1; exponential eˣ; linear x; leaky_relu x or 0.2x; relu6 min(max(x, 0), 6); gelu
 * ½x(1+erf(x/√2)); silu x·σ(x); hard_sigmoid relu6(x+3)/6; mish x·tanh(softplus(x)). Files written by Keras 1/2
 * load their {@code hard_sigmoid} as {@code keras2_hard_sigmoid}: clip(0.2x + 0.5, 0, 1), Keras 2's formula.
 *
 * <pre>{@code
 * String canonical = Activations.canonical("Swish");   // "silu"
 * }</pre>
 */
public final class Activations {
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        for (String n : List.of("linear", "relu", "sigmoid", "softmax", "tanh", "softplus", "softsign", "selu", "elu",
                "exponential", "leaky_relu", "relu6", "gelu", "silu", "hard_sigmoid", "mish", "log_softmax",
                "keras2_hard_sigmoid")) {
            NAMES.put(n, n);
        }
        NAMES.put("identity", "linear");
        NAMES.put("swish", "silu");
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
