package dev.kerasj.internal.dl4j.layers;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.NDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.LongBuffer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * New row-major float matrices, the shape descriptor made once for a run of the same shape. ND4J's array
 * constructors ask the native library for the descriptor at every array (a JNI call into its cache of constant
 * shape descriptors and a new Java wrapper around the cached memory: ~4 µs, measured, most of the cost of a
 * one-image predict's result array); the descriptor of a shape is one constant block of native memory, so one
 * wrapper serves every array of that shape. CPU backend only (the fast paths'); elsewhere ND4J's constructor.
 *
 * <pre>{@code
 * ShapedArrays results = new ShapedArrays();
 * INDArray out = results.uninitialized(1, 10);   // as Nd4j.createUninitialized(FLOAT, 1, 10)
 * }</pre>
 */
final class ShapedArrays {
    private record Shape(long rows, long cols, LongBuffer info, long[] jvm) {
    }

    private volatile Shape last;

    /** As {@code Nd4j.createUninitialized(FLOAT, rows, cols)} (in the current workspace, if one is open). */
    INDArray uninitialized(long rows, long cols) {
        Shape s = last;
        if (s != null && s.rows() == rows && s.cols() == cols) {
            DataBuffer data = Nd4j.createBuffer(DataType.FLOAT, rows * cols, false);
            return new NDArray(data, s.info(), s.jvm().clone());
        }
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        if (a instanceof NDArray && a.shapeInfoDataBuffer() instanceof LongBuffer info && !a.isView()
                && a.ordering() == 'c' && a.rank() == 2) {
            last = new Shape(rows, cols, info, a.shapeInfoJava().clone());
        }
        return a;
    }
}
