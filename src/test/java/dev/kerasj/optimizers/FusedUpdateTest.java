package dev.kerasj.optimizers;

import dev.kerasj.internal.FloatSpans;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-pass float loops of Adam, RMSprop and SGD (used for float arrays, i.e. in training) compute the
 * same rule as their ND4J-op form (used for other arrays), element for element, on arrays that are views
 * into a larger buffer as DL4J's parameter and updater views are. (Both forms are checked against hand
 * computed Keras steps through fit in {@link OptimizersTest}.)
 */
class FusedUpdateTest {
    /** More than two chunks, so a chunk boundary and a partial last chunk are crossed. */
    private static final int N = 2 * 65536 + 37;

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("adam", new Adam(0.01)),
                Arguments.of("adam amsgrad", new Adam(0.01, 0.8, 0.95, 1e-7, true)),
                Arguments.of("rmsprop", new RMSprop(0.01)),
                Arguments.of("rmsprop momentum", new RMSprop(0.01, 0.8, 0.5, 1e-7, false)),
                Arguments.of("rmsprop centered", new RMSprop(0.01, 0.8, 0.0, 1e-7, true)),
                Arguments.of("rmsprop centered momentum", new RMSprop(0.01, 0.9, 0.3, 1e-6, true)),
                Arguments.of("sgd momentum", new SGD(0.1, 0.9, false)),
                Arguments.of("sgd nesterov", new SGD(0.1, 0.9, true)));
    }

    /**
     * A weight whose gradient has become zero: its moments decay geometrically (Adam's first moment by beta_1 per
     * update) and would sink below Float.MIN_NORMAL (1.18e-38) into the subnormal floats. Every 8th update sets state
     * values below 1e-25 to zero: over 400 zero-gradient updates no state value is ever subnormal, a tiny value is
     * exactly zero after the first flush, an ordinary one is untouched by it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void decayingStateIsFlushedBeforeItTurnsSubnormal(String label, Optimizer opt) {
        int slots = opt.stateCount();
        INDArray g = Nd4j.zeros(DataType.FLOAT, 3);
        INDArray[] s = new INDArray[slots];
        for (int k = 0; k < slots; k++) {
            s[k] = Nd4j.createFromArray(1e-29f, 0.5f, 0f);   // tiny, ordinary, zero
        }
        for (int step = 0; step < 400; step++) {
            g.assign(0f);
            opt.updateStep(g, s, 0.01, step);
            for (int k = 0; k < slots; k++) {
                for (float v : s[k].toFloatVector()) {
                    assertTrue(v == 0f || Math.abs(v) >= Float.MIN_NORMAL,
                            label + " state " + k + " subnormal at update " + step + ": " + v);
                }
                if (step == 7) {   // the first flush
                    assertEquals(0f, s[k].getFloat(0), label + " state " + k + ": the tiny value after the flush");
                    assertTrue(s[k].getFloat(1) != 0f,
                            label + " state " + k + ": an ordinary value is kept");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void floatLoopEqualsNd4jOps(String label, Optimizer opt) {
        Random r = new Random(label.hashCode());
        int slots = opt.stateCount();
        // float: the gradient and state as offset views of one buffer (like DL4J's views)
        INDArray buffer = Nd4j.zeros(DataType.FLOAT, (slots + 1) * N + 5);
        INDArray g = buffer.get(NDArrayIndex.interval(5, 5 + N));
        INDArray[] s = new INDArray[slots];
        for (int k = 0; k < slots; k++) {
            s[k] = buffer.get(NDArrayIndex.interval(5 + (k + 1) * N, 5 + (k + 2) * N));
            s[k].assign(opt.initialState(k));
        }
        assertNotNull(FloatSpans.of(g, s), "float views take the fused path");
        // double: the ND4J-op path
        INDArray gd = Nd4j.zeros(DataType.DOUBLE, N);
        INDArray[] sd = new INDArray[slots];
        for (int k = 0; k < slots; k++) {
            sd[k] = Nd4j.valueArrayOf(new long[] {N}, opt.initialState(k), DataType.DOUBLE);
        }
        assertNull(FloatSpans.of(gd, sd), "double arrays take the ND4J-op path");
        for (int step = 0; step < 4; step++) {
            float[] grad = new float[N];
            for (int i = 0; i < N; i++) {
                grad[i] = (float) r.nextGaussian();
            }
            g.assign(Nd4j.createFromArray(grad));
            gd.assign(Nd4j.createFromArray(grad).castTo(DataType.DOUBLE));
            opt.updateStep(g, s, 0.01, step);
            opt.updateStep(gd, sd, 0.01, step);
            assertArrayEquals(gd.toDoubleVector(), g.toDoubleVector(), 2e-6, label + " update, step " + step);
            for (int k = 0; k < slots; k++) {
                assertArrayEquals(sd[k].toDoubleVector(), s[k].toDoubleVector(), 2e-6, label + " state " + k);
            }
        }
        assertEquals(0.0, buffer.get(NDArrayIndex.interval(0, 5)).sumNumber().doubleValue(), "nothing written before the views");
    }

    @Test
    void spansWriteThroughToTheArraysAndRefuseWhatIsNotContiguous() {
        INDArray base = Nd4j.arange(20).castTo(DataType.FLOAT);
        INDArray view = base.get(NDArrayIndex.interval(4, 9));
        FloatSpans f = FloatSpans.of(view);
        assertNotNull(f);
        assertEquals(5, f.length());
        f.apply((v, n) -> {
            assertEquals(5, n);
            assertEquals(4.0f, v[0][0]);
            v[0][1] = -1f;
        });
        assertEquals(-1.0, base.getDouble(5));
        assertEquals(3.0, base.getDouble(3));
        assertEquals(9.0, base.getDouble(9));
        INDArray strided = base.get(NDArrayIndex.interval(0, 2, 20));
        assertNull(FloatSpans.of(strided), "every second element is not one span");
        assertNull(FloatSpans.of(view, Nd4j.zeros(DataType.FLOAT, 6)), "lengths must agree");
    }
}
