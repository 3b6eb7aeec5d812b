package dev.kerasj.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One table of names for one kind of object (optimizers, losses, layers…), with Keras's aliases.
 *
 * <p>Names are matched case-insensitively. An unknown name fails with the sorted list of every
 * valid name, so a typo is a one-look fix. Each entry also knows how to rebuild its object from a
 * Keras-style config map ({@code {"class_name": …, "config": {…}}}).
 *
 * @param <T> the kind of object this registry creates
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, Supplier<? extends T>> byName = new LinkedHashMap<>();
    private final Map<String, Function<Map<String, Object>, ? extends T>> byClassName = new LinkedHashMap<>();

    public Registry(String kind) {
        this.kind = kind;
    }

    /** Registers a string identifier (and aliases) that creates a default-configured object. */
    public Registry<T> name(Supplier<? extends T> factory, String... names) {
        for (String n : names) {
            byName.put(n.toLowerCase(Locale.ROOT), factory);
        }
        return this;
    }

    /** Registers a class name (as in a saved config) and how to rebuild it from its config. */
    public Registry<T> className(String className, Function<Map<String, Object>, ? extends T> fromConfig) {
        byClassName.put(className, fromConfig);
        return this;
    }

    /** The object for a string identifier such as {@code "rmsprop"}; fails listing valid names. */
    public T get(String name) {
        if (name == null) {
            throw new IllegalArgumentException("Invalid " + kind + ": expected one of " + names() + ". Received: null");
        }
        Supplier<? extends T> f = byName.get(name.toLowerCase(Locale.ROOT).trim());
        if (f == null) {
            throw new IllegalArgumentException("Unknown " + kind + ": '" + name + "'. Valid names are: "
                    + String.join(", ", names()) + ".");
        }
        return f.get();
    }

    /** Whether {@code name} is a known identifier. */
    public boolean contains(String name) {
        return name != null && byName.containsKey(name.toLowerCase(Locale.ROOT).trim());
    }

    /** Rebuilds an object from {@code {"class_name": …, "config": {…}}} or from a plain string name. */
    @SuppressWarnings("unchecked")
    public T fromConfig(Object serialized) {
        if (serialized instanceof String s) {
            return get(s);
        }
        if (!(serialized instanceof Map)) {
            throw new IllegalArgumentException("Invalid " + kind + " config: expected a name or a map with "
                    + "'class_name' and 'config'. Received: " + serialized);
        }
        Map<String, Object> m = (Map<String, Object>) serialized;
        Object cls = m.get("class_name");
        Function<Map<String, Object>, ? extends T> f = byClassName.get(String.valueOf(cls));
        if (f == null) {
            throw new IllegalArgumentException("Unknown " + kind + " class_name: '" + cls + "'. Valid class names are: "
                    + String.join(", ", new ArrayList<>(byClassName.keySet())) + ".");
        }
        Object cfg = m.get("config");
        if (cfg != null && !(cfg instanceof Map)) {
            throw new IllegalArgumentException("Invalid " + kind + " config: `config` of '" + cls + "' must be a map of "
                    + "options. Received: config=" + cfg);
        }
        return f.apply(cfg == null ? Map.of() : (Map<String, Object>) cfg);
    }

    /** Every string identifier, sorted. */
    public List<String> names() {
        List<String> all = new ArrayList<>(byName.keySet());
        Collections.sort(all);
        return all;
    }

    /** Every class name, in registration order. */
    public List<String> classNames() {
        return new ArrayList<>(byClassName.keySet());
    }
}
