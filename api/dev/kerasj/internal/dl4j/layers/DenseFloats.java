package dev.kerasj.internal.dl4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

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

    /** Floats per block of {@link #rowBlock}: 64 KiB, which stays in the core's cache between two passes. */
    private static final int BLOCK = 1 << 14;

    /**
     * How many rows of {@code width} floats make one block of a pass that streams {@code a} through a small
     * Java array ({@link #read(INDArray, long, float[], int)}, {@link #write(float[], int, INDArray, long)}): all
     * {@code rows} when {@code a} is not a dense float array (then only one whole-array block works).
     */
    static int rowBlock(INDArray a, int rows, int width) {
        return dense(a) != a ? rows : Math.max(1, Math.min(rows, BLOCK / Math.max(1, width)));
    }

    /** The {@code n} values of {@code a} from row-major position {@code from} on, into the start of {@code into}. */
    static void read(INDArray a, long from, float[] into, int n) {
        INDArray f = dense(a);
        f.data().asNioFloat().slice().get(Math.toIntExact(from), into, 0, n);
    }

    /**
     * {@code v}'s first {@code n} values into {@code a} from row-major position {@code at} on; a block
     * smaller than {@code a} only when {@code a} is dense ({@link #rowBlock} sees to that).
     */
    static void write(float[] v, int n, INDArray a, long at) {
        if (dense(a) == a) {
            a.data().asNioFloat().slice().put(Math.toIntExact(at), v, 0, n);
        } else if (at == 0 && n == a.length()) {
            write(v, a);
        } else {
            throw new IllegalStateException("a block write into an array that is not dense: " + a.shapeInfoToString());
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
