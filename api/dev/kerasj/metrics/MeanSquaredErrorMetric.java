package dev.kerasj.metrics;

import dev.kerasj.losses.MeanSquaredError;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Mean squared error as a metric ({@code "mse"}): the same formula as the loss, averaged over samples. */
public final class MeanSquaredErrorMetric extends MeanMetricWrapper {
    private static final MeanSquaredError LOSS = new MeanSquaredError();

    public MeanSquaredErrorMetric() {
        this("mean_squared_error");
    }

    public MeanSquaredErrorMetric(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return LOSS.call(yTrue, yPred);
    }

    @Override
    public String className() {
        return "MeanSquaredError";
    }
}
