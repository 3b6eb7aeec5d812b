package dev.kerasj.internal;

/**
 * The two string hashes of Keras's {@code Hashing} layer (TensorFlow's {@code to_hash_bucket_fast} and
 * {@code to_hash_bucket_strong}), written from their published descriptions: FarmHash's
 * {@code Fingerprint64} (the {@code farmhashna} 64-bit hash, stable across platforms and releases) and
 * SipHash-2-4 with a 128-bit key. Both read the UTF-8 bytes; results are unsigned 64-bit values in a
 * {@code long}.
 */
public final class StringHashes {
    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;
    private static final long K_MUL = 0x9ddfea08eb382d69L;

    private StringHashes() {
    }

    /** {@code value mod buckets} for an unsigned 64-bit {@code value}, as TensorFlow's bucket ops compute it. */
    public static long bucket(long value, long buckets) {
        return Long.remainderUnsigned(value, buckets);
    }

    // ---------------------------------------------------------------- FarmHash Fingerprint64

    /** FarmHash {@code Fingerprint64} of {@code s}. */
    public static long fingerprint64(byte[] s) {
        int len = s.length;
        if (len <= 32) {
            return len <= 16 ? hashLen0to16(s, len) : hashLen17to32(s, len);
        }
        if (len <= 64) {
            return hashLen33to64(s, len);
        }
        return hashLong(s, len);
    }

    private static long fetch64(byte[] s, int i) {
        return (s[i] & 0xffL) | (s[i + 1] & 0xffL) << 8 | (s[i + 2] & 0xffL) << 16 | (s[i + 3] & 0xffL) << 24
                | (s[i + 4] & 0xffL) << 32 | (s[i + 5] & 0xffL) << 40 | (s[i + 6] & 0xffL) << 48 | (s[i + 7] & 0xffL) << 56;
    }

    private static long fetch32(byte[] s, int i) {
        return (s[i] & 0xffL) | (s[i + 1] & 0xffL) << 8 | (s[i + 2] & 0xffL) << 16 | (s[i + 3] & 0xffL) << 24;
    }

    private static long rotate(long v, int shift) {
        return shift == 0 ? v : Long.rotateRight(v, shift);
    }

    private static long shiftMix(long v) {
        return v ^ (v >>> 47);
    }

    private static long hashLen16(long u, long v, long mul) {
        long a = (u ^ v) * mul;
        a ^= a >>> 47;
        long b = (v ^ a) * mul;
        b ^= b >>> 47;
        return b * mul;
    }

    private static long hashLen0to16(byte[] s, int len) {
        if (len >= 8) {
            long mul = K2 + len * 2L;
            long a = fetch64(s, 0) + K2;
            long b = fetch64(s, len - 8);
            long c = rotate(b, 37) * mul + a;
            long d = (rotate(a, 25) + b) * mul;
            return hashLen16(c, d, mul);
        }
        if (len >= 4) {
            long mul = K2 + len * 2L;
            long a = fetch32(s, 0);
            return hashLen16(len + (a << 3), fetch32(s, len - 4), mul);
        }
        if (len > 0) {
            int a = s[0] & 0xff;
            int b = s[len >> 1] & 0xff;
            int c = s[len - 1] & 0xff;
            long y = (a + (b << 8)) & 0xffffffffL;
            long z = (len + ((long) c << 2)) & 0xffffffffL;
            return shiftMix(y * K2 ^ z * K0) * K2;
        }
        return K2;
    }

    private static long hashLen17to32(byte[] s, int len) {
        long mul = K2 + len * 2L;
        long a = fetch64(s, 0) * K1;
        long b = fetch64(s, 8);
        long c = fetch64(s, len - 8) * mul;
        long d = fetch64(s, len - 16) * K2;
        return hashLen16(rotate(a + b, 43) + rotate(c, 30) + d, a + rotate(b + K2, 18) + c, mul);
    }

