package dev.kerasj.internal;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.*;

/** Long spans run on both cores: every element exactly once, whichever thread takes its piece. */
class FloatSpansTest {
    @Test
    void bothCoresTogetherRunEachElementOnce() {
        int n = FloatSpans.SHARE_FROM * 3 + 777;   // pieces of 8,192 values, the last one partial
        INDArray a = Nd4j.zeros(DataType.FLOAT, n);
        INDArray b = Nd4j.arange(n).castTo(DataType.FLOAT);
        FloatSpans f = FloatSpans.of(a, b);
        assertNotNull(f);
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        int calls = 0;
        while (ran.size() < 2 && calls < 500) {   // the second core joins once it is awake
            f.apply((v, len) -> {
                ran.add(Thread.currentThread());
                for (int i = 0; i < len; i++) {
                    v[0][i] += 1f;
                    v[1][i] = -v[1][i];
                }
            });
            calls++;
        }
        assertEquals(2, ran.size(), "the second core never took a piece in " + calls + " calls");
        float[] counts = a.toFloatVector();
        float[] signs = b.toFloatVector();
        for (int i = 0; i < n; i++) {
            assertEquals(calls, counts[i], "element " + i + " runs once a call");
            assertEquals(calls % 2 == 0 ? i : -i, signs[i], 0f, "element " + i);
        }
    }

    @Test
    void aFailureOnEitherCoreReachesTheCaller() {
        int n = FloatSpans.SHARE_FROM * 2;
        FloatSpans f = FloatSpans.of(Nd4j.zeros(DataType.FLOAT, n));
        for (int call = 0; call < 20; call++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.apply((v, len) -> {
                throw new IllegalStateException("rule failed");
            }));
            assertEquals("rule failed", e.getMessage());
        }
        f.apply((v, len) -> { });   // and sharing goes on
    }
}
