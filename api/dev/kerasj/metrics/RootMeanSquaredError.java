package dev.kerasj.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Root mean squared error over the epoch, as Keras: {@code sqrt(Σ (y_pred − y_true)² / number of elements)}
 * — the root of the epoch's mean, not a mean of batch roots. {@code "rmse"}; name defaults to
 * {@code "root_mean_squared_error"}.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "rmse")
 * }</pre>
 */
public final class RootMeanSquaredError extends Metric {
    private double total;
    private long count;

    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    public RootMeanSquaredError(String name) {
        super(name);
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred) {
        INDArray p = yPred.castTo(DataType.DOUBLE);
        INDArray y = yTrue.castTo(DataType.DOUBLE).reshape(p.shape());
        INDArray d = p.sub(y);
        total += d.muli(d).sumNumber().doubleValue();
        count += d.length();
    }

    @Override
    public double result() {
        return count == 0 ? 0.0 : Math.sqrt(total / count);
    }

    @Override
    public void resetState() {
        total = 0;
        count = 0;
    }
}
