package dev.kerasj.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from a Keras-style config map (as parsed from JSON), with clear errors for missing or
 * mistyped entries. Numbers are read exactly: an integer entry must be a whole number within the Java
 * type's range ({@code units: 4294968080} is refused, never narrowed to 784), and a floating-point entry
 * must be finite.
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

    /** A finite number. */
    public double number(String key) {
        Object v = required(key);
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw invalid(key, "a finite number", v);
    }

    public double number(String key, double dflt) {
        return has(key) ? number(key) : dflt;
    }

    /** A whole number within the {@code int} range (a whole floating-point value such as 16.0 is accepted). */
    public int integer(String key) {
        Object v = required(key);
        Long l = exactLong(v);
        if (l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw invalid(key, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE, v);
        }
        return l.intValue();
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
        throw invalid(key, "true or false", v);
    }

    /** A list of whole numbers; a {@code null} element (Keras's unknown batch size) reads as -1. */
    public long[] longs(String key) {
        Object v = required(key);
        if (v instanceof List<?> list) {
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                Object e = list.get(i);
                Long l = e == null ? Long.valueOf(-1) : exactLong(e);
                if (l == null) {
                    throw invalid(key, "a list of integers", v);
                }
                out[i] = l;
            }
            return out;
        }
        if (v instanceof long[] a) {
            return a.clone();
        }
        throw invalid(key, "a list of integers", v);
    }

    /** A list of whole numbers within the {@code int} range. */
    public int[] ints(String key) {
        long[] l = longs(key);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                throw invalid(key, "a list of integers between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE,
                        raw(key));
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    /** {@code v} as a long when it is a whole number within the long range, else null. */
    private static Long exactLong(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        try {
            if (v instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
                double d = ((Number) v).doubleValue();
                return Double.isFinite(d) ? new BigDecimal(d).longValueExact() : null;
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return null;
    }

    private IllegalArgumentException invalid(String key, String expected, Object received) {
        return new IllegalArgumentException("Invalid " + owner + " config: `" + key + "` must be " + expected
                + ". Received: " + key + "=" + received);
    }
}
