package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.Reshapes;
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
 * A row-major reshape of the non-batch axes, Keras's {@code Flatten} and {@code Reshape}: channels-last
 * arrays in DL4J (NWC sequences, NHWC images) have exactly Keras's memory order, so a c-order reshape is
 * Keras's result. Backprop reshapes the gradient back.
 */
public final class ReshapePreProcessor implements InputPreProcessor {
    private long[] from;
    private long[] to;

    public ReshapePreProcessor() {
    }

    public ReshapePreProcessor(long[] from, long[] to) {
        this.from = from.clone();
        this.to = to.clone();
    }

    public long[] getFrom() {
        return from;
    }

    public void setFrom(long[] from) {
        this.from = from;
    }

    public long[] getTo() {
        return to;
    }

    public void setTo(long[] to) {
        this.to = to;
    }

    private static long[] withBatch(long batch, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = batch;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.ordering() != 'c' || !Shape.hasDefaultStridesForShape(input) || !input.isAttached()) {
            // some DL4J layers (e.g. ZeroPaddingLayer) return detached arrays: copy into the workspace
            input = workspaceMgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        }
        return inWorkspace(workspaceMgr, ArrayType.ACTIVATIONS, Reshapes.rowMajor(input, withBatch(input.size(0), to)));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output.ordering() != 'c' || !Shape.hasDefaultStridesForShape(output) || !output.isAttached()) {
            output = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output, 'c');
        }
        return inWorkspace(workspaceMgr, ArrayType.ACTIVATION_GRAD, Reshapes.rowMajor(output, withBatch(output.size(0), from)));
    }

    /** The reshaped view where DL4J expects it: moved into the workspace, or copied there when it is the user's array. */
    private static INDArray inWorkspace(LayerWorkspaceMgr mgr, ArrayType type, INDArray a) {
        if (a.isAttached() || mgr.isScopedOut(type)) {
            return mgr.leverageTo(type, a);
        }
        return mgr.dup(type, a, 'c');
    }

    @Override
    public InputPreProcessor clone() {
        return new ReshapePreProcessor(from, to);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return Dl4jShapes.inputType(to);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReshapePreProcessor r && Arrays.equals(from, r.from) && Arrays.equals(to, r.to);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(from) + Arrays.hashCode(to);
    }
}
