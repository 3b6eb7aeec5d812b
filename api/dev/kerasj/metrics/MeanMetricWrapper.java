package dev.kerasj.metrics;

import dev.kerasj.internal.HostArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that is the mean of a per-sample value over every sample seen (Keras's
 * {@code MeanMetricWrapper}): {@code Σ values / number of samples}, not a mean of batch means.
 */
public abstract class MeanMetricWrapper extends Metric {
    private double total;
    private long count;

    protected MeanMetricWrapper(String name) {
        super(name);
    }

    /** Per-sample values, one per row of the batch (more axes are averaged per sample). */
    protected abstract INDArray values(INDArray yTrue, INDArray yPred);

    @Override
    public void updateState(INDArray yTrue, INDArray yPred) {
        INDArray v = values(yTrue, yPred);
        total += HostArrays.sum(v);
        count += v.length();
    }

    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }

    @Override
    public void resetState() {
        total = 0;
        count = 0;
    }
}
