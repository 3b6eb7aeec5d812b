package dev.kerasj;

import dev.kerasj.internal.KerasRandom;

/**
 * Library-wide settings, like Keras's {@code keras.utils}.
 *
 * <pre>{@code
 * Kerasj.setRandomSeed(42);   // same weights, same shuffling, same History on the CPU backend
 * }</pre>
 */
public final class Kerasj {
    /** The library's version. */
    public static final String VERSION = "0.1.0";

    private Kerasj() {
    }

    /**
     * Seeds every random choice kerasj makes (weight initialisation, shuffling, dropout), as
     * {@code keras.utils.set_random_seed(seed)} does. Without it, runs differ, as in Keras.
     */
    public static void setRandomSeed(long seed) {
        KerasRandom.setSeed(seed);
    }
}
