package dev.kerasj.internal.dl4j.layers;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link DirectGemm} against the product summed by hand in double, for every layout it meets. */
class DirectGemmTest {
    private static INDArray values(long rows, long cols, int seed) {
        float[] v = new float[(int) (rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 37 + seed * 11) % 19 - 9) / 8f;   // exact in float, products exact too
        }
        return Nd4j.createFromArray(v).reshape('c', rows, cols);
    }

    private static void check(INDArray a, INDArray b, boolean ta, boolean tb) {
        INDArray opA = ta ? a.transpose() : a;
        INDArray opB = tb ? b.transpose() : b;
        long m = opA.size(0);
        long n = opB.size(1);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, m, n).assign(Float.NaN);
        DirectGemm.gemm(a, b, c, ta, tb);
        for (long i = 0; i < m; i++) {
            for (long j = 0; j < n; j++) {
                double s = 0;
                for (long k = 0; k < opA.size(1); k++) {
                    s += opA.getDouble(i, k) * opB.getDouble(k, j);
                }
                assertEquals(s, c.getDouble(i, j), 1e-4, "element (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void contiguousRowMajor() {
        check(values(5, 7, 1), values(7, 3, 2), false, false);
        check(values(1, 7, 1), values(7, 3, 2), false, false);   // one row: a one-image predict
        check(values(5, 1, 1), values(1, 3, 2), false, false);   // k = 1
    }

    @Test
    void oneRowByMatrixVectorProductInEveryLayout() {
        INDArray w = values(7, 3, 2);
        check(values(1, 7, 1), w, false, false);                       // x · W, W row-major
        check(values(1, 7, 1), w.dup('f'), false, false);              // W column-major (DL4J's weights)
        check(values(1, 7, 1), values(3, 7, 2), false, true);          // x · Wᵀ
        check(values(1, 7, 1), values(3, 7, 2).dup('f'), false, true);
        check(values(7, 1, 1), w, true, false);                        // a column taken as a row
        INDArray big = values(9, 7, 3);
        check(big.get(NDArrayIndex.interval(4, 5), NDArrayIndex.all()), w, false, false);   // a one-row slice, offset 28
        check(big.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 3)).reshape(1, 9), values(9, 3, 2), false, false); // stride 7
        INDArray out = Nd4j.zeros(DataType.FLOAT, 4, 3);
        DirectGemm.gemm(values(1, 7, 1), w, out.get(NDArrayIndex.interval(2, 3), NDArrayIndex.all()), false, false);
        assertEquals(values(1, 7, 1).mmul(w), out.get(NDArrayIndex.interval(2, 3), NDArrayIndex.all()));
        assertEquals(0.0, out.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all()).sumNumber().doubleValue());
        assertEquals(0.0, out.get(NDArrayIndex.interval(3, 4), NDArrayIndex.all()).sumNumber().doubleValue());
    }

    @Test
    void largeOneRowProductsInTwoHalvesInEveryLayout() {
        // 300 × 300 = 90,000 multiply-adds: above SPLIT_GEMV, computed as two halves of the output
        check(values(1, 300, 1), values(300, 300, 2), false, false);
        check(values(1, 300, 1), values(300, 300, 2).dup('f'), false, false);
        check(values(1, 300, 1), values(300, 300, 2), false, true);
        check(values(1, 300, 1), values(300, 300, 2).dup('f'), false, true);
        check(values(1, 300, 1), values(300, 250, 2), false, false);   // an odd split: 128 + 122 columns
    }

    @Test
    void largeOneRowProductIsTheSameWhicheverCoreRunsTheSecondHalf() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 784).subi(0.5);
        INDArray w = Nd4j.rand(DataType.FLOAT, 784, 512).subi(0.5);
        INDArray first = Nd4j.createUninitialized(DataType.FLOAT, 1, 512);
        DirectGemm.gemm(x, w, first, false, false);
        for (int i = 0; i < 300; i++) {   // back to back: the second core polls and takes the second halves
            INDArray again = Nd4j.createUninitialized(DataType.FLOAT, 1, 512);
            DirectGemm.gemm(x, w, again, false, false);
            assertEquals(first, again, "call " + i);
        }
    }

    /** {@link DirectGemm#gemmShared} against one whole {@code gemm}: exact values, so every block must land in place. */
    private static void sharedEqualsWhole(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb) {
        INDArray whole = c.ulike().assign(Float.NaN);
        DirectGemm.gemm(a, b, whole, ta, tb);
        for (int call = 0; call < 20; call++) {   // back to back: the second core takes blocks of later calls
            c.assign(Float.NaN);
            DirectGemm.gemmShared(a, b, c, ta, tb);
            assertEquals(whole, c, "call " + call);
        }
    }

    @Test
    void largeProductsInBlocksOnBothCoresInEveryLayout() {
        INDArray x = values(128, 784, 1);
        INDArray w = values(784, 512, 2);
        INDArray delta = values(128, 512, 3);
        // x·W, W row-major and column-major (DL4J's weights): blocks of the 512 columns
        sharedEqualsWhole(x, w, Nd4j.create(DataType.FLOAT, 128, 512), false, false);
        sharedEqualsWhole(x, w.dup('f'), Nd4j.create(DataType.FLOAT, 128, 512), false, false);
        // δ·Wᵀ, the input gradient: blocks of the 784 columns
        sharedEqualsWhole(delta, w.dup('f'), Nd4j.create(DataType.FLOAT, 128, 784), false, true);
        // xᵀ·δ into a column-major view of a flat gradient, as DL4J's: blocks of its transpose's columns
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 784 * 512 + 10);
        INDArray grad = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 10 + 784 * 512)).reshape('f', 784, 512);
        sharedEqualsWhole(x, delta, grad, true, false);
        assertEquals(0.0, flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 10)).sumNumber().doubleValue());
        // more rows than columns: blocks of rows, a row-major and a transposed a
        sharedEqualsWhole(values(1000, 300, 4), values(300, 100, 5), Nd4j.create(DataType.FLOAT, 1000, 100), false, false);
        sharedEqualsWhole(values(300, 1000, 4), values(300, 100, 5), Nd4j.create(DataType.FLOAT, 1000, 100), true, false);
        sharedEqualsWhole(values(300, 1000, 4).dup('f'), values(100, 300, 5), Nd4j.create(DataType.FLOAT, 1000, 100), true, true);
    }

    @Test
    void transposedOperands() {
        check(values(7, 5, 1), values(7, 3, 2), true, false);    // xᵀ·δ, the weight gradient
        check(values(5, 7, 1), values(3, 7, 2), false, true);
        check(values(7, 5, 1), values(3, 7, 2), true, true);
    }

    @Test
    void viewsWithOffsetsAndColumnMajorArrays() {
        INDArray big = values(20, 7, 3);
        INDArray rows = big.get(NDArrayIndex.interval(6, 11), NDArrayIndex.all());   // a batch slice: offset 42
        check(rows, values(7, 3, 2), false, false);
        INDArray flat = values(1, 40, 4);
        INDArray params = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(19, 40)).reshape('f', 7, 3);  // a DL4J-style 'f' view
        check(values(5, 7, 1), params, false, false);
        check(values(5, 7, 1).dup('f'), values(7, 3, 2).dup('f'), false, false);
        INDArray cols = big.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5));     // column slice: ld 7 > 3
        check(values(4, 20, 5), cols, false, false);
    }

    @Test
    void columnMajorOutputLikeDl4jsGradientViews() {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 30);
        INDArray grad = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(9, 30)).reshape('f', 7, 3);
        DirectGemm.gemm(values(5, 7, 1), values(5, 3, 2), grad, true, false);   // xᵀ·δ into an 'f' view
        assertEquals(values(5, 7, 1).transpose().mmul(values(5, 3, 2)), grad);
        assertEquals(0.0, flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 9)).sumNumber().doubleValue());
    }

    @Test
    void outputIntoARowSliceOfALargerArray() {
        INDArray out = Nd4j.zeros(DataType.FLOAT, 10, 3);
        INDArray view = out.get(NDArrayIndex.interval(4, 9), NDArrayIndex.all());
        DirectGemm.gemm(values(5, 7, 1), values(7, 3, 2), view, false, false);
        INDArray expected = values(5, 7, 1).mmul(values(7, 3, 2));
        assertEquals(expected, view);
        assertEquals(0.0, out.get(NDArrayIndex.interval(0, 4), NDArrayIndex.all()).sumNumber().doubleValue());
        assertEquals(0.0, out.get(NDArrayIndex.interval(9, 10), NDArrayIndex.all()).sumNumber().doubleValue());
    }
}
