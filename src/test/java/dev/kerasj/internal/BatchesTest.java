package dev.kerasj.internal;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class BatchesTest {
    @Test
    void gatherPicksRowsInOrder() {
        INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(4, 3, 2);   // row i holds 6i … 6i+5
        INDArray g = Batches.gather(x, new int[] {3, 0, 3});
        assertArrayEquals(new long[] {3, 3, 2}, g.shape());
        assertEquals(x.slice(3), g.slice(0));
        assertEquals(x.slice(0), g.slice(1));
        assertEquals(x.slice(3), g.slice(2));
        assertEquals(18f, g.getFloat(0, 0, 0));
    }

    @Test
    void gatherOnLabelsAndOtherTypes() {
        INDArray y = Nd4j.createFromArray(5f, 6f, 7f);
        assertEquals(Nd4j.createFromArray(7f, 5f), Batches.gather(y, new int[] {2, 0}));
        INDArray d = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});   // the generic (pullRows) path
        assertEquals(Nd4j.createFromArray(new double[][] {{3, 4}}), Batches.gather(d, new int[] {1}));
        INDArray view = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(6, 2).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertEquals(Nd4j.createFromArray(new float[][] {{6, 7}}), Batches.gather(Batches.contiguous(view), new int[] {1}));
    }

    @Test
    void contiguousKeepsAWholeArrayReshapedAndCopiesRealViews() {
        INDArray flat = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(4, 6);
        INDArray images = flat.reshape(4, 3, 2);   // ND4J calls a reshape a view; its values are the whole buffer
        assertSame(images, Batches.contiguous(images));
        INDArray rows = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertSame(rows, Batches.contiguous(rows));   // whole rows at an offset: contiguous as they are
        assertEquals(Nd4j.createFromArray(new float[][] {{6, 7}}), Batches.gather(Batches.contiguous(rows), new int[] {0})
                .get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)));
        INDArray fOrder = flat.dup('f');
        assertEquals('c', Batches.contiguous(fOrder).ordering());
        assertEquals(flat, Batches.contiguous(fOrder));
        INDArray cols = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3));
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 1, 2}, {6, 7, 8}, {12, 13, 14}, {18, 19, 20}}),
                Batches.contiguous(cols));
    }

    @Test
    void gatherWritesOverAReusableBatchOfTheSameShapeOnly() {
        INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(4, 3, 2);
        INDArray first = Batches.gather(x, new int[] {0, 1});
        INDArray second = Batches.gather(x, new int[] {3, 2}, first);
        assertSame(first, second);
        assertEquals(x.slice(3), second.slice(0));
        assertEquals(x.slice(2), second.slice(1));
        INDArray last = Batches.gather(x, new int[] {1}, second);   // a shorter last batch: a new array
        assertNotSame(second, last);
        assertEquals(x.slice(1), last.slice(0));
        assertEquals(x.slice(3), second.slice(0));                   // the reusable one is left as it was
        INDArray d = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        INDArray reuse = Nd4j.createFromArray(new double[][] {{0, 0}});
        assertNotSame(reuse, Batches.gather(d, new int[] {1}, reuse));   // the generic path allocates
    }
}
