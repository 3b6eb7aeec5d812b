package dev.kerasj.losses;

import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Categorical cross-entropy on one-hot labels, as Keras computes it from probabilities:
 * {@code q = y_pred / Σ y_pred; q = clip(q, ε, 1 − ε); loss = −Σ y_true · log q} (ε = 1e-7).
 * Defaults: from_logits false, label_smoothing 0.
 *
 * <pre>{@code
 * model.compile("rmsprop", new CategoricalCrossentropy())
 * }</pre>
 */
public class CategoricalCrossentropy extends Loss {
    public CategoricalCrossentropy() {
        this("categorical_crossentropy");
    }

    protected CategoricalCrossentropy(String name) {
        super(name);
    }

    /** One-hot labels in the prediction's shape and type. */
    protected INDArray oneHot(INDArray yTrue, INDArray yPred) {
        return yTrue.castTo(yPred.dataType());
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray y = oneHot(yTrue, yPred);
        int axis = yPred.rank() - 1;
        INDArray q = yPred.div(yPred.sum(true, axis));
        q = Transforms.max(Transforms.min(q, 1.0 - EPSILON, false), EPSILON, false);
        return Transforms.log(q, false).muli(y).sum(axis).negi();
    }

    @Override
    public INDArray gradient(INDArray yTrue, INDArray yPred) {
        INDArray y = oneHot(yTrue, yPred);
        int axis = yPred.rank() - 1;
        INDArray s = yPred.sum(true, axis);
        INDArray q = yPred.div(s);
        // g = dL/dq = -y/q where q is inside the clip range, 0 where clipping is active
        INDArray inside = q.gte(EPSILON).castTo(q.dataType()).muli(q.lte(1.0 - EPSILON).castTo(q.dataType()));
        INDArray qc = Transforms.max(Transforms.min(q, 1.0 - EPSILON, true), EPSILON, false);
        INDArray g = y.div(qc).negi().muli(inside);
        // through q = p / Σp: dL/dp_j = (g_j − Σ_i g_i q_i) / s
        INDArray gq = g.mul(q).sum(true, axis);
        return g.subi(gq).divi(s);
    }

    static CategoricalCrossentropy fromConfig(Map<String, Object> c) {
        ConfigReader r = new ConfigReader("CategoricalCrossentropy", c);
        if (r.bool("from_logits", false) || r.number("label_smoothing", 0.0) != 0.0) {
            throw new IllegalArgumentException("CategoricalCrossentropy with from_logits or label_smoothing is not supported yet.");
        }
        return new CategoricalCrossentropy();
    }

    static boolean anyNaN(INDArray a) {
        return BooleanIndexing.or(a, Conditions.isNan());
    }
}
