package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Keras's {@code Permute}: permutes the non-batch axes (0-based {@code perm} over them); backprop inverts it. */
public final class PermutePreProcessor implements InputPreProcessor {
    private int[] perm;
    private long[] outShape;

    public PermutePreProcessor() {
    }

    public PermutePreProcessor(int[] perm, long[] outShape) {
        this.perm = perm.clone();
        this.outShape = outShape.clone();
    }

    public int[] getPerm() {
        return perm;
    }

    public void setPerm(int[] perm) {
        this.perm = perm;
    }

    public long[] getOutShape() {
        return outShape;
    }

    public void setOutShape(long[] outShape) {
        this.outShape = outShape;
    }

    private static int[] withBatch(int[] p) {
        int[] out = new int[p.length + 1];
        for (int i = 0; i < p.length; i++) {
            out[i + 1] = p[i] + 1;
        }
        return out;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(withBatch(perm)), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(withBatch(inverse)), 'c');
    }

    @Override
    public InputPreProcessor clone() {
        return new PermutePreProcessor(perm, outShape);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return Dl4jShapes.inputType(outShape);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PermutePreProcessor p && Arrays.equals(perm, p.perm) && Arrays.equals(outShape, p.outShape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(perm) + Arrays.hashCode(outShape);
    }
}
