package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NWC sequences {@code (batch, T, C)} → NCW {@code (batch, C, T)}, the layout DL4J's masked global
 * pooling assumes; the {@code (batch, T)} mask passes unchanged. Backprop permutes the gradient back.
 */
public final class NcwPreProcessor implements InputPreProcessor {
    private long timesteps;
    private long channels;

    public NcwPreProcessor() {
    }

    public NcwPreProcessor(long timesteps, long channels) {
        this.timesteps = timesteps;
        this.channels = channels;
    }

    public long getTimesteps() {
        return timesteps;
    }

    public void setTimesteps(long timesteps) {
        this.timesteps = timesteps;
    }

    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(0, 2, 1), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(0, 2, 1), 'c');
    }

    @Override
    public InputPreProcessor clone() {
        return new NcwPreProcessor(timesteps, channels);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.recurrent(channels, timesteps, RNNFormat.NCW);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }
}
