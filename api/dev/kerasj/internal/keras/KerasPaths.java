package dev.kerasj.internal.keras;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Keras 3 keeps a layer's variables in {@code model.weights.h5}: {@code layers/<key>/vars/<i>}, the key
 * being the layer's class in snake_case ({@code Conv2D} → {@code conv2d}, {@code BatchNormalization} →
 * {@code batch_normalization}) with {@code _1}, {@code _2}… for the second, third… layer of that class in the
 * model's layer list (Keras's {@code saving_lib} names objects by class, never by their changeable names).
 * Recurrent layers keep theirs in {@code cell/vars}; {@code Bidirectional} in {@code forward_layer/…} then
 * {@code backward_layer/…}; {@code TimeDistributed} in {@code layer/vars}.
 */
public final class KerasPaths {
    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "SimpleRNN");

    private KerasPaths() {
    }

    /** Keras's {@code naming.to_snake_case}. */
    public static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The next key for a layer of {@code className}, counting the classes seen so far in {@code used}. */
    public static String key(String className, Map<String, Integer> used) {
        String name = snakeCase(className);
        Integer n = used.get(name);
        if (n == null) {
            used.put(name, 0);
            return name;
        }
        used.put(name, n + 1);
        return name + "_" + (n + 1);
    }

    /** The groups (relative to the layer's key) holding its variables, in the order its weights list them. */
    @SuppressWarnings("unchecked")
    public static List<String> varsGroups(String className, Map<String, Object> config) {
        if ("Bidirectional".equals(className)) {
            Object inner = config.get("layer");
            String innerClass = inner instanceof Map<?, ?> m ? String.valueOf(m.get("class_name")) : "";
            String tail = RECURRENT.contains(innerClass) ? "/cell/vars" : "/vars";
            return List.of("forward_layer" + tail, "backward_layer" + tail);
        }
        if ("TimeDistributed".equals(className)) {
            Object inner = config.get("layer");
            String innerClass = inner instanceof Map<?, ?> m ? String.valueOf(m.get("class_name")) : "";
            return List.of(RECURRENT.contains(innerClass) ? "layer/cell/vars" : "layer/vars");
        }
        return List.of(RECURRENT.contains(className) ? "cell/vars" : "vars");
    }
}
