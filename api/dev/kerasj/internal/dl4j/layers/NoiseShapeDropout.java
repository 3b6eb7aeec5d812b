package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Keras's dropout with a {@code noise_shape}: one keep/drop draw per position of the noise shape (axes of size 1
 * share it; −1 is the input's size, batch axis included), kept values scaled by {@code 1 / (1 − rate)}, the mask
 * broadcast over the input forward and backward.
 */
public final class NoiseShapeDropout implements IDropout {
    private double rate;
    private long[] noiseShape;
    private transient INDArray mask;

    public NoiseShapeDropout() {
    }

    public NoiseShapeDropout(double rate, long[] noiseShape) {
        this.rate = rate;
        this.noiseShape = noiseShape.clone();
    }

    public double getRate() {
        return rate;
    }

    public void setRate(double rate) {
        this.rate = rate;
    }

    public long[] getNoiseShape() {
        return noiseShape;
    }

    public void setNoiseShape(long[] noiseShape) {
        this.noiseShape = noiseShape;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        long[] shape = new long[input.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = noiseShape[i] == 1 ? 1 : input.size(i);
        }
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, result.dataType(), shape).assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(mask, 1.0 - rate));
        result.assign(input.mul(mask));
        return result;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        gradAtInput.assign(gradAtOutput.mul(mask));
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public IDropout clone() {
        return new NoiseShapeDropout(rate, noiseShape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseShapeDropout d && d.rate == rate && Arrays.equals(d.noiseShape, noiseShape);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(rate) + Arrays.hashCode(noiseShape);
    }
}
