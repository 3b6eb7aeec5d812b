package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss that is the mean over the last axis of an element-wise term {@code f(y_true, y_pred)}, as most
 * Keras losses are ({@code mean(f, axis=-1)}). A subclass writes {@code f} and {@code ∂f/∂y_pred}; the
 * mean and its {@code 1/k} factor are written here once.
 */
public abstract class ElementwiseLoss extends Loss {
    protected ElementwiseLoss(String name) {
        super(name);
    }

    /** The labels as the formula uses them (by default: the prediction's rank and type). */
    protected INDArray prepareLabels(INDArray yTrue, INDArray yPred) {
        return labels(yTrue, yPred);
    }

    /** The element-wise term {@code f(y, p)}, a new array of {@code p}'s shape. */
    protected abstract INDArray elementwise(INDArray y, INDArray p);

    /** {@code ∂f/∂p}, a new array of {@code p}'s shape. */
    protected abstract INDArray elementwiseGradient(INDArray y, INDArray p);

    @Override
    public final INDArray call(INDArray yTrue, INDArray yPred) {
        return elementwise(prepareLabels(yTrue, yPred), yPred).mean(lastAxis(yPred));
    }

    @Override
    public final INDArray gradient(INDArray yTrue, INDArray yPred) {
        return elementwiseGradient(prepareLabels(yTrue, yPred), yPred).divi(yPred.size(lastAxis(yPred)));
    }
}
