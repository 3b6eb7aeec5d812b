package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean absolute percentage error, as Keras:
 * {@code 100 · mean(|y_true − y_pred| / max(|y_true|, ε), axis=−1)} (ε = 1e-7); Keras's {@code "mape"}.
 *
 * <pre>{@code
 * model.compile("adam", new MeanAbsolutePercentageError())
 * }</pre>
 */
public final class MeanAbsolutePercentageError extends ElementwiseLoss {
    public MeanAbsolutePercentageError() {
        super("mean_absolute_percentage_error");
    }

    private static INDArray scale(INDArray y) {
        return Transforms.max(Transforms.abs(y, true), EPSILON, false);
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        return Transforms.abs(p.sub(y), false).divi(scale(y)).muli(100.0);
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        return Transforms.sign(p.sub(y), false).divi(scale(y)).muli(100.0);
    }
}
