package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Squared hinge loss, as Keras: {@code mean(max(1 − y_true · y_pred, 0)², axis=−1)}, with 0/1 labels
 * mapped to −1/1 as in {@link Hinge}. Keras's {@code "squared_hinge"}.
 *
 * <pre>{@code
 * model.compile("sgd", new SquaredHinge())
 * }</pre>
 */
public final class SquaredHinge extends Hinge {
    public SquaredHinge() {
        super("squared_hinge");
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        INDArray m = margin(y, p);
        return m.muli(m);
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        return margin(y, p).muli(y).muli(-2.0);
    }
}
