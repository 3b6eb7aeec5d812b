package dev.kerasj.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 3's {@code "hard_sigmoid"}: {@code relu6(x + 3) / 6 = clip(x/6 + ½, 0, 1)}, derivative 1/6 for
 * −3 < x < 3 and 0 outside. DL4J's {@code ActivationHardSigmoid} is {@code clip(0.2x + ½, 0, 1)}, Keras 2's.
 */
public final class KerasHardSigmoid extends ElementwiseActivation {
    @Override
    protected INDArray value(INDArray x) {
        INDArray y = x.div(6.0).addi(0.5);
        return org.nd4j.linalg.ops.transforms.Transforms.max(org.nd4j.linalg.ops.transforms.Transforms.min(y, 1.0, false),
                0.0, false);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        return x.gt(-3.0).castTo(x.dataType()).muli(x.lt(3.0).castTo(x.dataType())).divi(6.0);
    }
}
