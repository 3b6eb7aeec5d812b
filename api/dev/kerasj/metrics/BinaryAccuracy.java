package dev.kerasj.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fraction of predictions on the right side of {@code threshold} (default 0.5), averaged over the
 * last axis per sample. {@code new BinaryAccuracy()}; name defaults to {@code "binary_accuracy"}.
 */
public class BinaryAccuracy extends MeanMetricWrapper {
    private final double threshold;

    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray y = yTrue.rank() == 1 && yPred.rank() == 2 ? yTrue.reshape(yTrue.length(), 1) : yTrue;
        INDArray predicted = yPred.gt(threshold).castTo(DataType.FLOAT);
        return predicted.eq(y.castTo(DataType.FLOAT)).castTo(DataType.FLOAT).mean(yPred.rank() - 1);
    }

    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = super.getConfig();
        c.put("threshold", threshold);
        return c;
    }
}
