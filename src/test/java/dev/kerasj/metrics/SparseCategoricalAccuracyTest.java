package dev.kerasj.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class SparseCategoricalAccuracyTest {
    @Test
    void countsArgMaxHitsOverBatches() {
        INDArray p = Nd4j.createFromArray(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.4f, 0.1f}, {0.3f, 0.3f, 0.4f}});
        SparseCategoricalAccuracy acc = new SparseCategoricalAccuracy();
        acc.updateState(Nd4j.createFromArray(1f, 1f, 2f).reshape(3, 1), p);   // hits: yes, no, yes
        assertEquals(2.0 / 3, acc.result(), 1e-12);
        acc.updateState(Nd4j.createFromArray(new int[] {0}).castTo(DataType.LONG), p.getRow(1, true));   // hit
        assertEquals(3.0 / 4, acc.result(), 1e-12);
        assertArrayEquals(new long[] {3}, acc.values(Nd4j.createFromArray(0f, 0f, 0f), p).shape());
        // ties go to the first maximum, as argmax does: row 3 of a tie between classes 0 and 1
        INDArray tie = Nd4j.createFromArray(new float[][] {{0.4f, 0.4f, 0.2f}});
        assertEquals(1f, acc.values(Nd4j.createFromArray(0f), tie).getFloat(0));
        acc.resetState();
        assertEquals(0.0, acc.result());
    }
}