    private static long hashLen33to64(byte[] s, int len) {
        long mul = K2 + len * 2L;
        long a = fetch64(s, 0) * K2;
        long b = fetch64(s, 8);
        long c = fetch64(s, len - 8) * mul;
        long d = fetch64(s, len - 16) * K2;
        long y = rotate(a + b, 43) + rotate(c, 30) + d;
        long z = hashLen16(y, a + rotate(b + K2, 18) + c, mul);
        long e = fetch64(s, 16) * mul;
        long f = fetch64(s, 24);
        long g = (y + fetch64(s, len - 32)) * mul;
        long h = (z + fetch64(s, len - 24)) * mul;
        return hashLen16(rotate(e + f, 43) + rotate(g, 30) + h, e + rotate(f + a, 18) + g, mul);
    }

    /** The pair {@code (first, second)} of FarmHash's {@code WeakHashLen32WithSeeds} for the 32 bytes at {@code i}. */
    private static void weakHashLen32WithSeeds(byte[] s, int i, long a, long b, long[] out) {
        long w = fetch64(s, i);
        long x = fetch64(s, i + 8);
        long y = fetch64(s, i + 16);
        long z = fetch64(s, i + 24);
        a += w;
        b = rotate(b + a + z, 21);
        long c = a;
        a += x;
        a += y;
        b += rotate(a, 44);
        out[0] = a + z;
        out[1] = b + c;
    }

    private static long hashLong(byte[] s, int len) {
        long seed = 81;
        long x = seed;
        long y = seed * K1 + 113;
        long z = shiftMix(y * K2 + 113) * K2;
        long[] v = new long[2];
        long[] w = new long[2];
        x = x * K2 + fetch64(s, 0);
        int end = ((len - 1) / 64) * 64;
        int last64 = end + ((len - 1) & 63) - 63;
        int p = 0;
        do {
            x = rotate(x + y + v[0] + fetch64(s, p + 8), 37) * K1;
            y = rotate(y + v[1] + fetch64(s, p + 48), 42) * K1;
            x ^= w[1];
            y += v[0] + fetch64(s, p + 40);
            z = rotate(z + w[0], 33) * K1;
            weakHashLen32WithSeeds(s, p, v[1] * K1, x + w[0], v);
            weakHashLen32WithSeeds(s, p + 32, z + w[1], y + fetch64(s, p + 16), w);
            long t = z;
            z = x;
            x = t;
            p += 64;
        } while (p != end);
        long mul = K1 + ((z & 0xff) << 1);
        p = last64;
        w[0] += (len - 1) & 63;
        v[0] += w[0];
        w[0] += v[0];
        x = rotate(x + y + v[0] + fetch64(s, p + 8), 37) * mul;
        y = rotate(y + v[1] + fetch64(s, p + 48), 42) * mul;
        x ^= w[1] * 9;
        y += v[0] * 9 + fetch64(s, p + 40);
        z = rotate(z + w[0], 33) * mul;
        weakHashLen32WithSeeds(s, p, v[1] * mul, x + w[0], v);
        weakHashLen32WithSeeds(s, p + 32, z + w[1], y + fetch64(s, p + 16), w);
        long t = z;
        z = x;
        x = t;
        return hashLen16(hashLen16(v[0], w[0], mul) + shiftMix(y) * K0 + z, hashLen16(v[1], w[1], mul) + x, mul);
    }

    // ---------------------------------------------------------------- SipHash-2-4

    /** SipHash-2-4 of {@code s} with the key {@code (k0, k1)}. */
    public static long sipHash24(long k0, long k1, byte[] s) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int len = s.length;
        int full = len - (len % 8);
        long[] v = {v0, v1, v2, v3};
        for (int i = 0; i < full; i += 8) {
            long m = fetch64(s, i);
            v[3] ^= m;
            sipRound(v);
            sipRound(v);
            v[0] ^= m;
        }
        long last = ((long) len & 0xff) << 56;
        for (int i = 0; i < len - full; i++) {
            last |= (s[full + i] & 0xffL) << (8 * i);
        }
        v[3] ^= last;
        sipRound(v);
        sipRound(v);
        v[0] ^= last;
        v[2] ^= 0xff;
        for (int r = 0; r < 4; r++) {
            sipRound(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void sipRound(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13);
        v[1] ^= v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16);
        v[3] ^= v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21);
        v[3] ^= v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17);
        v[1] ^= v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }
}
