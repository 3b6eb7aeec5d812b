package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean absolute error: {@code mean(|y_true − y_pred|, axis=−1)} per sample; Keras's {@code "mae"}.
 *
 * <pre>{@code
 * model.compile("adam", new MeanAbsoluteError())
 * }</pre>
 */
public final class MeanAbsoluteError extends ElementwiseLoss {
    public MeanAbsoluteError() {
        super("mean_absolute_error");
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        return Transforms.abs(p.sub(y), false);
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        return Transforms.sign(p.sub(y), false);
    }

    @Override
    protected boolean hasFloatTerm() {
        return true;
    }

    @Override
    protected float term(float y, float p) {
        return Math.abs(p - y);
    }

    @Override
    protected float termGradient(float y, float p) {
        return Math.signum(p - y);
    }
}
