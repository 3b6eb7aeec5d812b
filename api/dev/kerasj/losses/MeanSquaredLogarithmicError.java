package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean squared logarithmic error, as Keras:
 * {@code mean((log(max(y_pred, ε) + 1) − log(max(y_true, ε) + 1))², axis=−1)} (ε = 1e-7);
 * Keras's {@code "msle"}.
 *
 * <pre>{@code
 * model.compile("adam", new MeanSquaredLogarithmicError())
 * }</pre>
 */
public final class MeanSquaredLogarithmicError extends ElementwiseLoss {
    public MeanSquaredLogarithmicError() {
        super("mean_squared_logarithmic_error");
    }

    private static INDArray log1pClipped(INDArray x) {
        return Transforms.log(Transforms.max(x, EPSILON, true).addi(1.0), false);
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        INDArray d = log1pClipped(p).subi(log1pClipped(y));
        return d.muli(d);
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        INDArray d = log1pClipped(p).subi(log1pClipped(y));
        return d.muli(2.0).divi(Transforms.max(p, EPSILON, true).addi(1.0)).muli(p.gte(EPSILON).castTo(p.dataType()));
    }
}
