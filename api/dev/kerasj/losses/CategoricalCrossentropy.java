package dev.kerasj.losses;

import dev.kerasj.internal.Reshapes;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.buffer.DataType;
import dev.kerasj.internal.HostArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Categorical cross-entropy on one-hot labels, as Keras. Labels are first smoothed:
 * {@code y = y·(1 − s) + s / k}. On probabilities: {@code q = y_pred / Σ y_pred; q = clip(q, ε, 1 − ε);
 * loss = −Σ y·log q} (ε = 1e-7); with {@code from_logits}: {@code loss = −Σ y·log_softmax(y_pred)}.
 * Defaults: from_logits false, label_smoothing 0.0. Keras's {@code "categorical_crossentropy"}.
 *
 * <pre>{@code
 * model.compile("rmsprop", new CategoricalCrossentropy())
 * }</pre>
 */
public class CategoricalCrossentropy extends Loss {
    private static final float EPS = (float) EPSILON;
    private static final float ONE_MINUS_EPS = (float) (1.0 - EPSILON);
    private final boolean fromLogits;
    private final double labelSmoothing;

    public CategoricalCrossentropy() {
        this(false, 0.0);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        this("categorical_crossentropy", fromLogits, labelSmoothing);
    }

    protected CategoricalCrossentropy(String name, boolean fromLogits, double labelSmoothing) {
        super(name);
        this.fromLogits = fromLogits;
        this.labelSmoothing = Checks.inRange("label_smoothing", labelSmoothing, 0.0, 1.0, true);
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** One-hot labels in the prediction's shape and type. */
    protected INDArray oneHot(INDArray yTrue, INDArray yPred) {
        return yTrue.castTo(yPred.dataType());
    }

    private INDArray smoothed(INDArray yTrue, INDArray yPred) {
        INDArray y = oneHot(yTrue, yPred);
        if (labelSmoothing == 0.0) {
            return y;
        }
        return y.mul(1.0 - labelSmoothing).addi(labelSmoothing / yPred.size(lastAxis(yPred)));
    }

    /**
     * The (smoothed) labels as a row-major {@code rows × classes} matrix, for the {@code rows} samples of
     * a prediction with {@code classes} classes; sparse labels override this.
     */
    protected float[] labelMatrix(INDArray yTrue, int rows, int classes) {
        if (yTrue.length() != (long) rows * classes) {
            throw new IllegalArgumentException("Invalid labels for loss `" + name() + "`: expected " + rows + " × " + classes
                    + " values. Received: y.shape=" + dev.kerasj.internal.Shapes.tuple(yTrue.shape()));
        }
        float[] y = flat(yTrue);
        if (labelSmoothing != 0.0) {
            float keep = (float) (1.0 - labelSmoothing);
            float add = (float) (labelSmoothing / classes);
            for (int i = 0; i < y.length; i++) {
                y[i] = y[i] * keep + add;
            }
        }
        return y;
    }

    /** An array's values in row-major order, as a new float array. */
    static float[] flat(INDArray a) {
        return HostArrays.floats(a);
    }

    // On probabilities, both passes are the Keras formula fused into one loop over (rows, classes): on the
    // small (batch, classes) arrays of a training step, ND4J's per-op overhead, not arithmetic, was the
    // cost (about 25 ops per step, ~9× slower).

    // Each pass is ND4J glue around a static loop over float arrays: the JIT compiles a loop method several times
    // (on stack replacement, then whole), and each compilation of glue and loop together also inlined ND4J's
    // array creation (about 130 ms of the C2 compiler in an MNIST MLP's first epoch, JFR); the glue, without loops,
    // is compiled once.
    private INDArray fusedCall(INDArray yTrue, INDArray yPred) {
        int k = (int) yPred.size(yPred.rank() - 1);
        int rows = (int) (yPred.length() / k);
        float[] out = new float[rows];
        callRows(flat(yPred), labelMatrix(yTrue, rows, k), k, out);
        long[] shape = java.util.Arrays.copyOf(yPred.shape(), yPred.rank() - 1);
        return Reshapes.of(out, shape).castTo(yPred.dataType());
    }

    /** {@code out[r] = −Σ_j y·log(clip(p / Σp))} for each row r of the row-major {@code (rows, k)} p and y. */
    private static void callRows(float[] p, float[] y, int k, float[] out) {
        for (int r = 0; r < out.length; r++) {
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
    }

    private INDArray fusedGradient(INDArray yTrue, INDArray yPred) {
        int k = (int) yPred.size(yPred.rank() - 1);
        int rows = (int) (yPred.length() / k);
        float[] g = new float[rows * k];
        gradientRows(flat(yPred), labelMatrix(yTrue, rows, k), k, g);
        return Reshapes.of(g, yPred.shape()).castTo(yPred.dataType());
    }

    /** {@code g = ∂/∂p} of {@link #callRows}'s loss, for each row of the row-major {@code (rows, k)} p and y. */
    private static void gradientRows(float[] p, float[] y, int k, float[] g) {
        for (int o = 0; o < g.length; o += k) {
            float s = 0f;
            for (int j = 0; j < k; j++) {
                s += p[o + j];
            }
            // g = dL/dq = −y/q where q is inside the clip range, 0 where clipping is active
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
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        if (!fromLogits && yPred.dataType() == DataType.FLOAT) {
            return fusedCall(yTrue, yPred);
        }
        INDArray y = smoothed(yTrue, yPred);
        int axis = lastAxis(yPred);
        if (fromLogits) {
            return logSoftmax(yPred).muli(y).sum(axis).negi();
        }
        INDArray q = yPred.div(yPred.sum(true, axis).broadcast(yPred.shape()));
        return Transforms.log(clip(q, EPSILON, 1.0 - EPSILON), false).muli(y).sum(axis).negi();
    }

    @Override
    public INDArray gradient(INDArray yTrue, INDArray yPred) {
        if (!fromLogits && yPred.dataType() == DataType.FLOAT) {
            return fusedGradient(yTrue, yPred);
        }
        INDArray y = smoothed(yTrue, yPred);
        int axis = lastAxis(yPred);
        if (fromLogits) {
            // d/dx_j of −Σ y_i log softmax_i = softmax_j · Σ y_i − y_j
            INDArray softmax = Transforms.exp(logSoftmax(yPred), false);
            return softmax.muli(y.sum(true, axis).broadcast(y.shape())).subi(y);
        }
        INDArray s = yPred.sum(true, axis);
        INDArray q = yPred.div(s.broadcast(yPred.shape()));
        // g = dL/dq = −y/q where q is inside the clip range, 0 where clipping is active
        INDArray g = y.div(clip(q, EPSILON, 1.0 - EPSILON)).negi().muli(within(q, EPSILON, 1.0 - EPSILON));
        // through q = p / Σp: dL/dp_j = (g_j − Σ_i g_i q_i) / s
        INDArray gq = g.mul(q).sum(true, axis);
        return g.subi(gq.broadcast(g.shape())).divi(s.broadcast(g.shape()));
    }

    /** {@code x − max − log Σ exp(x − max)} along the last axis, a new array. */
    static INDArray logSoftmax(INDArray x) {
        int axis = lastAxis(x);
        INDArray shifted = x.sub(x.max(true, axis).broadcast(x.shape()));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, axis), false);
        return shifted.subi(lse.broadcast(x.shape()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        return c;
    }

    static CategoricalCrossentropy fromConfig(Map<String, Object> c) {
        ConfigReader r = new ConfigReader("CategoricalCrossentropy", c);
        return new CategoricalCrossentropy(r.bool("from_logits", false), r.number("label_smoothing", 0.0));
    }
}
