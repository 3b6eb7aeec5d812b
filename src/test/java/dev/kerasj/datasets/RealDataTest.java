package dev.kerasj.datasets;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loaders on the real files, skipped (with how to fetch them) when neither the mirror nor the cache
 * has them. Expected pixel and label sums are computed here from the raw files with java.util.zip,
 * independently of kerasj's readers.
 */
class RealDataTest {
    /** Sum of the unsigned bytes after the IDX header of a located file, read with java.util.zip only. */
    private static long rawSum(DatasetLocator locator, String path, int headerBytes) throws IOException {
        Path p = locator.locate(path).path();
        try (InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p), 1 << 16)
                : Files.newInputStream(p)) {
            in.readNBytes(headerBytes);
            long sum = 0;
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    sum += buffer[i] & 0xff;
                }
            }
            return sum;
        }
    }

    private static long sum(INDArray uint8) {
        return (long) uint8.castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    private static long[] first5(INDArray labels) {
        return labels.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)).castTo(DataType.INT64).toLongVector();
    }

    private static void checkImages(String name, TrainTestData d, DatasetLocator locator) throws IOException {
        assertEquals(DataType.UINT8, d.xTrain().dataType());
        assertEquals(DataType.UINT8, d.yTest().dataType());
        assertArrayEquals(new long[] {60000, 28, 28}, d.xTrain().shape());
        assertArrayEquals(new long[] {60000}, d.yTrain().shape());
        assertArrayEquals(new long[] {10000, 28, 28}, d.xTest().shape());
        assertArrayEquals(new long[] {10000}, d.yTest().shape());
        assertEquals(rawSum(locator, name + "/train-images-idx3-ubyte", 16), sum(d.xTrain()));
        assertEquals(rawSum(locator, name + "/t10k-images-idx3-ubyte", 16), sum(d.xTest()));
        assertEquals(rawSum(locator, name + "/train-labels-idx1-ubyte", 8), sum(d.yTrain()));
        assertEquals(rawSum(locator, name + "/t10k-labels-idx1-ubyte", 8), sum(d.yTest()));
    }

    @Test
    void mnist() throws IOException {
        DatasetLocator locator = RealData.locatorFor(Mnist.NAME);
        long start = System.nanoTime();
        TrainTestData d = Mnist.loadData(locator);
        System.out.printf("MNIST loaded in %.2f s%n", (System.nanoTime() - start) / 1e9);
        checkImages(Mnist.NAME, d, locator);
        assertArrayEquals(new long[] {5, 0, 4, 1, 9}, first5(d.yTrain()));
        assertArrayEquals(new long[] {7, 2, 1, 0, 4}, first5(d.yTest()));
        assertEquals(1_567_298_545L, sum(d.xTrain()), "the sum of the original file's pixels");
        assertEquals(264_923_200L, sum(d.xTest()));
    }

    @Test
    void fashionMnist() throws IOException {
        DatasetLocator locator = RealData.locatorFor(FashionMnist.NAME);
        TrainTestData d = FashionMnist.loadData(locator);
        checkImages(FashionMnist.NAME, d, locator);
        assertArrayEquals(new long[] {9, 0, 0, 3, 0}, first5(d.yTrain()));
        assertEquals(3_431_114_169L, sum(d.xTrain()));
        assertEquals(573_469_082L, sum(d.xTest()));
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(d.yTrain().getInt(0)));
    }

    @Test
    void weather() {
        DatasetLocator locator = RealData.locatorFor(Weather.NAME);
        TimeSeriesTable seattle = Weather.loadDaily(Weather.SEATTLE, locator);
        assertArrayEquals(new long[] {1461, 4}, seattle.values().shape());
        assertEquals(Weather.DAILY_FEATURES, seattle.columnNames());
        assertTrue(seattle.malformedRows().isEmpty());
        assertArrayEquals(new float[] {0.0f, 12.8f, 5.0f, 4.7f}, seattle.values().getRow(0).toFloatVector());
        assertEquals(java.time.LocalDateTime.of(2015, 12, 31, 0, 0), seattle.timestamps().get(1460));
        TimeSeriesTable newYork = Weather.loadDaily(Weather.NEW_YORK, locator);
        assertEquals(1461, newYork.numRows());
        assertEquals(1.8f, newYork.column("precipitation").getFloat(0));
        TimeSeriesTable hourly = Weather.loadSeattleHourlyNormals(locator);
        assertArrayEquals(new long[] {8759, 3}, hourly.values().shape());
        assertArrayEquals(new float[] {1016.6f, 4.0f, 3.8f}, hourly.values().getRow(0).toFloatVector());
        assertEquals(java.time.LocalDateTime.of(2010, 1, 1, 1, 0), hourly.timestamps().get(0));
        // The course's windowing on a real series: 5 days of history, predict temp_max 1 day later.
        var it = TimeseriesDataset.of(new StandardScaler().fit(seattle.values()).transform(seattle.values()),
                seattle.column("temp_max"), 5).batchSize(64).iterator();
        assertArrayEquals(new long[] {64, 5, 4}, it.next().getFeatures().shape());
    }
}
