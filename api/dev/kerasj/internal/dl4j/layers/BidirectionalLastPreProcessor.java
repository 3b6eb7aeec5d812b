package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's Bidirectional last state from DL4J's concatenated sequences {@code (batch, T, 2u)}: the
 * forward half at the last step next to the backward half at step 0 (the backward layer's last step,
 * since DL4J reverses its output back to input order) → {@code (batch, 2u)}. Backprop puts the gradient
 * back at those two places.
 *
 * <p>With Keras's mask (padding at the start and/or the end, see {@code MaskPlan}) the two places are each
 * sample's last and first unmasked steps: DL4J's recurrent layers zero their state at masked steps, so
 * those hold the states after the whole unpadded sequence in each direction, which Keras returns. The mask
 * arrives through {@link #feedForwardMaskArray} before each forward pass and is kept for it.
 */
public final class BidirectionalLastPreProcessor implements InputPreProcessor {
    private long units;
    private long timesteps;
    /** Per sample of the current batch: the forward and backward halves' steps; null without a mask. */
    private transient int[] lastSteps;
    private transient int[] firstSteps;

    public BidirectionalLastPreProcessor() {
    }

    public BidirectionalLastPreProcessor(long units, long timesteps) {
        this.units = units;
        this.timesteps = timesteps;
    }

    public long getTimesteps() {
        return timesteps;
    }

    public void setTimesteps(long timesteps) {
        this.timesteps = timesteps;
    }

    public long getUnits() {
        return units;
    }

    public void setUnits(long units) {
        this.units = units;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        long t = input.size(1);
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(), input.size(0), 2 * units);
        if (lastSteps != null && lastSteps.length == input.size(0)) {
            for (int s = 0; s < lastSteps.length; s++) {
                out.get(NDArrayIndex.point(s), NDArrayIndex.interval(0, units)).assign(input.get(NDArrayIndex.point(s),
                        NDArrayIndex.point(lastSteps[s]), NDArrayIndex.interval(0, units)));
                out.get(NDArrayIndex.point(s), NDArrayIndex.interval(units, 2 * units)).assign(input.get(
                        NDArrayIndex.point(s), NDArrayIndex.point(firstSteps[s]), NDArrayIndex.interval(units, 2 * units)));
            }
            return out;
        }
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units))
                .assign(input.get(NDArrayIndex.all(), NDArrayIndex.point(t - 1), NDArrayIndex.interval(0, units)));
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units))
                .assign(input.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(units, 2 * units)));
        return out;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray grad = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, output.dataType(), output.size(0), timesteps, 2 * units);
        grad.assign(0);
        if (lastSteps != null && lastSteps.length == output.size(0)) {
            for (int s = 0; s < lastSteps.length; s++) {
                grad.get(NDArrayIndex.point(s), NDArrayIndex.point(lastSteps[s]), NDArrayIndex.interval(0, units))
                        .assign(output.get(NDArrayIndex.point(s), NDArrayIndex.interval(0, units)));
                grad.get(NDArrayIndex.point(s), NDArrayIndex.point(firstSteps[s]), NDArrayIndex.interval(units, 2 * units))
                        .assign(output.get(NDArrayIndex.point(s), NDArrayIndex.interval(units, 2 * units)));
            }
            return grad;
        }
        grad.get(NDArrayIndex.all(), NDArrayIndex.point(timesteps - 1), NDArrayIndex.interval(0, units))
                .assign(output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units)));
        grad.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(units, 2 * units))
                .assign(output.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units)));
        return grad;
    }

    @Override
    public InputPreProcessor clone() {
        return new BidirectionalLastPreProcessor(units, timesteps);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(2 * units);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        if (maskArray == null) {
            lastSteps = null;
            firstSteps = null;
        } else {
            float[][] m = maskArray.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
            lastSteps = new int[m.length];
            firstSteps = new int[m.length];
            for (int s = 0; s < m.length; s++) {
                lastSteps[s] = m[s].length - 1;
                while (lastSteps[s] > 0 && m[s][lastSteps[s]] == 0) {
                    lastSteps[s]--;
                }
                while (firstSteps[s] < m[s].length - 1 && m[s][firstSteps[s]] == 0) {
                    firstSteps[s]++;
                }
            }
        }
        return new Pair<>(null, currentMaskState);
    }
}
