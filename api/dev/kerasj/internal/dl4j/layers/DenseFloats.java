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
        INDArray f = dense(a);
        f.data().asNioFloat().slice().get(0, into, 0, Math.toIntExact(f.length()));
        return into;
    }

    /** Writes the first {@code a.length()} values of {@code v} (row-major) into {@code a}. */
    static void write(float[] v, INDArray a) {
        int n = Math.toIntExact(a.length());
        if (dense(a) == a) {
            a.data().asNioFloat().slice().put(0, v, 0, n);
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

        private Blocks(INDArray target, FloatBuffer buffer) {
            this.target = target;
            this.buffer = buffer;
        }

        /** Blocks to read {@code a}'s values from, in row-major order. */
        static Blocks reading(INDArray a) {
            return new Blocks(a, dense(a).data().asNioFloat().slice());
        }

        /** Blocks to write {@code a}'s values into, in row-major order. */
        static Blocks writing(INDArray a) {
            return new Blocks(a, dense(a) == a ? a.data().asNioFloat().slice() : null);
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
            buffer.get(Math.toIntExact(from), into, 0, n);
        }

        /** {@code v}'s first {@code n} values into the array from row-major position {@code at} on. */
        void write(float[] v, int n, long at) {
            if (buffer != null) {
                buffer.put(Math.toIntExact(at), v, 0, n);
            } else if (at == 0 && n == target.length()) {
                DenseFloats.write(v, target);
            } else {
                throw new IllegalStateException("a block write into an array that is not dense: " + target.shapeInfoToString());
            }
        }
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
