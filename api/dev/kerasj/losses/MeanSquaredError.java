package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error: {@code mean((y_true − y_pred)², axis=−1)} per sample; Keras's {@code "mse"}.
 *
 * <pre>{@code
 * model.compile("adam", new MeanSquaredError())
 * }</pre>
 */
public final class MeanSquaredError extends ElementwiseLoss {
    public MeanSquaredError() {
        super("mean_squared_error");
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        INDArray d = p.sub(y);
        return d.muli(d);
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        return p.sub(y).muli(2.0);
    }

    @Override
    protected boolean hasFloatTerm() {
        return true;
    }

    @Override
    protected float term(float y, float p) {
        float d = p - y;
        return d * d;
    }

    @Override
    protected float termGradient(float y, float p) {
        return (p - y) * 2f;
    }
}
