package dev.kerasj;

import dev.kerasj.callbacks.Callback;
import dev.kerasj.datasets.Dataset;
import dev.kerasj.internal.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options of {@code fit}, under Keras's names, as an immutable value: each setter returns a copy.
 *
 * <p>Defaults, as Keras: epochs 1, batch_size 32, validation_split 0.0 (the LAST fraction of the data,
 * taken before shuffling), validation_data none, shuffle true, verbose 1 (a progress bar redrawn in
 * place on a terminal, one line per epoch otherwise; 2 = one line per epoch; 0 = silent), no callbacks,
 * initial_epoch 0, seed none (kerasj's global generator).
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(10).batchSize(128).validationSplit(0.1));
 * }</pre>
 */
public final class FitOptions {
    private final int epochs;
    private final int batchSize;
    private final double validationSplit;
    private final INDArray validationX;
    private final INDArray validationY;
    private final Dataset validationDataset;
    private final boolean shuffle;
    private final int verbose;
    private final Long seed;
    private final List<Callback> callbacks;
    private final int initialEpoch;
    private final PrintStream out;

    private FitOptions(int epochs, int batchSize, double validationSplit, INDArray validationX, INDArray validationY,
                       Dataset validationDataset, boolean shuffle, int verbose, Long seed, List<Callback> callbacks,
                       int initialEpoch, PrintStream out) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.validationSplit = validationSplit;
        this.validationX = validationX;
        this.validationY = validationY;
        this.validationDataset = validationDataset;
        this.shuffle = shuffle;
        this.verbose = verbose;
        this.seed = seed;
        this.callbacks = List.copyOf(callbacks);
        this.initialEpoch = initialEpoch;
        this.out = out;
    }

    /** Keras's defaults. */
    public static FitOptions defaults() {
        return new FitOptions(1, 32, 0.0, null, null, null, true, 1, null, List.of(), 0, null);
    }

    public FitOptions epochs(int epochs) {
        Checks.positive("epochs", epochs);
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, validationDataset,
                shuffle, verbose, seed, callbacks, initialEpoch, out);
    }

    public FitOptions batchSize(int batchSize) {
        Checks.positive("batch_size", batchSize);
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, validationDataset,
                shuffle, verbose, seed, callbacks, initialEpoch, out);
    }

    /** The fraction of the data (its last part, before shuffling) held out for validation, in [0, 1). */
    public FitOptions validationSplit(double fraction) {
        Checks.inRange("validation_split", fraction, 0.0, 1.0, false);
        return new FitOptions(epochs, batchSize, fraction, validationX, validationY, validationDataset, shuffle,
                verbose, seed, callbacks, initialEpoch, out);
    }

    /** Data to evaluate after each epoch; takes precedence over {@code validationSplit}, as in Keras. */
    public FitOptions validationData(INDArray x, INDArray y) {
        Checks.notNull("validation_data x", x);
        Checks.notNull("validation_data y", y);
        return new FitOptions(epochs, batchSize, validationSplit, x, y, null, shuffle, verbose, seed, callbacks,
                initialEpoch, out);
    }

    /**
     * A data set to evaluate after each epoch (e.g. the validation subset of
     * {@code ImageDatasets.fromDirectoryBoth}); takes precedence over {@code validationSplit}, as in Keras.
     */
    public FitOptions validationData(Dataset data) {
        Checks.notNull("validation_data", data);
        return new FitOptions(epochs, batchSize, validationSplit, null, null, data, shuffle, verbose, seed, callbacks,
                initialEpoch, out);
    }

    public FitOptions shuffle(boolean shuffle) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, validationDataset,
                shuffle, verbose, seed, callbacks, initialEpoch, out);
    }

    /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
    public FitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("Received an invalid value for `verbose`, expected 0, 1 or 2. Received: verbose="
                    + verbose);
        }
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, validationDataset,
                shuffle, verbose, seed, callbacks, initialEpoch, out);
    }

    /** Seeds shuffling and dropout of this call. */
    public FitOptions seed(long seed) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, validationDataset,
                shuffle, verbose, seed, callbacks, initialEpoch, out);
    }

    public FitOptions callbacks(Callback... callbacks) {
        List<Callback> list = new ArrayList<>(Arrays.asList(callbacks));
        list.forEach(c -> Checks.notNull("callbacks", c));
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, validationDataset,
                shuffle, verbose, seed, list, initialEpoch, out);
    }

    /** The epoch to start from (to resume a run); epochs then counts up to {@code epochs}, as Keras. */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("Received an invalid value for `initial_epoch`, expected a non-negative "
                    + "integer. Received: initial_epoch=" + initialEpoch);
        }
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, validationDataset,
                shuffle, verbose, seed, callbacks, initialEpoch, out);
    }

    /** Where progress is printed (default {@code System.out}). */
    public FitOptions out(PrintStream out) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, validationDataset,
                shuffle, verbose, seed, callbacks, initialEpoch, out);
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public double validationSplit() {
        return validationSplit;
    }

    public INDArray validationX() {
        return validationX;
    }

    public INDArray validationY() {
        return validationY;
    }

    /** The validation data set, or {@code null}. */
    public Dataset validationDataset() {
        return validationDataset;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public int verbose() {
        return verbose;
    }

    public Long seed() {
        return seed;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public PrintStream out() {
        return out == null ? System.out : out;
    }
}
