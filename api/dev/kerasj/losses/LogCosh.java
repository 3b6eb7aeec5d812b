package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log-cosh loss, as Keras computes it stably: with {@code x = y_pred − y_true},
 * {@code loss = mean(x + softplus(−2x) − log 2, axis=−1)} (= mean(log cosh x)); Keras's {@code "log_cosh"}.
 *
 * <pre>{@code
 * model.compile("adam", new LogCosh())
 * }</pre>
 */
public final class LogCosh extends ElementwiseLoss {
    public LogCosh() {
        super("log_cosh");
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        INDArray x = p.sub(y);
        return Transforms.softPlus(x.mul(-2.0), false).addi(x).subi(Math.log(2.0));
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        return Transforms.tanh(p.sub(y), false);
    }
}
