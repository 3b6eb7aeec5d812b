package dev.kerasj.internal.dl4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * Bulk copies between ND4J arrays and Java {@code float[]} in row-major order, for the layers whose
 * inner loops kerasj runs in Java ({@link FastConv2DLayer}, {@link FastPooling2DLayer}, the LSTM's
 * {@link LstmKernel}). One copy each way: no per-element ND4J calls.
 */
final class DenseFloats {
    private DenseFloats() {
    }

    /** {@code a}'s values in row-major order as floats. */
    static float[] read(INDArray a) {
        return read(a, new float[Math.toIntExact(a.length())]);
    }

    /** {@code a}'s values in row-major order, written into the start of {@code into} (returned). */
    static float[] read(INDArray a, float[] into) {
        INDArray f = contiguous(a) ? a : dense(a);   // a view of whole rows (a parameter, a batch slice) is read in place
        dev.kerasj.internal.BufferViews.floats(f.data()).get(start(f), into, 0, Math.toIntExact(f.length()));
        return into;
    }

    /** Writes the first {@code a.length()} values of {@code v} (row-major) into {@code a}. */
    static void write(float[] v, INDArray a) {
        int n = Math.toIntExact(a.length());
        if (contiguous(a)) {
            dev.kerasj.internal.BufferViews.floats(a.data()).put(start(a), v, 0, n);
        } else {
            float[] exact = v.length == n ? v : java.util.Arrays.copyOf(v, n);
            a.assign(Nd4j.createFromArray(exact).reshape(a.shape().clone()));
        }
    }

    /** Floats per block of {@link Blocks#rows}: 64 KiB, which stays in the core's cache between two passes. */
    private static final int BLOCK = 1 << 14;

    /**
     * An ND4J array read or written in blocks of rows through a small Java array (for passes whose blocks stay
     * in the cache): {@link #reading} a dense copy when the array is not dense, {@link #writing} the array itself,
     * in one whole-array block when it is not dense.
     */
    static final class Blocks {
        private final INDArray target;
        private final FloatBuffer buffer;
        /** The buffer index of the first value. */
        private final int base;

        private Blocks(INDArray target, FloatBuffer buffer, int base) {
            this.target = target;
            this.buffer = buffer;
            this.base = base;
        }

        /** Blocks to read {@code a}'s values from, in row-major order. */
        static Blocks reading(INDArray a) {
            INDArray f = contiguous(a) ? a : dense(a);
            return new Blocks(a, dev.kerasj.internal.BufferViews.floats(f.data()), start(f));
        }

        /** Blocks to write {@code a}'s values into, in row-major order. */
        static Blocks writing(INDArray a) {
            boolean in = contiguous(a);
            return new Blocks(a, in ? dev.kerasj.internal.BufferViews.floats(a.data()) : null, in ? start(a) : 0);
        }

        /** Whether blocks go straight into the array (it is dense); else one whole-array write only. */
        boolean direct() {
            return buffer != null;
        }

        /** How many of {@code rows} rows of {@code width} floats make one block: all of them when the array is not dense. */
        int rows(int rows, int width) {
            return buffer == null ? rows : Math.max(1, Math.min(rows, BLOCK / Math.max(1, width)));
        }

        /** The {@code n} values from row-major position {@code from} on, into the start of {@code into}. */
        void read(long from, float[] into, int n) {
            buffer.get(base + Math.toIntExact(from), into, 0, n);
        }

        /** {@code v}'s first {@code n} values into the array from row-major position {@code at} on. */
        void write(float[] v, int n, long at) {
            if (buffer != null) {
                buffer.put(base + Math.toIntExact(at), v, 0, n);
            } else if (at == 0 && n == target.length()) {
                DenseFloats.write(v, target);
            } else {
                throw new IllegalStateException("a block write into an array that is not dense: " + target.shapeInfoToString());
            }
        }
    }

    /**
     * Whether {@code a}'s values lie row-major and contiguous in its buffer from {@link #start} on (a whole array,
     * or a view of whole rows such as a parameter of DL4J's flat parameter vector or a batch slice).
     */
    static boolean contiguous(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.data().dataType() != DataType.FLOAT || a.isEmpty()
                || a.offset() + a.length() > Integer.MAX_VALUE) {
            return false;
        }
        long expected = 1;   // row-major strides; a dimension of size 1 may have any stride (DL4J's (1, n) parameter views)
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    /** The index of {@code a}'s first value in {@code a.data().asNioFloat()}. */
    /**
     * Whether {@code a} is a float array whose values fill {@code [offset, offset + length)} of its buffer densely in
     * some order of its axes (a row-major array, or a permuted view of one): its strides, largest first, are the
     * dense strides of its sizes taken in that order.
     */
    static boolean isDenseBlock(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.data().dataType() != DataType.FLOAT || a.isEmpty()
                || a.offset() + a.length() > Integer.MAX_VALUE) {
            return false;
        }
        Integer[] axes = new Integer[a.rank()];
        for (int d = 0; d < axes.length; d++) {
            axes[d] = d;
        }
        java.util.Arrays.sort(axes, (x, y) -> Long.compare(a.stride(y), a.stride(x)));
        long expected = 1;
        for (int i = axes.length - 1; i >= 0; i--) {
            int d = axes[i];
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    static int start(INDArray a) {
        return Math.toIntExact(a.offset());
    }

    /** {@code a} itself when it is a dense row-major float array, else such a copy. */
    static INDArray dense(INDArray a) {
        if (a.dataType() == DataType.FLOAT && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.offset() == 0
                && a.data().length() == a.length()) {
            return a;
        }
        return a.castTo(DataType.FLOAT).dup('c');
    }
}
