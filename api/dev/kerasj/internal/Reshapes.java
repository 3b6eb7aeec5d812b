package dev.kerasj.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Row-major reshapes on the training step's path, made as direct views where the array is contiguous.
 *
 * <p>ND4J's {@code reshape} runs its general stride solver ({@code Shape.newShapeNoCopy}) on every call; called
 * about 14 times a step by a dense network, it becomes hot in the first epoch, and its C2 compilation is the
 * largest of the whole run (MNIST MLP: two compilations of about 280 ms each, a third of the JIT's work in the
 * first epoch, measured with JFR's {@code jdk.Compilation} events), taken from the second core the step shares.
 * A contiguous row-major array's reshape is its buffer with the new shape's row-major strides: that view is
 * made here directly; any other array takes ND4J's reshape, which may copy.
 *
 * <pre>{@code
 * INDArray rows = Reshapes.rowMajor(batch, 128, 784);   // (128, 28, 28) seen as (128, 784), no copy
 * }</pre>
 */
public final class Reshapes {
    private Reshapes() {
    }

    /** {@code a.reshape('c', shape)}: a view of {@code a}'s buffer when {@code a} is contiguous row-major. */
    public static INDArray rowMajor(INDArray a, long... shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return a.reshape('c', shape);   // an inferred (-1) axis: ND4J's rules
            }
            n *= d;
        }
        if (shape.length == 0 || n == 0 || n != a.length() || a.isEmpty() || !contiguous(a)) {
            return a.reshape('c', shape);
        }
        if (a.ordering() == 'c' && Arrays.equals(a.shape(), shape) && Shape.hasDefaultStridesForShape(a)) {
            return a;   // already that view (each new INDArray costs ND4J a shape buffer and a deallocator entry)
        }
        return Nd4j.create(a.data(), shape, Nd4j.getStrides(shape, 'c'), a.offset(), 'c');
    }

    /** A new row-major float array of {@code shape} holding {@code values} (one array, not an array and a view of it). */
    public static INDArray of(float[] values, long... shape) {
        if (shape.length == 0) {
            return Nd4j.scalar(values[0]);
        }
        return Nd4j.create(values, shape, 'c');
    }

    /**
     * Whether {@code a}'s values lie in row-major order at unit steps from its offset: a row-major array with
     * row-major strides, or a vector (rank 1, or one axis longer than 1) of stride 1 in any order (DL4J's gradient
     * and parameter views are column-major vectors).
     */
    private static boolean contiguous(INDArray a) {
        if (a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a)) {
            return true;
        }
        int longAxes = 0;
        int axis = 0;
        for (int i = 0; i < a.rank(); i++) {
            if (a.size(i) > 1) {
                longAxes++;
                axis = i;
            }
        }
        return longAxes <= 1 && (longAxes == 0 || a.stride(axis) == 1);
    }
}
