package dev.kerasj.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FarmHash Fingerprint64 and SipHash-2-4 against TensorFlow's documented bucket examples and, for every length
 * branch, against Guava's independent implementations (the copy shaded inside ND4J, a test-only reference).
 */
class StringHashesTest {
    private static long fast(String s, int buckets) {
        return StringHashes.bucket(StringHashes.fingerprint64(s.getBytes(StandardCharsets.UTF_8)), buckets);
    }

    @Test
    void tensorFlowsDocumentedBuckets() {
        // tf.strings.to_hash_bucket_fast(["Hello", "TensorFlow", "2.x"], 3) → [0, 2, 2]
        assertEquals(0, fast("Hello", 3));
        assertEquals(2, fast("TensorFlow", 3));
        assertEquals(2, fast("2.x", 3));
        assertEquals(0x9ae16a3b2f90404fL, StringHashes.fingerprint64(new byte[0]));
    }

    @Test
    void fingerprint64MatchesGuavaForEveryLengthBranch() {
        Random r = new Random(1);
        for (int len = 0; len <= 300; len++) {
            for (int t = 0; t < 3; t++) {
                byte[] b = new byte[len];
                r.nextBytes(b);
                long guava = org.nd4j.shade.guava.hash.Hashing.farmHashFingerprint64().hashBytes(b).asLong();
                assertEquals(guava, StringHashes.fingerprint64(b), "length " + len);
            }
        }
    }

    @Test
    void sipHashMatchesGuava() {
        Random r = new Random(2);
        for (int len = 0; len <= 40; len++) {
            byte[] b = new byte[len];
            r.nextBytes(b);
            long k0 = r.nextLong();
            long k1 = r.nextLong();
            long guava = org.nd4j.shade.guava.hash.Hashing.sipHash24(k0, k1).hashBytes(b).asLong();
            assertEquals(guava, StringHashes.sipHash24(k0, k1, b), "length " + len);
        }
    }
}
