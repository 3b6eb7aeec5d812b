package dev.kerasj.internal.dl4j;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

import java.util.Arrays;

/**
 * Turns a channels-last sequence or image output {@code (batch, …positions, k)} into one row per
 * position {@code (batch·positions, k)}, so that a Keras loss (computed over the last axis) sees each
 * position as DL4J's plain {@code LossLayer} sees a sample; backprop reshapes the gradient back.
 * (DL4J's own RnnLossLayer and CnnLossLayer mishandle NWC/NHWC labels when scoring.)
 */
public final class PositionsPreProcessor implements InputPreProcessor {
    private long[] shape;

    public PositionsPreProcessor() {
    }

    /** For outputs of sample shape {@code shape} (no batch axis). */
    public PositionsPreProcessor(long[] shape) {
        this.shape = shape.clone();
    }

    public long[] getShape() {
        return shape;
    }

    public void setShape(long[] shape) {
        this.shape = shape;
    }

    /** The number of positions per sample (the product of every axis but the last). */
    public static long positions(long[] shape) {
        long p = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            p *= shape[i];
        }
        return p;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.ordering() != 'c' || !Shape.hasDefaultStridesForShape(input) || !input.isAttached()) {
            // some DL4J layers (e.g. ZeroPaddingLayer) return detached arrays: copy into the workspace
            input = workspaceMgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        }
        long k = shape[shape.length - 1];
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input.reshape('c', input.length() / k, k));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output.ordering() != 'c' || !Shape.hasDefaultStridesForShape(output) || !output.isAttached()) {
            output = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output, 'c');
        }
        long[] full = new long[shape.length + 1];
        full[0] = output.size(0) / positions(shape);
        System.arraycopy(shape, 0, full, 1, shape.length);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, output.reshape('c', full));
    }

    @Override
    public InputPreProcessor clone() {
        return new PositionsPreProcessor(shape);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(shape[shape.length - 1]);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        // The loss layer after it gets the rows' mask as its labels mask when training (see Dl4jMasks); a
        // feature mask here would zero the predictions at masked steps, which Keras computes as usual.
        return new Pair<>(null, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PositionsPreProcessor p && Arrays.equals(shape, p.shape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape);
    }
}
