package dev.kerasj.datasets;

import java.util.Iterator;

/**
 * A data set read in batches, again at each pass: what Keras's {@code tf.data.Dataset} is to
 * {@code fit}, {@code evaluate} and {@code predict}. {@code model.fit(dataset, options)} takes one pass per
 * epoch; the data set, not the fit options, decides the batch size and the shuffling.
 *
 * <p>A pass may read from disk in the background: close its iterator when stopping before the end
 * (a {@code for} loop that runs to the end needs no closing).
 *
 * <pre>{@code
 * Dataset train = ImageDatasets.fromDirectory(dir, ImageDatasets.options().validationSplit(0.2)
 *         .subset("training").seed(1337));
 * model.fit(train, FitOptions.defaults().epochs(10));
 * }</pre>
 */
public interface Dataset extends Iterable<Batch> {
    /** A new pass over the batches. */
    @Override
    Passes iterator();

    /** The number of batches in one pass, as Keras's {@code cardinality()}; −1 when unknown. */
    long cardinality();

    /** One pass: an iterator of batches that releases its reader and threads when closed or exhausted. */
    interface Passes extends Iterator<Batch>, AutoCloseable {
        @Override
        void close();
    }
}
