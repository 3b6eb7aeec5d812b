package dev.kerasj.internal.dl4j.layers;

import java.lang.ref.SoftReference;

/**
 * Per-thread reusable {@code float[]} work arrays for the temporaries of the Java convolution and pooling
 * loops ({@link FastConv2DLayer}, {@link FastPooling2DLayer}): a training step otherwise allocates, and the JVM
 * zeroes, several arrays of megabytes each. One array per slot and thread, at least as long as asked for (often
 * longer: loops must run to their own length, not the array's), its contents left over from the last use: a
 * caller writes before it reads and lets go of the array before it returns. Arrays above 32 M floats are not
 * kept, and kept ones are softly held (the collector may take them back).
 */
final class Scratch {
    /** A copy of a layer's input. */
    static final int INPUT = 0;
    /** An output being built before it is copied into an ND4J array. */
    static final int OUTPUT = 1;
    /** A block of rows on its way to or from an ND4J array. */
    static final int PART = 2;

    private static final int MAX_KEPT = 1 << 25;
    private static final ThreadLocal<SoftReference<?>[]> SLOTS = ThreadLocal.withInitial(() -> new SoftReference<?>[3]);

    private Scratch() {
    }

    /** This thread's array for {@code slot}, of length {@code n} or more, with undefined contents. */
    static float[] floats(int slot, int n) {
        SoftReference<?>[] slots = SLOTS.get();
        Object kept = slots[slot] == null ? null : slots[slot].get();
        if (kept instanceof float[] a && a.length >= n) {
            return a;
        }
        float[] a = new float[n];
        if (n <= MAX_KEPT) {
            slots[slot] = new SoftReference<>(a);
        }
        return a;
    }
}
