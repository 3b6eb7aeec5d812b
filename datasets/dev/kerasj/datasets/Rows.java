package dev.kerasj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** Gathers rows (entries along axis 0) of an array of any rank with one native call. */
final class Rows {
    private Rows() {
    }

    /** {@code a} as a C-ordered matrix (rows along axis 0, everything else flattened). */
    static INDArray asMatrix(INDArray a) {
        long rows = a.size(0);
        long width = rows == 0 ? 0 : a.length() / rows;
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        return c.reshape('c', rows, width);
    }

    /** The trailing shape {@code a.shape()[1:]}. */
    static long[] trailing(INDArray a) {
        return Arrays.copyOfRange(a.shape(), 1, a.rank());
    }

    /**
     * The rows {@code indexes} of {@code matrix} (from {@link #asMatrix}), reshaped to
     * {@code leading + trailing}.
     */
    static INDArray take(INDArray matrix, int[] indexes, long[] leading, long[] trailing) {
        INDArray gathered = Nd4j.pullRows(matrix, 1, indexes);
        long[] shape = new long[leading.length + trailing.length];
        System.arraycopy(leading, 0, shape, 0, leading.length);
        System.arraycopy(trailing, 0, shape, leading.length, trailing.length);
        return gathered.reshape('c', shape);
    }
}
