package dev.kerasj.internal;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.*;

class ReshapesTest {
    /** Row-major order by hand: element (i, j, k) of a (2, 3, 4) array of 0 … 23 is 12i + 4j + k. */
    @Test
    void contiguousArrayIsViewedInRowMajorOrder() {
        INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4);
        INDArray v = Reshapes.rowMajor(x, 6, 4);
        assertArrayEquals(new long[] {6, 4}, v.shape());
        assertArrayEquals(new long[] {4, 1}, v.stride());
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(4 * r + c, v.getFloat(r, c));
            }
        }
        v.putScalar(5, 3, -1f);   // a view: the original sees the write
        assertEquals(-1f, x.getFloat(1, 2, 3));
        assertEquals(x.reshape('c', 4, 6), Reshapes.rowMajor(x, 4, 6));
    }

    @Test
    void rowRangeKeepsItsOffset() {
        INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(6, 4);
        INDArray rows = x.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());   // values 8 … 15
        INDArray v = Reshapes.rowMajor(rows, 1, 8);
        assertEquals(Nd4j.arange(8, 16).castTo(DataType.FLOAT).reshape(1, 8), v);
        assertEquals(rows.data().address(), v.data().address());
        assertEquals(rows.offset(), v.offset());
    }

    @Test
    void otherArraysTakeNd4jsReshape() {
        INDArray x = Nd4j.arange(6).castTo(DataType.FLOAT).reshape(2, 3);
        INDArray t = x.transpose();   // (3, 2), not row-major: [[0, 3], [1, 4], [2, 5]]
        assertEquals(Nd4j.createFromArray(0f, 3f, 1f, 4f, 2f, 5f).reshape(6), Reshapes.rowMajor(t, 6));
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 1}, {2, 3}, {4, 5}}), Reshapes.rowMajor(x, -1, 2));
        INDArray f = Nd4j.create(new float[] {0, 3, 1, 4, 2, 5}, new long[] {2, 3}, 'f');   // the same matrix in column order
        assertEquals(x.reshape(3, 2), Reshapes.rowMajor(f, 3, 2));
        assertThrows(RuntimeException.class, () -> Reshapes.rowMajor(x, 4, 2));
    }

    @Test
    void rankZeroAndRankOne() {
        INDArray one = Nd4j.createFromArray(7f);
        assertEquals(7f, Reshapes.rowMajor(one).getFloat(0));
        assertEquals(0, Reshapes.rowMajor(one).rank());
        INDArray row = Reshapes.rowMajor(Nd4j.createFromArray(1f, 2f, 3f), 1, 3);
        assertArrayEquals(new long[] {1, 3}, row.shape());
        assertEquals(2f, row.getFloat(0, 1));
    }

    /** A column-major vector (as DL4J's parameter and gradient views are) holds its values in order: still a view. */
    @Test
    void columnMajorVectorIsAView() {
        INDArray f = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {1, 4}, 'f');
        INDArray v = Reshapes.rowMajor(f, 2, 2);
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}), v);
        v.putScalar(1, 0, 9f);
        assertEquals(9f, f.getFloat(0, 2));
        INDArray column = Nd4j.create(new float[] {5, 6, 7}, new long[] {3, 1}, 'f');
        assertEquals(Nd4j.createFromArray(new float[][] {{5, 6, 7}}), Reshapes.rowMajor(column, 1, 3));
        INDArray strided = Nd4j.arange(6).castTo(DataType.FLOAT).reshape(3, 2).getColumn(1);   // 1, 3, 5: stride 2
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 3, 5}}), Reshapes.rowMajor(strided, 1, 3));
    }
}
