package dev.kerasj.internal;

import java.util.SplittableRandom;

/**
 * kerasj's global source of randomness, like {@code keras.utils.set_random_seed}: weight
 * initialisers without their own seed, shuffling and dropout draw from it. Without a seed it starts
 * from the clock, as Keras does; with one, runs repeat exactly on the CPU backend.
 */
public final class KerasRandom {
    private static SplittableRandom global = new SplittableRandom();
    private static boolean seeded;

    private KerasRandom() {
    }

    public static synchronized void setSeed(long seed) {
        global = new SplittableRandom(seed);
        seeded = true;
    }

    public static synchronized boolean isSeeded() {
        return seeded;
    }

    /** An independent generator split from the global one. */
    public static synchronized SplittableRandom split() {
        return global.split();
    }

    /** A fresh 64-bit seed drawn from the global generator. */
    public static synchronized long nextSeed() {
        return global.nextLong();
    }
}
