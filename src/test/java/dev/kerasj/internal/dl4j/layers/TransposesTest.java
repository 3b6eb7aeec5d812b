package dev.kerasj.internal.dl4j.layers;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The blocked transposition writes exactly what ND4J's element-wise {@code assign} writes: both directions,
 * shapes that are not multiples of the tile, a view inside a larger vector (a layer's slice of the parameter
 * vector), the parallel size, and arrays it does not handle (same order, a double array) going to ND4J.
 */
class TransposesTest {
    @Test
    void rowMajorIntoColumnMajorAndBack() {
        for (long[] shape : new long[][] {{1, 1}, {3, 5}, {33, 31}, {64, 96}, {1100, 1000}}) {
            INDArray c = Nd4j.rand(DataType.FLOAT, shape); // 'c'
            INDArray f = Nd4j.createUninitialized(DataType.FLOAT, shape, 'f');
            Transposes.assign(f, c);
            assertEquals(c, f, "c into f, shape " + java.util.Arrays.toString(shape));
            INDArray back = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
            Transposes.assign(back, f);
            assertEquals(c, back, "f into c, shape " + java.util.Arrays.toString(shape));
        }
    }

    @Test
    void intoAViewOfAParameterVector() {
        INDArray params = Nd4j.zeros(DataType.FLOAT, 1, 7 + 40 * 50 + 9);
        INDArray w = params.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 7 + 40 * 50)).reshape('f', 40, 50);
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 40, 50);
        Transposes.assign(w, kernel);
        assertEquals(kernel, w);
        assertEquals(0.0, params.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 7)).sumNumber().doubleValue());
        assertEquals(0.0, params.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(7 + 2000, 7 + 2009)).sumNumber().doubleValue());
        // the values went where DL4J's column-major view reads them: element (i, j) at i + 40·j
        assertEquals(kernel.getFloat(3, 4), params.getFloat(0, 7 + 3 + 40 * 4));
    }

    @Test
    void otherArraysGoToNd4j() {
        INDArray d = Nd4j.rand(DataType.DOUBLE, 5, 6);
        INDArray into = Nd4j.createUninitialized(DataType.FLOAT, new long[] {5, 6}, 'f');
        Transposes.assign(into, d);
        assertEquals(d.castTo(DataType.FLOAT), into);
        INDArray same = Nd4j.createUninitialized(DataType.FLOAT, new long[] {5, 6}, 'c');
        Transposes.assign(same, into.dup('c'));
        assertEquals(into, same);
    }
}
