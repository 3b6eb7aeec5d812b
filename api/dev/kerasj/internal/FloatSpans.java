package dev.kerasj.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Float arrays run through an element-wise rule (optimizer updates) as one fused loop, where a chain of
 * ND4J ops makes one pass, and often one allocation, per op. The arrays are copied chunk by chunk into
 * per-thread {@code float[]} scratch (the JIT vectorizes a loop over {@code float[]}, not one over direct
 * buffers), the rule runs on the chunk, and the chunk is written back: the extra memory is a few chunks,
 * whatever the arrays' size, and each chunk stays in cache while the rule runs.
 *
 * <pre>{@code
 * FloatSpans s = FloatSpans.of(g, m);          // null: not contiguous float arrays, use ND4J ops
 * s.apply((v, n) -> { for (int i = 0; i < n; i++) { v[1][i] = 0.9f * v[1][i] + v[0][i]; v[0][i] = v[1][i]; } });
 * }</pre>
 */
public final class FloatSpans {
    /**
     * Elements per chunk: 1 Ki floats, 4 KiB per array, so the chunks of Adam's five arrays stay in the core's
     * first-level cache between the copy in, the rule and the copy out. With 64 Ki floats (256 KiB per array, 1.25 MiB
     * for five) the one-pass Adam step of an MNIST MLP took 0.55 of its GEMMs' time, with 1 Ki 0.42 (async-profiler,
     * two runs each, alternating).
     */
    static final int CHUNK = 1 << 10;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[0][]);

    /** A rule over chunks: {@code values[k]} holds {@code n} elements of array {@code k}, changed in place. */
    @FunctionalInterface
    public interface Kernel {
        void run(float[][] values, int n);
    }

    private final int length;
    private final FloatBuffer[] buffers;

    private FloatSpans(int length, FloatBuffer[] buffers) {
        this.length = length;
        this.buffers = buffers;
    }

    /**
     * {@code first} and then each of {@code rest}, or {@code null} when any of them is not a contiguous
     * float array of {@code first}'s length, or the fast paths are off ({@link FastPaths}; the caller then uses ND4J ops).
     */
    public static FloatSpans of(INDArray first, INDArray... rest) {
        if (!FastPaths.enabled()) {
            return null;
        }
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
        return new FloatSpans((int) n, buffers);
    }

    /** The number of elements of each array. */
    public int length() {
        return length;
    }

    /** Runs {@code kernel} over every chunk of the arrays and writes each chunk back. */
    public void apply(Kernel kernel) {
        apply(kernel, false, false);
    }

    /** Updates between two flushes of an optimizer's state ({@link #applyToState}). */
    static final int FLUSH_EVERY = 8;
    /** State values below this magnitude are set to zero by a flush. */
    static final float TINY = 1e-25f;

    /**
     * {@link #apply} for an optimizer's update number {@code iteration} (arrays 1… its state, array 0 the gradient):
     * every {@value #FLUSH_EVERY}th update also sets the state values below {@value #TINY} in magnitude to zero.
     * Moments that decay geometrically (a weight whose gradient has become zero: an input pixel that is always
     * blank, a dead ReLU unit) otherwise sink into the subnormal floats, which x86 cores process about 15× slower
     * (measured: Adam's loop over a state 30 % subnormal, 0.5 → 7 ns per value; TensorFlow, Keras's backend, flushes
     * subnormals to zero on the CPU altogether). A value below 1e-25 moves no weight by a representable amount
     * (Adam: lr · m / (√v + ε) ≤ 1e-3 · 1e-25 / 1e-7 = 1e-21), and one above it at a flush stays normal until the
     * next whenever the state decays by a factor of at least 0.025 per update (1e-25 · 0.025⁸ ≈ 1.5e-38 ≥ 1.18e-38),
     * as every usual setting does (0.9, 0.99, 0.999; momentum 0.3–0.99). The flush is a scalar pass over the state
     * once every eight updates.
     */
    public void applyToState(Kernel kernel, long iteration) {
        apply(kernel, iteration % FLUSH_EVERY == FLUSH_EVERY - 1, false);
    }

    /**
     * {@link #applyToState} for a whole weight update, arrays {@code [gradient, state…, weight]}: the gradient is
     * only read (not written back: one pass less over memory), the state is flushed as there, and the kernel
     * writes the new weight into the last array.
     */
    public void applyToStep(Kernel kernel, long iteration) {
        if (buffers.length < 2) {
            throw new IllegalStateException("A step needs the gradient and the weight; spans of " + buffers.length);
        }
        apply(kernel, iteration % FLUSH_EVERY == FLUSH_EVERY - 1, true);
    }

    /**
     * Arrays of at least this many elements (256 KiB of floats each) are run on both cores ({@link SecondCore#share}):
     * the rules are element-wise, so each element's result is the same whichever core computes it. An MNIST MLP's
     * 407,050 weights are one such run; a convnet's 34,826 run on the caller's core alone, where waking the second
     * would cost more than it saves.
     */
    static final int SHARE_FROM = 1 << 16;
    /** Elements per piece that the two cores take turns on: 8 chunks, 32 KiB of each array. */
    static final int PIECE = 8 * CHUNK;

    private void apply(Kernel kernel, boolean flushState, boolean step) {
        if (length < SHARE_FROM) {
            applyRange(kernel, flushState, step, 0, length);
            return;
        }
        int pieces = (length + PIECE - 1) / PIECE;
        SecondCore.forEachPiece(pieces, p -> applyRange(kernel, flushState, step, p * PIECE, Math.min(length, (p + 1) * PIECE)));
    }

    /** {@link #apply} over elements {@code [from, to)}, on the calling thread's scratch. */
    private void applyRange(Kernel kernel, boolean flushState, boolean step, int from, int to) {
        float[][] values = scratch(buffers.length);
        int first = step ? 1 : 0;
        int lastState = step ? buffers.length - 2 : buffers.length - 1;
        for (int start = from; start < to; start += CHUNK) {
            int n = Math.min(CHUNK, to - start);
            for (int k = 0; k < buffers.length; k++) {
                buffers[k].get(start, values[k], 0, n);
            }
            kernel.run(values, n);
            for (int k = first; k < buffers.length; k++) {
                if (flushState && k > 0 && k <= lastState) {
                    flushTiny(values[k], n);
                }
                buffers[k].put(start, values[k], 0, n);
            }
        }
    }

    /** {@code v[0, n)} with the values below {@link #TINY} in magnitude (subnormals among them) set to zero. */
    static void flushTiny(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            // v · step(|v| − TINY), step(d) = min(1, max(d, 0) · 2¹²⁶): 1 above TINY (float spacing there is far
            // above 2⁻¹²⁶), 0 at or below it; arithmetic, so a vector loop (a branch per value is not)
            float x = v[i];
            v[i] = x * Math.min(1f, Math.max(Math.abs(x) - TINY, 0f) * 0x1p126f);
        }
    }

    /** The last thread's scratch: a training loop runs on one thread, and ThreadLocal.get costs a hash lookup per call. */
    private static volatile Owned last;

    private record Owned(Thread thread, float[][] scratch) {
    }

    private static float[][] scratch(int arrays) {
        Owned o = last;
        if (o != null && o.thread() == Thread.currentThread() && o.scratch().length >= arrays) {
            return o.scratch();
        }
        float[][] s = SCRATCH.get();
        if (s.length < arrays) {
            float[][] grown = new float[arrays][];
            System.arraycopy(s, 0, grown, 0, s.length);
            for (int k = s.length; k < arrays; k++) {
                grown[k] = new float[CHUNK];
            }
            SCRATCH.set(grown);
            s = grown;
        }
        last = new Owned(Thread.currentThread(), s);
        return s;
    }

    private static boolean contiguous(INDArray a) {
        return a.length() <= 1 || a.rank() == 1 && a.stride(0) == 1
                || !a.isView() && a.ordering() == 'c' && a.elementWiseStride() == 1;
    }
}
