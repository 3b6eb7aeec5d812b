package dev.kerasj.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fraction of samples whose arg-max prediction equals the integer label ({@code (batch,)} or
 * {@code (batch, 1)}). {@code new SparseCategoricalAccuracy()}; name defaults to
 * {@code "sparse_categorical_accuracy"}.
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray predicted = yPred.argMax(yPred.rank() - 1).castTo(DataType.LONG);
        INDArray labels = yTrue.castTo(DataType.LONG).reshape(predicted.shape());
        return predicted.eq(labels).castTo(DataType.FLOAT);
    }
}
