package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Poisson loss, as Keras: {@code mean(y_pred − y_true · log(y_pred + ε), axis=−1)} (ε = 1e-7);
 * Keras's {@code "poisson"}.
 *
 * <pre>{@code
 * model.compile("adam", new Poisson())
 * }</pre>
 */
public final class Poisson extends ElementwiseLoss {
    public Poisson() {
        super("poisson");
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        return p.sub(Transforms.log(p.add(EPSILON), false).muli(y));
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        return y.div(p.add(EPSILON)).rsubi(1.0);
    }
}
