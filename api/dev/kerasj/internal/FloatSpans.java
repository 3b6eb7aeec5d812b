package dev.kerasj.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Float arrays copied into Java arrays for element-wise rules (optimizer updates) that one fused loop
 * runs in a single pass, where a chain of ND4J ops makes one pass, and often one allocation, per op.
 * The JIT vectorizes a loop over {@code float[]} (not one over direct buffers), and the bulk copies in
 * and out cost little beside it.
 *
 * <pre>{@code
 * FloatSpans s = FloatSpans.load(g, m);      // null: not contiguous float arrays, use ND4J ops
 * float[] gv = s.values(0), mv = s.values(1);
 * for (int i = 0; i < s.length(); i++) { ... }
 * s.store();                                  // writes every array back
 * }</pre>
 * The Java arrays are per-thread scratch space, reused by the next {@code load} on the same thread.
 */
public final class FloatSpans {
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[0][]);

    private final int length;
    private final float[][] values;
    private final FloatBuffer[] buffers;

    private FloatSpans(int length, float[][] values, FloatBuffer[] buffers) {
        this.length = length;
        this.values = values;
        this.buffers = buffers;
    }

    /**
     * The values of {@code first} and then of each of {@code rest}, or {@code null} when any of them is
     * not a contiguous float array of {@code first}'s length (the caller then uses ND4J ops).
     */
    public static FloatSpans load(INDArray first, INDArray... rest) {
        FloatBuffer[] buffers = new FloatBuffer[rest.length + 1];
        long n = first.length();
        for (int i = 0; i < buffers.length; i++) {
            INDArray a = i == 0 ? first : rest[i - 1];
            if (a == null || a.dataType() != DataType.FLOAT || a.length() != n || n > Integer.MAX_VALUE
                    || !contiguous(a)) {
                return null;
            }
            buffers[i] = a.data().asNioFloat().slice().limit((int) n);   // starts at the array's offset
        }
        float[][] scratch = SCRATCH.get();
        if (scratch.length < buffers.length) {
            float[][] grown = new float[buffers.length][];
            System.arraycopy(scratch, 0, grown, 0, scratch.length);
            scratch = grown;
            SCRATCH.set(scratch);
        }
        float[][] values = new float[buffers.length][];
        for (int i = 0; i < buffers.length; i++) {
            if (scratch[i] == null || scratch[i].length < n) {
                scratch[i] = new float[(int) n];
            }
            values[i] = scratch[i];
            buffers[i].get(0, values[i], 0, (int) n);
        }
        return new FloatSpans((int) n, values, buffers);
    }

    /** The number of elements of each array. */
    public int length() {
        return length;
    }

    /** Array {@code i}'s values (index 0 is {@code first}); at least {@link #length()} long. */
    public float[] values(int i) {
        return values[i];
    }

    /** Writes every array's values back into its INDArray. */
    public void store() {
        for (int i = 0; i < buffers.length; i++) {
            buffers[i].put(0, values[i], 0, length);
        }
    }

    private static boolean contiguous(INDArray a) {
        return a.length() <= 1 || a.rank() == 1 && a.stride(0) == 1
                || !a.isView() && a.ordering() == 'c' && a.elementWiseStride() == 1;
    }
}
