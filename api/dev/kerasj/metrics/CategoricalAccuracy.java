package dev.kerasj.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fraction of samples whose arg-max prediction equals the arg-max of the one-hot label.
 * {@code new CategoricalAccuracy()}; name defaults to {@code "categorical_accuracy"}.
 */
public class CategoricalAccuracy extends MeanMetricWrapper {
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        int axis = yPred.rank() - 1;
        return yPred.argMax(axis).eq(yTrue.argMax(axis)).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }
}
