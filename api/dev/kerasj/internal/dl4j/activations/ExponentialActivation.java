package dev.kerasj.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Keras's {@code "exponential"}: {@code f(x) = eˣ}, {@code f'(x) = eˣ} (DL4J has no such activation). */
public final class ExponentialActivation extends ElementwiseActivation {
    @Override
    protected INDArray value(INDArray x) {
        return Transforms.exp(x, true);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        return Transforms.exp(x, true);
    }
}
