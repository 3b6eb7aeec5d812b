package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy on probabilities, as Keras: {@code p = clip(y_pred, ε, 1 − ε);
 * loss = mean(−(y·log p + (1 − y)·log(1 − p)), axis=−1)} (ε = 1e-7). Defaults: from_logits false,
 * label_smoothing 0.
 *
 * <pre>{@code
 * model.compile("adam", new BinaryCrossentropy(), "accuracy")
 * }</pre>
 */
public final class BinaryCrossentropy extends Loss {
    public BinaryCrossentropy() {
        super("binary_crossentropy");
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray y = matchRank(yTrue, yPred).castTo(yPred.dataType());
        INDArray p = Transforms.max(Transforms.min(yPred, 1.0 - EPSILON, true), EPSILON, false);
        INDArray a = Transforms.log(p, true).muli(y);
        INDArray b = Transforms.log(p.rsub(1.0), false).muli(y.rsub(1.0));
        return a.addi(b).negi().mean(yPred.rank() - 1);
    }

    @Override
    public INDArray gradient(INDArray yTrue, INDArray yPred) {
        INDArray y = matchRank(yTrue, yPred).castTo(yPred.dataType());
        long k = yPred.size(yPred.rank() - 1);
        INDArray inside = yPred.gte(EPSILON).castTo(yPred.dataType()).muli(yPred.lte(1.0 - EPSILON).castTo(yPred.dataType()));
        INDArray p = Transforms.max(Transforms.min(yPred, 1.0 - EPSILON, true), EPSILON, false);
        // d/dp of −(y log p + (1−y) log(1−p)) = (p − y) / (p (1 − p))
        INDArray g = p.sub(y).divi(p.mul(p.rsub(1.0)));
        return g.muli(inside).divi(k);
    }
}
