package dev.kerasj.internal.dl4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Copies between a row-major and a column-major float matrix of the same shape — a Keras kernel {@code (in, out)}
 * and DL4J's Dense weight view, which holds it column-major — as a cache-blocked transposition in Java, split over
 * the cores for large matrices. ND4J's {@code assign} between the two orders walks the destination element by
 * element with index arithmetic (~0.2 s for 5000×5000 here, against ~0.05 s for this).
 */
final class Transposes {
    /** Side of the square tiles: 32×32 floats of each matrix (8 KiB together) stay in the L1 cache. */
    private static final int TILE = 32;
    /** Below this many values one thread does it (splitting costs more than it saves). */
    private static final long PARALLEL_FROM = 1L << 20;

    private Transposes() {
    }

    /**
     * {@code dst.assign(src)} for two float matrices of one shape in opposite orders, each densely packed (a
     * view into a parameter vector is fine); other arrays fall back to ND4J's {@code assign}.
     */
    static void assign(INDArray dst, INDArray src) {
        if (!copy(dst, src)) {
            dst.assign(src);
        }
    }

    private static boolean copy(INDArray dst, INDArray src) {
        if (src.rank() != 2 || dst.rank() != 2 || src.dataType() != DataType.FLOAT || dst.dataType() != DataType.FLOAT
                || src.size(0) != dst.size(0) || src.size(1) != dst.size(1) || src.ordering() == dst.ordering()
                || !packed(src) || !packed(dst)) {
            return false;
        }
        // Seen as row-major memory, src is (rows, cols) and dst its transpose (cols, rows).
        int rows = Math.toIntExact(src.ordering() == 'c' ? src.size(0) : src.size(1));
        int cols = Math.toIntExact(src.ordering() == 'c' ? src.size(1) : src.size(0));
        FloatBuffer s = floats(src);
        FloatBuffer d = floats(dst);
        int bands = (rows + TILE - 1) / TILE;
        if ((long) rows * cols < PARALLEL_FROM) {
            for (int b = 0; b < bands; b++) {
                band(s, d, rows, cols, b);
            }
        } else {
            IntStream.range(0, bands).parallel().forEach(b -> band(s, d, rows, cols, b));
        }
        return true;
    }

    /** Rows {@code [b·TILE, (b+1)·TILE)} of the row-major {@code (rows, cols)} source, written transposed. */
    private static void band(FloatBuffer s, FloatBuffer d, int rows, int cols, int b) {
        int i0 = b * TILE;
        int i1 = Math.min(i0 + TILE, rows);
        for (int j0 = 0; j0 < cols; j0 += TILE) {
            int j1 = Math.min(j0 + TILE, cols);
            for (int i = i0; i < i1; i++) {
                int from = i * cols;
                for (int j = j0; j < j1; j++) {
                    d.put(j * rows + i, s.get(from + j));
                }
            }
        }
    }

    /** A 2-D array whose values fill one contiguous run of its buffer in its own order. */
    private static boolean packed(INDArray a) {
        long[] st = a.stride();
        return a.ordering() == 'c' ? st[1] == 1 && st[0] == a.size(1) : st[0] == 1 && st[1] == a.size(0);
    }

    private static FloatBuffer floats(INDArray a) {
        FloatBuffer all = a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        int from = Math.toIntExact(a.offset());
        return all.position(from).limit(from + Math.toIntExact(a.length())).slice();
    }
}
