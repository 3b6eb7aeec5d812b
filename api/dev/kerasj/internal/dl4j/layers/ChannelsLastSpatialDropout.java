package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's spatial dropout for channels-last activations: one keep/drop draw per (sample, channel),
 * shared by every position, kept values scaled by {@code 1 / (1 − rate)}. (DL4J's SpatialDropout
 * assumes channels on axis 1.)
 */
public final class ChannelsLastSpatialDropout implements IDropout {
    private double rate;
    private transient INDArray mask;

    public ChannelsLastSpatialDropout() {
    }

    public ChannelsLastSpatialDropout(double rate) {
        this.rate = rate;
    }

    public double getRate() {
        return rate;
    }

    public void setRate(double rate) {
        this.rate = rate;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        int last = input.rank() - 1;
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, result.dataType(), input.size(0), input.size(last)).assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(mask, 1.0 - rate));
        Broadcast.mul(input, mask, result, 0, last);
        return result;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        Broadcast.mul(gradAtOutput, mask, gradAtInput, 0, gradAtOutput.rank() - 1);
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public IDropout clone() {
        return new ChannelsLastSpatialDropout(rate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelsLastSpatialDropout d && d.rate == rate;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(rate);
    }

}
