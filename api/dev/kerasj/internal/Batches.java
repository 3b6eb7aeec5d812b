package dev.kerasj.internal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;


/** Row selection along the batch axis: zero-copy slices of contiguous ranges, gathers for shuffled ones. */
public final class Batches {
    private Batches() {
    }

    /**
     * {@code a} as a c-ordered, contiguous array (a copy only when it is not already). Reshapes and row ranges
     * ({@code x.get(interval(i, j))}) count as contiguous, though ND4J calls them views: copying a 60,000-image
     * training set for a reshape cost 180 MiB of peak memory in the MNIST benchmark, and copying one image sliced
     * off a test set 12 % of a one-image {@code predict}. (Consumers that need offset 0, like the host gather,
     * check for it themselves.)
     */
    public static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.data().length() == a.length()
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
        return gather(a, idx, null);
    }

    /**
     * The rows {@code idx} of a contiguous array, gathered into {@code reuse} when it is an array of
     * the result's shape that the CPU copy can fill (its old values are overwritten), else into a new
     * array. A training loop passes the previous step's batch, which nothing reads any more: a
     * native allocation per batch costs more than the copy itself.
     */
    public static INDArray gather(INDArray a, int[] idx, INDArray reuse) {
        long n = a.size(0);
        long[] shape = a.shape().clone();
        shape[0] = idx.length;
        if (copyableOnHost(a)) {
            INDArray out = reuse != null && copyableOnHost(reuse) && java.util.Arrays.equals(reuse.shape(), shape)
                    ? reuse : Nd4j.createUninitialized(DataType.FLOAT, shape);
            return gatherOnHost(a, idx, out);
        }
        INDArray flat = a.rank() == 1 ? a.reshape('c', n, 1) : a.reshape('c', n, a.length() / n);
        return Nd4j.pullRows(flat, 1, idx).reshape('c', shape);
    }

    /** A float, c-contiguous, non-view CPU array under 2 GiB: its rows can be copied buffer to buffer. */
    private static boolean copyableOnHost(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a)
                && a.offset() == 0 && a.data().length() == a.length() && a.length() * 4L < Integer.MAX_VALUE
                && FastPaths.enabled();
    }

    /**
     * Row gather as bulk copies between the two native buffers: {@code pullRows} costs about 5× more on a
     * training batch (op set-up dominates copying 128 rows). One native {@code memcpy} a row: NIO's bulk
     * {@code FloatBuffer.put} does the same copy, but its C2 compilation took about 150 ms of CPU in the
     * first epoch of the MNIST MLP, time taken from that epoch's second core.
     */
    private static INDArray gatherOnHost(INDArray a, int[] idx, INDArray out) {
        long row = a.length() / a.size(0);
        long bytes = row * Float.BYTES;
        // memcpy's void* arguments take their positions in bytes
        BytePointer src = new BytePointer(BufferViews.pointer(a.data()));
        BytePointer dst = new BytePointer(BufferViews.pointer(out.data()));
        for (int i = 0; i < idx.length; i++) {
            Pointer.memcpy(dst.position(i * bytes), src.position(idx[i] * bytes), bytes);
        }
        return out;
    }
}
