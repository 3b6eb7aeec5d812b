package dev.kerasj.internal.dl4j.activations;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code "log_softmax"} over the last axis: {@code f(x) = x − max − log Σ exp(x − max)};
 * backprop {@code dL/dx = g − softmax(x)·Σ g} (per row). DL4J has no log-softmax activation.
 */
public final class LogSoftmax extends BaseActivationFunction {
    private static INDArray logSoftmax(INDArray x) {
        int axis = x.rank() - 1;
        INDArray shifted = x.sub(x.max(true, axis).broadcast(x.shape()));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, axis), false);
        return shifted.subi(lse.broadcast(x.shape()));
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.assign(logSoftmax(in));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        int axis = in.rank() - 1;
        INDArray softmax = Transforms.exp(logSoftmax(in), false);
        INDArray dLdz = epsilon.sub(softmax.muli(epsilon.sum(true, axis).broadcast(in.shape())));
        return new Pair<>(dLdz, null);
    }

    @Override
    public String toString() {
        return "log_softmax";
    }
}
