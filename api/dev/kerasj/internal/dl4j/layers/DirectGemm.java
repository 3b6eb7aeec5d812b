package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.SecondCore;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code C = op(A) · op(B)} for float matrices by one call of OpenBLAS's {@code cblas_sgemm} on the arrays' own
 * buffers (CPU backend), where ND4J's {@code Nd4j.gemm} builds a {@code matmul} op, its context, shape descriptors
 * and, for some views, copies per call: ~30 % of a one-image {@code predict} of an MNIST MLP (async-profiler).
 * The product is the same OpenBLAS routine ND4J's op ends in; any array whose layout this does not take (not
 * float, not 2-D, strides that are neither row- nor column-major, another backend) goes through {@code Nd4j.gemm},
 * as everything does with the fast paths off ({@code KERASJ_FAST_PATHS=false}).
 *
 * <pre>{@code
 * DirectGemm.gemm(x, w, z, false, false);   // z = x · w, z row-major
 * }</pre>
 */
final class DirectGemm {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    private static final boolean AVAILABLE = available();

    private DirectGemm() {
    }

    private static boolean available() {
        try {
            Class.forName("org.bytedeco.openblas.global.openblas_nolapack", false, DirectGemm.class.getClassLoader());
            return Nd4j.getEnvironment().isCPU();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@code c = op(a) · op(b)} ({@code op} transposes when asked), overwriting {@code c}. */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        if (!direct(a, b, c, transA, transB)) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
        }
    }

    /**
     * {@code c = a · b} where {@code a} holds {@code rows × cols} values row-major from its first element in any
     * shape (a batch of images before flattening): no reshaped view is built for the product.
     */
    static void gemmRows(INDArray a, long rows, long cols, INDArray b, INDArray c) {
        boolean rowMajor = a.dataType() == DataType.FLOAT && a.data().dataType() == DataType.FLOAT
                && a.length() == rows * cols && a.ordering() == 'c'
                && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a);
        if (!rowMajor || !AVAILABLE || !Common.fastPaths() || !product(pointer(a), rows, cols, new long[] {cols, 0}, false, b, c, false)) {
            gemm(a.reshape('c', rows, cols), b, c, false, false);
        }
    }

    private static boolean direct(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        if (!AVAILABLE || !Common.fastPaths() || !floats(a)) {
            return false;
        }
        long ldc = floats(c) ? rowMajorLd(c) : 0;
        if (ldc < 0 && c.stride(0) == 1 && c.size(0) > 1 && c.size(1) > 1 && floats(b)) {
            // a column-major c (DL4J's weight-gradient views) is cᵀ row-major: cᵀ = op(b)ᵀ · op(a)ᵀ
            return direct(b, a, c.transpose(), !transB, !transA);
        }
        long[] la = layout(a);
        return la != null && product(pointer(a), a.size(0), a.size(1), la, transA, b, c, transB);
    }

    /** The product for {@code a} given as its buffer, its stored shape and {@link #layout}; false when not taken. */
    private static boolean product(FloatPointer pa, long aRows, long aCols, long[] la, boolean transA,
                                   INDArray b, INDArray c, boolean transB) {
        if (!AVAILABLE || !Common.fastPaths() || !floats(b) || !floats(c)) {
            return false;
        }
        long m = c.size(0);
        long n = c.size(1);
        long k = transA ? aRows : aCols;
        long ldc = rowMajorLd(c);
        long[] lb = layout(b);
        if ((transA ? aCols : aRows) != m || (transB ? b.size(0) : b.size(1)) != n
                || (transB ? b.size(1) : b.size(0)) != k || m == 0 || n == 0 || ldc < 0 || lb == null || k == 0
                || Math.max(Math.max(m, n), k) > Integer.MAX_VALUE) {
            return false;
        }
        // a column-major operand is its transpose in row-major: flip the op instead of copying
        boolean ta = transA != (la[1] == 1);
        boolean tb = transB != (lb[1] == 1);
        if (m == 1) {
            // one row: a matrix-vector product reads b once, where sgemm would first pack all of it
            // (OpenBLAS 0.3.19 does not forward m = 1 to gemv): a one-image predict spends most of its product there
            gemv(pa, ta ? (int) la[0] : 1, pointer(b), (int) lb[0], tb, (int) k, (int) n, pointer(c));
            return true;
        }
        org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta ? TRANS : NO_TRANS,
                tb ? TRANS : NO_TRANS, (int) m, (int) n, (int) k, 1.0f, pa, (int) la[0], pointer(b), (int) lb[0],
                0.0f, pointer(c), (int) ldc);
        return true;
    }

    /**
     * Below this many multiply-adds a row-times-matrix product is one call (a 784×512 layer: 401,408, split). A
     * training step's bias gradient (ones · δ: batch × width, 128 × 512 = 65,536) stays whole: δ was just written
     * by this core, and the second core's half waited on its memory (async-profiler: 0.08 ms of a 4 ms MLP step).
     */
    static final long SPLIT_GEMV = 1L << 18;

    /**
     * {@code c = a · op(b)} for one row {@code a} (stride {@code incA}) and {@code c} of {@code n} values, b given as
     * {@code ldb}-strided rows ({@code k × n}, or {@code n × k} when {@code tb}). A large product is two calls, on
     * the two halves of {@code c}, always the same two (so the numbers never depend on who runs them); the second
     * half goes to the {@link SecondCore} when it is polling: the halves of b then stream from two cores' caches.
     */
    private static void gemv(FloatPointer a, int incA, FloatPointer b, int ldb, boolean tb, int k, int n, FloatPointer c) {
        if ((long) k * n < SPLIT_GEMV || n < 64 || !Parallel.blasOnTwoCores()) {
            gemvColumns(a, incA, b, ldb, tb, k, 0, n, c);
            return;
        }
        int half = (n / 2 + 15) & ~15;   // whole vector widths on both sides
        SecondCore.Job second = SecondCore.offer(() -> gemvColumns(a, incA, b, ldb, tb, k, half, n, c));
        gemvColumns(a, incA, b, ldb, tb, k, 0, half, c);
        if (second != null) {
            second.await();
        } else {
            gemvColumns(a, incA, b, ldb, tb, k, half, n, c);
        }
    }

    /** Values {@code [from, to)} of {@link #gemv}'s {@code c}. */
    private static void gemvColumns(FloatPointer a, int incA, FloatPointer b, int ldb, boolean tb, int k, int from, int to,
                                    FloatPointer c) {
        FloatPointer part = from == 0 ? b : b.getPointer(FloatPointer.class, tb ? (long) from * ldb : from);
        FloatPointer out = from == 0 ? c : c.getPointer(FloatPointer.class, from);
        org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv(ROW_MAJOR, tb ? NO_TRANS : TRANS,
                tb ? to - from : k, tb ? k : to - from, 1.0f, part, ldb, a, incA, 0.0f, out, 1);
    }

    /** Below this many multiply-adds a product is one call on one core ({@link #gemmShared}). */
    static final long SHARE_MACS = 1L << 22;

    /**
     * {@link #gemm}, a large product split into fixed blocks of its longer output dimension (rows of c, or columns)
     * that the caller and the second core take turns on ({@link SecondCore#forEachPiece}): kerasj runs OpenBLAS on
     * one thread on small machines, and this leaves the second core to kerasj's own pieces, which never spin
     * against the next call (a second OpenBLAS thread does). Each block is the same call whichever core runs it.
     */
    static void gemmShared(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        if (!shared(a, b, c, transA, transB)) {
            gemm(a, b, c, transA, transB);
        }
    }

    private static boolean shared(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        if (!AVAILABLE || !Common.fastPaths() || !floats(a) || !floats(b) || !floats(c)) {
            return false;
        }
        long ldc = rowMajorLd(c);
        if (ldc < 0 && c.stride(0) == 1 && c.size(0) > 1 && c.size(1) > 1) {
            return shared(b, a, c.transpose(), !transB, !transA);   // cᵀ = op(b)ᵀ · op(a)ᵀ, row-major
        }
        long[] la = layout(a);
        long[] lb = layout(b);
        long m = c.size(0);
        long n = c.size(1);
        long k = transA ? a.size(0) : a.size(1);
        if (ldc < 0 || la == null || lb == null || (transA ? a.size(1) : a.size(0)) != m
                || (transB ? b.size(0) : b.size(1)) != n || (transB ? b.size(1) : b.size(0)) != k
                || m * n * k < SHARE_MACS || Math.max(Math.max(m, n), k) > Integer.MAX_VALUE) {
            return false;
        }
        boolean ta = transA != (la[1] == 1);
        boolean tb = transB != (lb[1] == 1);
        boolean byRows = m >= n;
        long split = byRows ? m : n;
        int pieces = split >= 256 ? 4 : 2;
        FloatPointer pa = pointer(a);
        FloatPointer pb = pointer(b);
        FloatPointer pc = pointer(c);
        SecondCore.forEachPiece(pieces, p -> block(pa, la[0], ta, pb, lb[0], tb, pc, ldc, m, n, k, byRows,
                split * p / pieces, split * (p + 1) / pieces));
        return true;
    }

    /**
     * Rows {@code [from, to)} of the row-major {@code c = op(a)·op(b)} ({@code byRows}; rows of op(a): a row of a, or
     * a column when transposed), or its columns {@code [from, to)} (columns of op(b)): one sgemm on offset pointers.
     */
    private static void block(FloatPointer pa, long lda, boolean ta, FloatPointer pb, long ldb, boolean tb,
                              FloatPointer pc, long ldc, long m, long n, long k, boolean byRows, long from, long to) {
        long aOffset = byRows ? (ta ? from : from * lda) : 0;
        long bOffset = byRows ? 0 : (tb ? from * ldb : from);
        long cOffset = byRows ? from * ldc : from;
        org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta ? TRANS : NO_TRANS,
                tb ? TRANS : NO_TRANS, (int) (byRows ? to - from : m), (int) (byRows ? n : to - from), (int) k, 1.0f,
                at(pa, aOffset), (int) lda, at(pb, bOffset), (int) ldb, 0.0f, at(pc, cOffset), (int) ldc);
    }

    /** A pointer {@code offset} floats past {@code p} (the cached pointer itself is not moved: threads share it). */
    private static FloatPointer at(FloatPointer p, long offset) {
        return offset == 0 ? p : new FloatPointer(p).position(p.position() + offset);
    }

    /**
     * Whether {@link #gemmRows(INDArray, INDArray, INDArray, long, long)} takes {@code c = a · b}: {@code a} and
     * {@code c} row-major and dense from their first element, {@code b} row- or column-major, the sizes agreeing.
     */
    static boolean takesRowRanges(INDArray a, INDArray b, INDArray c) {
        return AVAILABLE && Common.fastPaths() && floats(a) && floats(b) && floats(c) && a.size(0) == c.size(0)
                && b.size(0) == a.size(1) && b.size(1) == c.size(1) && rowMajorLd(a) == a.size(1)
                && rowMajorLd(c) == c.size(1) && layout(b) != null && a.size(1) <= Integer.MAX_VALUE
                && c.size(1) <= Integer.MAX_VALUE;
    }

    /**
     * Rows {@code [r0, r1)} of {@code c = a · b} for arrays {@link #takesRowRanges} takes, without views: one sgemm on
     * the rows' pointers. Threads may compute disjoint row ranges of the same product at once.
     */
    static void gemmRows(INDArray a, INDArray b, INDArray c, long r0, long r1) {
        long[] lb = layout(b);
        block(pointer(a), a.size(1), false, pointer(b), lb[0], lb[1] == 1, pointer(c), c.size(1), c.size(0), c.size(1),
                a.size(1), true, r0, r1);
    }

    private static boolean floats(INDArray x) {
        return x.rank() == 2 && x.dataType() == DataType.FLOAT && !x.isEmpty() && x.data().dataType() == DataType.FLOAT;
    }

    /** The leading dimension when {@code x} is row-major with unit column stride, else -1. */
    private static long rowMajorLd(INDArray x) {
        long rows = x.size(0);
        long cols = x.size(1);
        long s0 = x.stride(0);
        long s1 = x.stride(1);
        if (cols == 1 || s1 == 1) {
            long ld = rows == 1 ? cols : s0;
            return ld >= cols && ld <= Integer.MAX_VALUE ? ld : -1;
        }
        return -1;
    }

    /** {@code {ld, 0}} for a row-major {@code x}, {@code {ld, 1}} for a column-major one, else null. */
    private static long[] layout(INDArray x) {
        long ld = rowMajorLd(x);
        if (ld >= 0) {
            return new long[] {ld, 0};
        }
        long rows = x.size(0);
        long cols = x.size(1);
        long s1 = x.stride(1);
        if (x.stride(0) == 1) {
            long cld = cols == 1 ? rows : s1;
            return cld >= rows && cld <= Integer.MAX_VALUE ? new long[] {cld, 1} : null;
        }
        return null;
    }

    private static FloatPointer pointer(INDArray x) {
        return dev.kerasj.internal.BufferViews.pointer(x.data());   // a view's buffer already starts at its offset
    }
}
