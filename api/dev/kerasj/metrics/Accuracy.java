package dev.kerasj.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The string {@code "accuracy"} (or {@code "acc"}) in {@code compile}: resolved on the first batch the
 * way Keras resolves it — binary accuracy when the output has one unit, sparse categorical accuracy when
 * the labels are integer indices (lower rank, or last axis 1 against several outputs), categorical
 * accuracy otherwise. Reported under the name the user wrote.
 *
 * <pre>{@code
 * model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy")
 * }</pre>
 */
public final class Accuracy extends Metric {
    private MeanMetricWrapper resolved;

    public Accuracy() {
        this("accuracy");
    }

    public Accuracy(String name) {
        super(name);
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred) {
        if (resolved == null) {
            resolved = resolve(yTrue.shape(), yPred.shape(), name());
        }
        resolved.updateState(yTrue, yPred);
    }

    static MeanMetricWrapper resolve(long[] yTrue, long[] yPred, String name) {
        long last = yPred[yPred.length - 1];
        if (last == 1) {
            return new BinaryAccuracy(name, 0.5);
        }
        boolean sparse = yTrue.length < yPred.length || (yTrue[yTrue.length - 1] == 1 && last > 1);
        return sparse ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
    }

    @Override
    Metric renamed(String newName) {
        return new Accuracy(newName);
    }

    @Override
    public double result() {
        return resolved == null ? 0.0 : resolved.result();
    }

    @Override
    public void resetState() {
        if (resolved != null) {
            resolved.resetState();
        }
    }
}
