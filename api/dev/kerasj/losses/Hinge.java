package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hinge loss, as Keras: {@code mean(max(1 − y_true · y_pred, 0), axis=−1)}, where labels that are all
 * 0 or 1 are first mapped to −1/1 ({@code 2y − 1}); labels already in {−1, 1} are used as given.
 * Keras's {@code "hinge"}.
 *
 * <pre>{@code
 * model.compile("sgd", new Hinge())   // y in {0, 1} or {−1, 1}
 * }</pre>
 */
public class Hinge extends ElementwiseLoss {
    public Hinge() {
        this("hinge");
    }

    protected Hinge(String name) {
        super(name);
    }

    /** Keras's {@code convert_binary_labels_to_hinge}: 0/1 labels (the whole batch) → −1/1. */
    @Override
    protected INDArray prepareLabels(INDArray yTrue, INDArray yPred) {
        INDArray y = labels(yTrue, yPred);
        long zerosOrOnes = y.eq(0.0).castTo(y.dataType()).addi(y.eq(1.0).castTo(y.dataType())).sumNumber().longValue();
        boolean binary = zerosOrOnes == y.length();
        return binary ? y.mul(2.0).subi(1.0) : y;
    }

    /** {@code max(1 − y·p, 0)}, a new array. */
    protected static INDArray margin(INDArray y, INDArray p) {
        return Transforms.relu(y.mul(p).rsubi(1.0), false);
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        return margin(y, p);
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        INDArray active = margin(y, p).gt(0.0).castTo(p.dataType());
        return y.neg().muli(active);
    }
}
