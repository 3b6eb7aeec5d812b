package dev.kerasj.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;


/**
 * Arrays read into Java memory, for the small per-batch computations (losses, metrics) where one Java
 * loop costs less than ND4J's per-op overhead on a (batch, classes) array.
 */
public final class HostArrays {
    private HostArrays() {
    }

    /** {@code a}'s values in row-major order, as floats (one copy; no op when it is a plain float array). */
    public static float[] floats(INDArray a) {
        if (a.dataType() == DataType.FLOAT && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.offset() == 0
                && a.data().length() == a.length()) {
            return a.data().asFloat();
        }
        return Nd4j.toFlattened('c', a.castTo(DataType.FLOAT)).toFloatVector();
    }

    /**
     * The sum of {@code a}'s values: a Java loop (accumulating in double) over its float values ({@link #floats}),
     * for float arrays with the fast paths on; else ND4J's {@code sumNumber}. A step's loss and metric sums are over
     * one value per sample, where ND4J's reduction op costs far more than the additions.
     */
    public static double sum(INDArray a) {
        if (a.dataType() != DataType.FLOAT || !FastPaths.enabled()) {
            return a.sumNumber().doubleValue();
        }
        double s = 0;
        for (float v : floats(a)) {
            s += v;
        }
        return s;
    }
}
