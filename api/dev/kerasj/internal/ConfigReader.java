package dev.kerasj.internal;

import java.util.List;
import java.util.Map;

/**
 * Typed reads from a Keras-style config map (as parsed from JSON), with clear errors for missing or
 * mistyped entries.
 */
public final class ConfigReader {
    private final String owner;
    private final Map<String, Object> config;

    public ConfigReader(String owner, Map<String, Object> config) {
        this.owner = owner;
        this.config = config == null ? Map.of() : config;
    }

    public boolean has(String key) {
        return config.containsKey(key) && config.get(key) != null;
    }

    public Object raw(String key) {
        return config.get(key);
    }

    private Object required(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException("Invalid " + owner + " config: missing `" + key + "`. Received: " + config);
        }
        return config.get(key);
    }

    public String string(String key) {
        return String.valueOf(required(key));
    }

    public String string(String key, String dflt) {
        return has(key) ? String.valueOf(config.get(key)) : dflt;
    }

    public double number(String key) {
        Object v = required(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("Invalid " + owner + " config: `" + key + "` must be a number. Received: " + v);
    }

    public double number(String key, double dflt) {
        return has(key) ? number(key) : dflt;
    }

    public int integer(String key) {
        return (int) Math.round(number(key));
    }

    public int integer(String key, int dflt) {
        return has(key) ? integer(key) : dflt;
    }

    public boolean bool(String key, boolean dflt) {
        if (!has(key)) {
            return dflt;
        }
        Object v = config.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("Invalid " + owner + " config: `" + key + "` must be true or false. Received: " + v);
    }

    public long[] longs(String key) {
        Object v = required(key);
        if (v instanceof List<?> list) {
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                Object e = list.get(i);
                out[i] = e == null ? -1 : ((Number) e).longValue();
            }
            return out;
        }
        if (v instanceof long[] a) {
            return a.clone();
        }
        throw new IllegalArgumentException("Invalid " + owner + " config: `" + key + "` must be a list of integers. Received: " + v);
    }

    public int[] ints(String key) {
        long[] l = longs(key);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }
}
