package dev.kerasj.internal.keras;

import java.util.Arrays;

/**
 * One weight as a Keras file holds it: its name in the file ({@code "dense_1/kernel:0"}, {@code "vars/0"}), its
 * shape, and float32 values in C (row-major) order.
 */
public record WeightArray(String name, long[] shape, float[] data) {
    /** The same values under another shape (same count). */
    public WeightArray reshape(long... newShape) {
        return new WeightArray(name, newShape, data);
    }

    /** The shape as Python prints it, e.g. {@code (3, 4)}. */
    public String shapeText() {
        return tuple(shape);
    }

    static String tuple(long[] s) {
        if (s.length == 1) {
            return "(" + s[0] + ",)";
        }
        return "(" + String.join(", ", Arrays.stream(s).mapToObj(Long::toString).toList()) + ")";
    }
}
