package dev.kerasj.internal;

import java.util.Arrays;
import java.util.StringJoiner;

/** Shape helpers; shapes exclude the batch axis unless a method says otherwise. */
public final class Shapes {
    private Shapes() {
    }

    /** Keras's notation with the batch axis: {@code (None, 24, 24, 32)}. */
    public static String withBatch(long[] shape) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        j.add("None");
        for (long d : shape) {
            j.add(d < 0 ? "None" : Long.toString(d));
        }
        return j.toString();
    }

    /** A full array shape in Keras's notation: {@code (32, 784)}; a one-element shape gets a trailing comma. */
    public static String tuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    public static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }

    public static long[] dropFirst(long[] shape) {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    public static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    public static long[] positive(String owner, String arg, long... shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("Invalid `" + arg + "` for " + owner
                    + ": expected a non-empty shape of positive integers. Received: " + arg + "=" + Arrays.toString(shape));
        }
        for (long d : shape) {
            if (d <= 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Invalid `" + arg + "` for " + owner
                        + ": expected positive integers no larger than " + Integer.MAX_VALUE + ". Received: " + arg + "="
                        + tuple(shape));
            }
        }
        return shape.clone();
    }
}
