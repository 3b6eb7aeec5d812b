package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.BufferViews;
import dev.kerasj.internal.FastPaths;
import dev.kerasj.internal.Reshapes;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
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
            input = copyIn(workspaceMgr, ArrayType.ACTIVATIONS, input);
        }
        return inWorkspace(workspaceMgr, ArrayType.ACTIVATIONS, Reshapes.rowMajor(input, withBatch(input.size(0), to)));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output.ordering() != 'c' || !Shape.hasDefaultStridesForShape(output) || !output.isAttached()) {
            output = copyIn(workspaceMgr, ArrayType.ACTIVATION_GRAD, output);
        }
        return inWorkspace(workspaceMgr, ArrayType.ACTIVATION_GRAD, Reshapes.rowMajor(output, withBatch(output.size(0), from)));
    }

    /** The reshaped view where DL4J expects it: moved into the workspace, or copied there when it is the user's array. */
    private static INDArray inWorkspace(LayerWorkspaceMgr mgr, ArrayType type, INDArray a) {
        if (a.isAttached() || mgr.isScopedOut(type)) {
            return mgr.leverageTo(type, a);
        }
        return copyIn(mgr, type, a);
    }

    /**
     * A row-major copy of {@code a} in the workspace: one {@code memcpy} for a dense float array (a training batch,
     * every step), else ND4J's {@code dup}, whose copy op costs more than the copy.
     */
    private static INDArray copyIn(LayerWorkspaceMgr mgr, ArrayType type, INDArray a) {
        if (!FastPaths.enabledFor(a.dataType()) || !DenseFloats.contiguous(a)) {
            return mgr.dup(type, a, 'c');
        }
        INDArray out = mgr.createUninitialized(type, DataType.FLOAT, a.shape(), 'c');
        long bytes = Float.BYTES;
        Pointer.memcpy(new BytePointer(BufferViews.pointer(out.data())).position(out.offset() * bytes),
                new BytePointer(BufferViews.pointer(a.data())).position(a.offset() * bytes), a.length() * bytes);
        return out;
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
