package dev.kerasj.datasets;

/**
 * NumPy's legacy {@code np.random.RandomState(seed).shuffle(list)}, the shuffle Keras's
 * {@code index_directory} applies to the file list: a Mersenne Twister (MT19937) seeded as NumPy seeds it
 * from one 32-bit integer, then a Fisher–Yates pass from the end, each index drawn by rejection from the
 * smallest bit mask covering it. With the same seed the files come out in the same order as in Keras,
 * so a {@code validation_split} holds out the same files.
 */
final class NumpyShuffle {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int pos;

    /** {@code np.random.RandomState(seed)}: {@code seed} in [0, 2³² − 1]. */
    NumpyShuffle(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Invalid `seed`: expected an integer in [0, 4294967295], as NumPy's "
                    + "RandomState takes. Received: seed=" + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            mt[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    /** Shuffles {@code order} in place as {@code RandomState.shuffle} shuffles a list. */
    void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** A uniform integer in [0, max] by rejection under the smallest mask ≥ max (NumPy's {@code random_interval}). */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** The next tempered 32-bit output of MT19937, as an unsigned value. */
    long nextUint32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        pos = 0;
    }
}
