package dev.kerasj.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds Keras's {@code {"class_name": …, "config": {…}}} envelope. */
public final class Serialized {
    private Serialized() {
    }

    public static Map<String, Object> of(String className, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", className);
        m.put("config", config);
        return m;
    }
}
