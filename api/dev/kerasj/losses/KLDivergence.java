package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kullback–Leibler divergence, as Keras: {@code y = clip(y_true, ε, 1); p = clip(y_pred, ε, 1);
 * loss = Σ y · log(y / p)} over the last axis (ε = 1e-7). Keras's {@code "kl_divergence"} ({@code "kld"}).
 *
 * <pre>{@code
 * model.compile("adam", new KLDivergence())
 * }</pre>
 */
public final class KLDivergence extends Loss {
    public KLDivergence() {
        super("kl_divergence");
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray y = clip(labels(yTrue, yPred), EPSILON, 1.0);
        INDArray p = clip(yPred, EPSILON, 1.0);
        return Transforms.log(y.div(p), false).muli(y).sum(lastAxis(yPred));
    }

    @Override
    public INDArray gradient(INDArray yTrue, INDArray yPred) {
        INDArray y = clip(labels(yTrue, yPred), EPSILON, 1.0);
        INDArray p = clip(yPred, EPSILON, 1.0);
        return y.divi(p).negi().muli(within(yPred, EPSILON, 1.0));
    }
}
