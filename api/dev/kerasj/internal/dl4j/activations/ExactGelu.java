package dev.kerasj.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code "gelu"} (approximate=False, its default): {@code f(x) = ½x(1 + erf(x/√2))},
 * {@code f'(x) = ½(1 + erf(x/√2)) + x·φ(x)} with φ the standard normal density. DL4J's
 * {@code ActivationGELU} computes approximations (x·σ(1.702x), or the tanh form), not this.
 */
public final class ExactGelu extends ElementwiseActivation {
    private static INDArray cdf(INDArray x) {
        INDArray e = x.div(Math.sqrt(2.0));
        Nd4j.getExecutioner().exec(new Erf(e, e));
        return e.addi(1.0).muli(0.5);
    }

    @Override
    protected INDArray value(INDArray x) {
        return cdf(x).muli(x);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(1.0 / Math.sqrt(2.0 * Math.PI));
        return cdf(x).addi(pdf.muli(x));
    }
}
