package dev.kerasj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Sliding windows over a time series, as {@code keras.utils.timeseries_dataset_from_array}: an
 * immutable description whose {@link #iterator()} streams batches without materialising all
 * windows.
 *
 * <p>Window arithmetic (Keras's, exactly): with {@code start = startIndex} and
 * {@code end = endIndex} (default {@code len(data)}), there are
 * {@code n = end − start − (sequenceLength − 1)·samplingRate} candidate windows (at most
 * {@code len(targets)}), of which those at positions {@code p = 0, sequenceStride, 2·sequenceStride, …
 * < n} are produced. Window {@code p} holds the rows {@code data[start + p + k·samplingRate]},
 * {@code k = 0 … sequenceLength−1}, and its target is {@code targets[start + p]}. To predict 24
 * hours after a window of hourly samples taken every 6 rows (the Jena idiom) pass
 * {@code data[:-delay]} and {@code targets[delay:]} with {@code delay = 6·(sequenceLength + 24 − 1)}.
 *
 * <p>Shapes: data (time, features…) gives batch features (batch, sequenceLength, features…) —
 * channels last, e.g. (batch, 120, 14) for Jena; data (time,) gives (batch, sequenceLength).
 * Targets (time,) give labels (batch,); targets (time, k) give (batch, k). The last batch may be
 * smaller. Arrays keep the data's and targets' types.
 *
 * <p>Defaults (Keras's): sequenceStride 1, samplingRate 1, batchSize 128, shuffle false, seed
 * random when shuffling, startIndex 0, endIndex {@code null} (= len(data)). Targets may be
 * {@code null} (then batches have no labels).
 *
 * <p>Differences from Keras: shuffling uses {@link java.util.Random} (not NumPy's generator, so the
 * order differs for the same seed) and reshuffles the window order on every {@code reset()}; an
 * {@code endIndex} equal to {@code len(data)} is accepted; a configuration that yields no window is
 * an error rather than an empty dataset.
 *
 * <pre>{@code
 * int delay = 6 * (120 + 24 - 1);
 * DataSetIterator train = TimeseriesDataset.of(rawData.get(interval(0, n - delay), all()),
 *                 temperature.get(interval(delay, n)), 120)
 *         .samplingRate(6).batchSize(256).shuffle(true).seed(42).endIndex(numTrainSamples)
 *         .iterator();   // features (256, 120, 14), labels (256,)
 * }</pre>
 */
public final class TimeseriesDataset {
    private final INDArray data;
    private final INDArray targets;
    private final int sequenceLength;
    private final int sequenceStride;
    private final int samplingRate;
    private final int batchSize;
    private final boolean shuffle;
    private final Long seed;
    private final int startIndex;
    private final Integer endIndex;

    private TimeseriesDataset(INDArray data, INDArray targets, int sequenceLength, int sequenceStride,
            int samplingRate, int batchSize, boolean shuffle, Long seed, int startIndex, Integer endIndex) {
        this.data = data;
        this.targets = targets;
        this.sequenceLength = sequenceLength;
        this.sequenceStride = sequenceStride;
        this.samplingRate = samplingRate;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.startIndex = startIndex;
        this.endIndex = endIndex;
    }

    /**
     * Windows of {@code sequenceLength} rows of {@code data} with the Keras defaults.
     *
     * @param data the series, time along axis 0
     * @param targets target of the window starting at row {@code i} is {@code targets[i]}; or {@code null}
     * @param sequenceLength rows per window, positive
     */
    public static TimeseriesDataset of(INDArray data, INDArray targets, int sequenceLength) {
        Args.notNull("data", data);
        if (data.rank() < 1 || data.size(0) < 1) {
            throw Args.invalid("data", "an array with time along axis 0 and at least one row",
                    java.util.Arrays.toString(data.shape()), null);
        }
        if (targets != null && (targets.rank() < 1)) {
            throw Args.invalid("targets", "an array with time along axis 0, or null",
                    java.util.Arrays.toString(targets.shape()), null);
        }
        Args.positive("sequence_length", sequenceLength);
        return new TimeseriesDataset(data, targets, sequenceLength, 1, 1, 128, false, null, 0, null);
    }

    /**
     * Keras's positional form, returning the batch iterator directly. Arguments are in Keras's
     * order: {@code sequenceStride} comes before {@code samplingRate}.
     *
     * @param seed shuffle seed, or {@code null} for a random one
     * @param endIndex exclusive end row, or {@code null} for {@code len(data)}
     */
    public static DataSetIterator timeseriesDatasetFromArray(INDArray data, INDArray targets, int sequenceLength,
            int sequenceStride, int samplingRate, int batchSize, boolean shuffle, Long seed, int startIndex,
            Integer endIndex) {
        TimeseriesDataset d = of(data, targets, sequenceLength).sequenceStride(sequenceStride)
                .samplingRate(samplingRate).batchSize(batchSize).shuffle(shuffle).startIndex(startIndex)
                .endIndex(endIndex);
        return (seed == null ? d : d.seed(seed)).iterator();
    }

    /** Rows between the starts of consecutive windows. Defaults to 1. */
    public TimeseriesDataset sequenceStride(int sequenceStride) {
        checkBelowLength("sequence_stride", sequenceStride);
        return new TimeseriesDataset(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle,
                seed, startIndex, endIndex);
    }

    /** Rows between consecutive timesteps within a window (6 picks one per hour from 10-minute data). Defaults to 1. */
    public TimeseriesDataset samplingRate(int samplingRate) {
        checkBelowLength("sampling_rate", samplingRate);
        return new TimeseriesDataset(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle,
                seed, startIndex, endIndex);
    }

    /** Windows per batch. Defaults to 128. */
    public TimeseriesDataset batchSize(int batchSize) {
        Args.positive("batch_size", batchSize);
        return new TimeseriesDataset(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle,
                seed, startIndex, endIndex);
    }

    /** Whether to shuffle the window order. Defaults to false. */
    public TimeseriesDataset shuffle(boolean shuffle) {
        return new TimeseriesDataset(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle,
                seed, startIndex, endIndex);
    }

    /** Seed for shuffling. Defaults to a random seed. */
    public TimeseriesDataset seed(long seed) {
        return new TimeseriesDataset(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle,
                seed, startIndex, endIndex);
    }

    /** First row of {@code data} used (inclusive). Defaults to 0. */
    public TimeseriesDataset startIndex(int startIndex) {
        if (startIndex < 0 || startIndex >= data.size(0)) {
            throw Args.invalid("start_index", "0 or greater and lower than the length of the data (" + data.size(0) + ")",
                    startIndex, null);
        }
        if (endIndex != null && endIndex <= startIndex) {
            throw Args.invalid("end_index", "higher than `start_index` (" + startIndex + ")", endIndex, null);
        }
        return new TimeseriesDataset(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle,
                seed, startIndex, endIndex);
    }

    /** Last row of {@code data} used (exclusive), or {@code null} for all rows. Defaults to {@code null}. */
    public TimeseriesDataset endIndex(Integer endIndex) {
        if (endIndex != null && (endIndex <= startIndex || endIndex > data.size(0))) {
            throw Args.invalid("end_index", "higher than `start_index` (" + startIndex + ") and at most the length of"
                    + " the data (" + data.size(0) + "), or null", endIndex, null);
        }
        return new TimeseriesDataset(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle,
                seed, startIndex, endIndex);
    }

    private void checkBelowLength(String arg, int value) {
        if (value <= 0 || value >= data.size(0)) {
            throw Args.invalid(arg, "higher than 0 and lower than the length of the data (" + data.size(0) + ")", value,
                    null);
        }
    }

    /** Number of windows produced: {@code ceil(n / sequenceStride)} for Keras's {@code n} (see the class comment). */
    public int numWindows() {
        long n = candidates();
        return n <= 0 ? 0 : (int) ((n + sequenceStride - 1) / sequenceStride);
    }

    private long candidates() {
        long end = endIndex == null ? data.size(0) : endIndex;
        long n = end - startIndex - (long) (sequenceLength - 1) * samplingRate;
        return targets == null ? n : Math.min(n, targets.size(0));
    }

    /** The first data row of each window, {@code startIndex + p}, in unshuffled order. */
    public int[] windowStarts() {
        int[] starts = new int[numWindows()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = startIndex + i * sequenceStride;
        }
        return starts;
    }

    /** A fresh iterator over batches of windows. @throws IllegalArgumentException if no window fits */
    public DataSetIterator iterator() {
        if (numWindows() == 0) {
            throw Args.invalid("sequence_length", "a window of sequence_length·sampling_rate rows that fits between"
                    + " start_index (" + startIndex + ") and end_index (" + (endIndex == null ? data.size(0) : endIndex)
                    + ") with sampling_rate=" + samplingRate, sequenceLength,
                    "Use a shorter sequence or a lower sampling_rate, or pass more rows");
        }
        return new Batches();
    }

    /** All windows in one {@link DataSet}, in the iterator's first-epoch order; for small series only. */
    public DataSet toDataSet() {
        Batches all = new Batches();
        return all.next(all.starts.length);
    }

    /** Streams batches by gathering the rows of each batch's windows with one native call. */
    private final class Batches implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient INDArray dataRows = Rows.asMatrix(data);
        private final transient INDArray targetRows = targets == null ? null : Rows.asMatrix(targets);
        private final int[] starts = windowStarts();
        private final Random random = new Random(seed != null ? seed : System.nanoTime());
        private int cursor;
        private DataSetPreProcessor preProcessor;

        Batches() {
            if (shuffle) {
                shuffleStarts();
            }
        }

        private void shuffleStarts() {
            for (int i = starts.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = starts[i];
                starts[i] = starts[j];
                starts[j] = t;
            }
        }

        @Override
        public boolean hasNext() {
            return cursor < starts.length;
        }

        @Override
        public DataSet next() {
            return next(batchSize);
        }

        @Override
        public DataSet next(int num) {
            if (!hasNext()) {
                throw new NoSuchElementException("No more windows; call reset() to start another epoch");
            }
            int n = Math.min(num, starts.length - cursor);
            int[] rows = new int[n * sequenceLength];
            int[] targetIndexes = new int[n];
            for (int w = 0; w < n; w++) {
                int start = starts[cursor + w];
                targetIndexes[w] = start;
                for (int k = 0; k < sequenceLength; k++) {
                    rows[w * sequenceLength + k] = start + k * samplingRate;
                }
            }
            cursor += n;
            INDArray features = Rows.take(dataRows, rows, new long[] {n, sequenceLength}, Rows.trailing(data));
            INDArray labels = targets == null ? null
                    : Rows.take(targetRows, targetIndexes, new long[] {n}, Rows.trailing(targets));
            DataSet batch = new DataSet(features, labels);
            if (preProcessor != null) {
                preProcessor.preProcess(batch);
            }
            return batch;
        }

        @Override
        public int inputColumns() {
            return (int) dataRows.size(1);
        }

        @Override
        public int totalOutcomes() {
            return targetRows == null ? 0 : (int) targetRows.size(1);
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return true;
        }

        @Override
        public void reset() {
            cursor = 0;
            if (shuffle) {
                shuffleStarts();
            }
        }

        @Override
        public int batch() {
            return batchSize;
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public List<String> getLabels() {
            return null;
        }
    }
}
