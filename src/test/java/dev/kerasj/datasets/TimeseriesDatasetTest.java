package dev.kerasj.datasets;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeseriesDatasetTest {
    /** Rows t = 0..n-1 with features (t, 1000 + t). */
    private static INDArray series(int n) {
        INDArray t = Nd4j.arange(n).castTo(DataType.DOUBLE).reshape(n, 1);
        return Nd4j.hstack(t, t.add(1000));
    }

    private static List<DataSet> all(DataSetIterator it) {
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void kerasDocstringExampleStride3Rate2() {
        // Keras: indices [0..98], sequence_length=10, sampling_rate=2, sequence_stride=3:
        // first [0 2 ... 18], second [3 5 ... 21], last [78 80 ... 96].
        INDArray data = Nd4j.arange(99).castTo(DataType.DOUBLE);
        TimeseriesDataset ds = TimeseriesDataset.of(data, null, 10).samplingRate(2).sequenceStride(3);
        assertEquals(27, ds.numWindows());
        DataSet one = ds.toDataSet();
        INDArray x = one.getFeatures();
        assertArrayEquals(new long[] {27, 10}, x.shape());
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, x.getRow(0).toDoubleVector());
        assertArrayEquals(new double[] {3, 5, 7, 9, 11, 13, 15, 17, 19, 21}, x.getRow(1).toDoubleVector());
        assertArrayEquals(new double[] {78, 80, 82, 84, 86, 88, 90, 92, 94, 96}, x.getRow(26).toDoubleVector());
        assertNull(one.getLabels());
    }

    @Test
    void samplingRate6ShapesAndTargets() {
        // 50 rows, length 3, rate 6: n = 50 - (3-1)*6 = 38 windows; window i = rows i, i+6, i+12; target i.
        INDArray data = series(50);
        INDArray targets = Nd4j.arange(50).castTo(DataType.DOUBLE).mul(10);
        DataSetIterator it = TimeseriesDataset.of(data, targets, 3).samplingRate(6).batchSize(16).iterator();
        List<DataSet> batches = all(it);
        assertEquals(List.of(16L, 16L, 6L), batches.stream().map(b -> b.getFeatures().size(0)).toList());
        DataSet first = batches.get(0);
        assertArrayEquals(new long[] {16, 3, 2}, first.getFeatures().shape(), "(batch, sequence_length, features)");
        assertArrayEquals(new long[] {16}, first.getLabels().shape(), "(batch,)");
        assertArrayEquals(new double[] {0, 6, 12}, first.getFeatures().get(NDArrayIndex.point(0), NDArrayIndex.all(),
                NDArrayIndex.point(0)).toDoubleVector());
        assertArrayEquals(new double[] {1005, 1011, 1017}, first.getFeatures().get(NDArrayIndex.point(5),
                NDArrayIndex.all(), NDArrayIndex.point(1)).toDoubleVector());
        DataSet last = batches.get(2);
        assertArrayEquals(new double[] {37, 43, 49}, last.getFeatures().get(NDArrayIndex.point(5), NDArrayIndex.all(),
                NDArrayIndex.point(0)).toDoubleVector());
        assertEquals(370.0, last.getLabels().getDouble(5));
        assertEquals(2, it.inputColumns());
        assertEquals(1, it.totalOutcomes());
        assertEquals(16, it.batch());
        it.reset();
        assertEquals(3, all(it).size());
    }

    @Test
    void jenaDelayIdiomTargetsAre24HoursAfterTheLastTimestep() {
        // Keras book: sampling_rate=6 (hourly from 10-minute rows), sequence_length=120, target 24 h later:
        // delay = sampling_rate * (sequence_length + 24 - 1); data[:-delay], targets[delay:].
        int rate = 6;
        int len = 5;
        int delay = rate * (len + 24 - 1);
        assertEquals(168, delay);
        int n = 1000;
        INDArray raw = series(n);
        INDArray temperature = raw.getColumn(1).dup();
        int numTrain = 500;
        TimeseriesDataset train = TimeseriesDataset.of(raw.get(NDArrayIndex.interval(0, n - delay), NDArrayIndex.all()),
                temperature.get(NDArrayIndex.interval(delay, n)), len).samplingRate(rate).batchSize(32)
                .startIndex(0).endIndex(numTrain);
        assertEquals(numTrain - (len - 1) * rate, train.numWindows());   // 476
        DataSet all = train.toDataSet();
        for (int i : new int[] {0, 1, 100, 475}) {
            double lastTimestep = all.getFeatures().getDouble(i, len - 1, 0);
            assertEquals(i + (len - 1) * rate, lastTimestep);
            assertEquals(1000 + lastTimestep + 24 * rate, all.getLabels().getDouble(i), "24 hours after window " + i);
        }
        // validation split: start_index = numTrain, end_index = numTrain + 200
        TimeseriesDataset val = TimeseriesDataset.of(raw.get(NDArrayIndex.interval(0, n - delay), NDArrayIndex.all()),
                temperature.get(NDArrayIndex.interval(delay, n)), len).samplingRate(rate).startIndex(numTrain)
                .endIndex(numTrain + 200);
        assertEquals(200 - (len - 1) * rate, val.numWindows());
        DataSet v = val.toDataSet();
        assertEquals(numTrain, v.getFeatures().getDouble(0, 0, 0));
        assertEquals(1000 + numTrain + delay, v.getLabels().getDouble(0));
    }

    @Test
    void windowCountIsCappedByTargetLengthAndLabelsKeepTrailingShape() {
        INDArray data = series(20);
        INDArray targets = series(8);   // (8, 2) targets: only 8 windows, labels (batch, 2)
        TimeseriesDataset ds = TimeseriesDataset.of(data, targets, 4);
        assertEquals(8, ds.numWindows());
        DataSet d = ds.toDataSet();
        assertArrayEquals(new long[] {8, 2}, d.getLabels().shape());
        assertEquals(1007.0, d.getLabels().getDouble(7, 1));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, ds.windowStarts());
    }

    @Test
    void shuffleIsASeededPermutationReshuffledPerEpoch() {
        INDArray data = Nd4j.arange(200).castTo(DataType.DOUBLE);
        TimeseriesDataset ds = TimeseriesDataset.of(data, data, 3).shuffle(true).seed(42).batchSize(1000);
        double[] a = ds.iterator().next().getLabels().toDoubleVector();
        double[] b = ds.iterator().next().getLabels().toDoubleVector();
        assertArrayEquals(a, b, "same seed, same order");
        Set<Double> seen = new HashSet<>();
        for (double v : a) {
            seen.add(v);
        }
        assertEquals(198, seen.size());
        assertNotEquals(0.0, a[0] + a[1] * 1000 - 1000, "shuffled");
        DataSetIterator it = ds.iterator();
        double[] epoch1 = it.next().getLabels().toDoubleVector();
        it.reset();
        double[] epoch2 = it.next().getLabels().toDoubleVector();
        assertFalse(java.util.Arrays.equals(epoch1, epoch2), "reshuffled on reset");
        DataSet first = ds.iterator().next();
        for (int i = 0; i < 198; i++) {
            assertEquals(first.getLabels().getDouble(i), first.getFeatures().getDouble(i, 0), "window matches target");
        }
    }

    @Test
    void positionalKerasFormMatchesTheBuilder() {
        INDArray data = series(60);
        DataSetIterator it = TimeseriesDataset.timeseriesDatasetFromArray(data, data.getColumn(0).dup(), 4, 2, 3, 128,
                false, null, 5, 50);
        DataSet d = it.next();
        // n = 50 - 5 - 3*3 = 36 candidates, stride 2: 18 windows starting at rows 5, 7, ...
        assertArrayEquals(new long[] {18, 4, 2}, d.getFeatures().shape());
        assertArrayEquals(new double[] {5, 8, 11, 14}, d.getFeatures().get(NDArrayIndex.point(0), NDArrayIndex.all(),
                NDArrayIndex.point(0)).toDoubleVector());
        assertEquals(7.0, d.getLabels().getDouble(1));
        assertFalse(it.hasNext());
    }

    @Test
    void invalidArgumentsAreNamed() {
        INDArray data = series(10);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.of(data, null, 0))
                .getMessage().contains("Invalid `sequence_length`: expected a positive integer. Received: sequence_length=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.of(data, null, 2).samplingRate(10))
                .getMessage().contains("Invalid `sampling_rate`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.of(data, null, 2).startIndex(10))
                .getMessage().contains("Invalid `start_index`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.of(data, null, 2).endIndex(11))
                .getMessage().contains("Invalid `end_index`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.of(data, null, 5).samplingRate(3)
                .iterator()).getMessage().contains("Use a shorter sequence"));
    }
}
