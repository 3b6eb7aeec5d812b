package dev.kerasj.losses;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

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
    private static final float EPS = (float) EPSILON;
    private static final float ONE_MINUS_EPS = (float) (1.0 - EPSILON);

    public CategoricalCrossentropy() {
        this("categorical_crossentropy");
    }

    protected CategoricalCrossentropy(String name) {
        super(name);
    }

    /**
     * The labels as a row-major {@code rows × classes} matrix (one-hot or soft), for the {@code rows}
     * samples of a prediction with {@code classes} classes.
     */
    protected float[] labelMatrix(INDArray yTrue, int rows, int classes) {
        if (yTrue.length() != (long) rows * classes) {
            throw new IllegalArgumentException("Invalid labels for loss `" + name() + "`: expected " + rows + " × " + classes
                    + " values. Received: y.shape=" + dev.kerasj.internal.Shapes.tuple(yTrue.shape()));
        }
        return flat(yTrue);
    }

    /** An array's values in row-major order, as floats. */
    static float[] flat(INDArray a) {
        return HostArrays.floats(a);
    }

    // Both passes below are the Keras formula, fused into one loop over (rows, classes): on the small
    // (batch, classes) arrays of a training step, ND4J's per-op overhead, not arithmetic, was the cost
    // (about 25 ops per step).

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        int k = (int) yPred.size(yPred.rank() - 1);
        int rows = (int) (yPred.length() / k);
        float[] p = flat(yPred);
        float[] y = labelMatrix(yTrue, rows, k);
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            float s = 0f;
            for (int j = 0; j < k; j++) {
                s += p[o + j];
            }
            float l = 0f;
            for (int j = 0; j < k; j++) {
                if (y[o + j] != 0f) {
                    float q = Math.max(Math.min(p[o + j] / s, ONE_MINUS_EPS), EPS);
                    l -= y[o + j] * (float) Math.log(q);
                }
            }
            out[r] = l;
        }
        long[] shape = java.util.Arrays.copyOf(yPred.shape(), yPred.rank() - 1);
        return Nd4j.createFromArray(out).reshape(shape).castTo(yPred.dataType());
    }

    @Override
    public INDArray gradient(INDArray yTrue, INDArray yPred) {
        int k = (int) yPred.size(yPred.rank() - 1);
        int rows = (int) (yPred.length() / k);
        float[] p = flat(yPred);
        float[] y = labelMatrix(yTrue, rows, k);
        float[] g = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            float s = 0f;
            for (int j = 0; j < k; j++) {
                s += p[o + j];
            }
            // g = dL/dq = -y/q where q is inside the clip range, 0 where clipping is active
            float gq = 0f;
            for (int j = 0; j < k; j++) {
                float q = p[o + j] / s;
                float gj = q >= EPS && q <= ONE_MINUS_EPS ? -y[o + j] / q : 0f;
                g[o + j] = gj;
                gq += gj * q;
            }
            // through q = p / Σp: dL/dp_j = (g_j − Σ_i g_i q_i) / s
            for (int j = 0; j < k; j++) {
                g[o + j] = (g[o + j] - gq) / s;
            }
        }
        return Nd4j.createFromArray(g).reshape(yPred.shape().clone()).castTo(yPred.dataType());
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
