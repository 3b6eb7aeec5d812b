package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.dl4j.layers.Dl4jShapes;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * One output of a layer with several (a recurrent layer with return_state), whose DL4J layer returns
 * them packed side by side in one {@code (batch, width)} array: columns {@code [from, from + n)},
 * reshaped row-major to the output's Keras shape ({@code n} its size). Backprop puts the gradient back
 * in those columns of a zero {@code (batch, width)} array; DL4J adds up the gradients of the outputs.
 */
public final class PackedOutputPreProcessor implements InputPreProcessor {
    private long from;
    private long width;
    private long[] shape;

    /** For JSON. */
    public PackedOutputPreProcessor() {
    }

    public PackedOutputPreProcessor(long from, long width, long[] shape) {
        this.from = from;
        this.width = width;
        this.shape = shape.clone();
    }

    private long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray columns = input.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + size()));
        long[] s = new long[shape.length + 1];
        s[0] = input.size(0);
        System.arraycopy(shape, 0, s, 1, shape.length);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, columns, 'c').reshape('c', s);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray packed = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, output.dataType(), new long[] {output.size(0), width}, 'c');
        packed.assign(0);
        packed.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + size()))
                .assign(output.dup('c').reshape('c', output.size(0), size()));
        return packed;
    }

    @Override
    public InputPreProcessor clone() {
        return new PackedOutputPreProcessor(from, width, shape);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return Dl4jShapes.inputType(shape);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    public long getFrom() {
        return from;
    }

    public void setFrom(long from) {
        this.from = from;
    }

    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = width;
    }

    public long[] getShape() {
        return shape;
    }

    public void setShape(long[] shape) {
        this.shape = shape;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedOutputPreProcessor p && p.from == from && p.width == width && Arrays.equals(p.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(from) + Long.hashCode(width)) + Arrays.hashCode(shape);
    }
}
