package dev.kerasj;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.*;

/** The finiteness check names NaN and ±Inf wherever they are, in small and large arrays, views included. */
class DataChecksTest {
    private static String refusal(INDArray a) {
        return assertThrows(IllegalArgumentException.class, () -> DataChecks.finite(a, "x")).getMessage();
    }

    @Test
    void finiteArraysPassWhateverTheirSize() {
        for (long n : new long[] {1, 7, 784, (1 << 14) + 3, (1 << 21) + 5, 3_000_001}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n).muli(3.0e38);   // values whose plain sum overflows
            assertDoesNotThrow(() -> DataChecks.finite(a, "x"), "n = " + n);
        }
    }

    @Test
    void nanAndInfinityAreNamedAnywhereInALargeArray() {
        long n = 3_000_001;   // two halves on two cores
        for (long at : new long[] {0, 1, 8, n / 2 - 1, n / 2, n / 2 + 1, n - 8, n - 1}) {
            INDArray a = Nd4j.zeros(DataType.FLOAT, n);
            a.putScalar(at, Float.NaN);
            assertTrue(refusal(a).contains("NaN values"), "NaN at " + at);
            a.putScalar(at, Float.NEGATIVE_INFINITY);
            assertTrue(refusal(a).contains("infinite values"), "-Inf at " + at);
        }
    }

    @Test
    void valuesOfARowViewAreCheckedAndNoOthers() {
        INDArray images = Nd4j.zeros(DataType.FLOAT, 5, 28, 28);
        images.putScalar(new long[] {1, 27, 27}, Float.POSITIVE_INFINITY);   // the last value of image 1
        images.putScalar(new long[] {3, 0, 0}, Float.NaN);                   // the first value of image 3
        assertDoesNotThrow(() -> DataChecks.finite(images.get(NDArrayIndex.interval(2, 3)), "x"));
        assertTrue(refusal(images.get(NDArrayIndex.interval(1, 2))).contains("infinite values"));
        assertTrue(refusal(images.get(NDArrayIndex.interval(3, 4))).contains("NaN values"));
        assertTrue(refusal(images.get(NDArrayIndex.all(), NDArrayIndex.point(0))).contains("NaN values"));   // not row-major
    }
}
