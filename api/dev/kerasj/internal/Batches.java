package dev.kerasj.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Row selection along the batch axis: zero-copy slices of contiguous ranges, gathers for shuffled ones. */
public final class Batches {
    private Batches() {
    }

    /** {@code a} as a c-ordered, contiguous array (a copy only when it is not already). */
    public static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a) && !a.isView()
                ? a : a.dup('c');
    }

    /** Rows [from, to) of a contiguous array, as a view. */
    public static INDArray slice(INDArray a, long from, long to) {
        long n = a.size(0);
        if (from == 0 && to == n) {
            return a;
        }
        if (a.rank() == 1) {
            return a.get(NDArrayIndex.interval(from, to));
        }
        INDArray flat = a.reshape('c', n, a.length() / n);
        long[] shape = a.shape().clone();
        shape[0] = to - from;
        return flat.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).reshape('c', shape);
    }

    /** The rows {@code idx} of a contiguous array, gathered into a new array. */
    public static INDArray gather(INDArray a, int[] idx) {
        long n = a.size(0);
        long[] shape = a.shape().clone();
        shape[0] = idx.length;
        INDArray flat = a.rank() == 1 ? a.reshape('c', n, 1) : a.reshape('c', n, a.length() / n);
        return Nd4j.pullRows(flat, 1, idx).reshape('c', shape);
    }
}
