package dev.kerasj.metrics;

import dev.kerasj.losses.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that is a loss formula averaged over every sample of the epoch (Keras's
 * {@code MeanMetricWrapper(fn)}): the per-sample values come from the kerasj {@link Loss}, written once.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "mae");   // "mae" is a LossMetric over MeanAbsoluteError
 * }</pre>
 */
public class LossMetric extends MeanMetricWrapper {
    private final Loss loss;
    private final String className;

    /** Reports {@code loss}'s per-sample values under {@code name}, serialised as Keras's {@code className}. */
    public LossMetric(String name, Loss loss, String className) {
        super(name);
        this.loss = loss;
        this.className = className;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return loss.call(yTrue, yPred.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
    }

    @Override
    public String className() {
        return className;
    }
}
