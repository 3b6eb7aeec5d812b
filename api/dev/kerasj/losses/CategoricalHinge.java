package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical hinge loss, as Keras: {@code pos = Σ y_true·y_pred; neg = max((1 − y_true)·y_pred);
 * loss = max(neg − pos + 1, 0)} per sample, one-hot labels. Keras's {@code "categorical_hinge"}.
 *
 * <pre>{@code
 * model.compile("sgd", new CategoricalHinge())
 * }</pre>
 */
public final class CategoricalHinge extends Loss {
    public CategoricalHinge() {
        super("categorical_hinge");
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray y = labels(yTrue, yPred);
        int axis = lastAxis(yPred);
        INDArray pos = y.mul(yPred).sum(axis);
        INDArray neg = y.rsub(1.0).muli(yPred).max(axis);
        return Transforms.relu(neg.subi(pos).addi(1.0), false);
    }

    @Override
    public INDArray gradient(INDArray yTrue, INDArray yPred) {
        INDArray y = labels(yTrue, yPred);
        int axis = lastAxis(yPred);
        INDArray notY = y.rsub(1.0);
        INDArray masked = notY.mul(yPred);
        // d max / d input: the arg-max entries (ties share the gradient, as TensorFlow's reduce_max does)
        INDArray atMax = masked.eq(masked.max(true, axis).broadcast(masked.shape())).castTo(yPred.dataType());
        atMax.divi(atMax.sum(true, axis).broadcast(atMax.shape()));
        long[] keep = yPred.shape().clone();
        keep[axis] = 1;
        INDArray active = call(yTrue, yPred).gt(0.0).castTo(yPred.dataType()).reshape(keep).broadcast(yPred.shape());
        return atMax.muli(notY).subi(y).muli(active);
    }
}
