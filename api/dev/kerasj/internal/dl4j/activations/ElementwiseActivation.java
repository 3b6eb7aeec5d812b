package dev.kerasj.internal.dl4j.activations;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J activation written as Keras's element-wise formula {@code f(x)} and its derivative
 * {@code f'(x)}; {@code backprop} returns {@code f'(z) · dL/da}.
 */
public abstract class ElementwiseActivation extends BaseActivationFunction {
    /** {@code f(x)}, a new array. */
    protected abstract INDArray value(INDArray x);

    /** {@code f'(x)}, a new array. */
    protected abstract INDArray derivative(INDArray x);

    @Override
    public final INDArray getActivation(INDArray in, boolean training) {
        return in.assign(value(in));
    }

    @Override
    public final Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(derivative(in).muli(epsilon), null);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
