package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.HostArrays;
import dev.kerasj.internal.Reshapes;
import dev.kerasj.losses.Loss;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adapts a kerasj {@link Loss} to DL4J's {@link ILossFunction}: the per-sample value and its gradient
 * come from the Keras formula written once in the loss class. Gradients are per sample (DL4J divides by
 * the batch size, giving Keras's mean reduction). Java serialization (Spark training) writes the loss as its
 * Keras config and rebuilds it with {@code Losses.deserialize}.
 */
public final class KerasLossFunction implements ILossFunction {
    @JsonIgnore
    private final Loss loss;
    @JsonProperty("scale")
    private final double scale;
    /** The loss's Keras config as JSON, for DL4J's JSON form of the network. */
    @JsonProperty("keras_loss")
    private final String lossConfig;

    public KerasLossFunction(Loss loss) {
        this(loss, 1.0);
    }

    /**
     * A loss whose per-row values and gradients are multiplied by {@code scale}: sequence and image
     * outputs reach the loss as one row per position, and {@code 1 / positions} turns DL4J's division by
     * the batch size into Keras's mean over batch and positions.
     */
    public KerasLossFunction(Loss loss, double scale) {
        this.loss = loss;
        this.scale = scale;
        this.lossConfig = dev.kerasj.internal.Json.write(loss.serialize());
    }

    /** Rebuilds a loss function from its JSON form. */
    @JsonCreator
    static KerasLossFunction fromJson(@JsonProperty("keras_loss") String lossConfig, @JsonProperty("scale") double scale) {
        return new KerasLossFunction(dev.kerasj.losses.Losses.deserialize(dev.kerasj.internal.Json.read(lossConfig)), scale);
    }

    public Loss loss() {
        return loss;
    }

    /** The loss's input: the network's output itself through the identity (losses do not change their inputs). */
    private static INDArray activate(INDArray preOutput, IActivation fn) {
        return fn instanceof ActivationIdentity ? preOutput : fn.getActivation(preOutput.dup(), true);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray perSample = Reshapes.rowMajor(loss.call(labels, activate(preOutput, activationFn)), preOutput.size(0), 1);
        if (mask != null) {
            INDArray rows = rowMask(mask, perSample);
            perSample.muli(rows).muli(unmaskedScale(rows));
        }
        return scale == 1.0 ? perSample : perSample.muli(scale);
    }

    /** The mask as one 0/1 value per row, shaped like {@code like} {@code (rows, 1)}. */
    private static INDArray rowMask(INDArray mask, INDArray like) {
        return mask.reshape(mask.size(0), -1).max(1).reshape(like.size(0), 1).castTo(like.dataType());
    }

    /**
     * Keras's mean over the unmasked rows: DL4J divides by all rows, so a masked batch is scaled by
     * {@code rows / unmasked rows} (a fully masked batch counts 0, as Keras's divide_no_nan).
     */
    private static double unmaskedScale(INDArray rowMask) {
        double kept = rowMask.sumNumber().doubleValue();
        return kept == 0 ? 0 : rowMask.length() / kept;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = HostArrays.sum(computeScoreArray(labels, preOutput, activationFn, mask));
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray dLdOut = loss.gradient(labels, activate(preOutput, activationFn));
        INDArray grad = activationFn instanceof ActivationIdentity ? dLdOut
                : activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
        if (mask != null) {
            INDArray rows = rowMask(mask, grad);
            grad.muliColumnVector(rows).muli(unmaskedScale(rows));
        }
        return scale == 1.0 ? grad : grad.muli(scale);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @java.io.Serial
    private Object writeReplace() {
        return new Form(lossConfig, scale);
    }

    @java.io.Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("A KerasLossFunction is read through its serialized form.");
    }

    /** The serialized form: the loss's Keras config as JSON and the scale. */
    private record Form(String lossJson, double scale) implements java.io.Serializable {
        @java.io.Serial
        private Object readResolve() {
            return new KerasLossFunction(dev.kerasj.losses.Losses.deserialize(dev.kerasj.internal.Json.read(lossJson)),
                    scale);
        }
    }

    @Override
    public String name() {
        return "keras:" + loss.name();
    }

    @Override
    public String toString() {
        return name();
    }
}
