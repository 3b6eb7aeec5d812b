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
}
