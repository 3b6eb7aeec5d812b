package dev.kerasj.losses;

import dev.kerasj.internal.Serialized;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras loss: a per-sample value from {@code (y_true, y_pred)}, reduced by the mean over the batch.
 *
 * <p>Each loss writes its formula once, here, in ND4J operations: {@link #call} gives the per-sample
 * values and {@link #gradient} their derivative with respect to {@code y_pred}. The trainer uses the
 * same code for the reported loss and for backpropagation, so the numbers are Keras's.
 *
 * <p>Shapes: {@code y_pred} is {@code (batch, k)}; {@code y_true} has the same shape, except for sparse
 * losses, whose labels are integer class indices {@code (batch,)} or {@code (batch, 1)}.
 *
 * <pre>{@code
 * double mse = new MeanSquaredError().compute(yTrue, yPred);
 * }</pre>
 */
public abstract class Loss {
    /** Keras's clipping epsilon for probabilities, {@code keras.config.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private final String name;

    protected Loss(String name) {
        this.name = name;
    }

    /** The loss's name, as Keras reports it (e.g. {@code "mean_squared_error"}). */
    public final String name() {
        return name;
    }

    /** Per-sample losses, shape {@code (batch,)}. */
    public abstract INDArray call(INDArray yTrue, INDArray yPred);

    /** d(per-sample loss)/d(y_pred), the shape of {@code y_pred}. */
    public abstract INDArray gradient(INDArray yTrue, INDArray yPred);

    /** The mean over the batch, the value Keras reports. */
    public final double compute(INDArray yTrue, INDArray yPred) {
        return call(yTrue, yPred).meanNumber().doubleValue();
    }

    /** Whether labels are integer class indices rather than the shape of the prediction. */
    public boolean sparseLabels() {
        return false;
    }

    /**
     * Checks that labels of shape {@code yTrue} (with batch axis) fit predictions of shape
     * {@code yPred} (with batch axis); fails with both shapes named.
     */
    public void checkShapes(long[] yTrue, long[] yPred) {
        if (!java.util.Arrays.equals(squeezeTrailingOne(yTrue), squeezeTrailingOne(yPred))) {
            throw new IllegalArgumentException("Invalid labels for loss `" + name + "`: expected the shape of the model's "
                    + "output " + dev.kerasj.internal.Shapes.withBatch(dev.kerasj.internal.Shapes.dropFirst(yPred))
                    + ". Received: y.shape=" + dev.kerasj.internal.Shapes.tuple(yTrue)
                    + (yPred[yPred.length - 1] > 1 && yTrue.length < yPred.length
                    ? ". Integer class labels need loss \"sparse_categorical_crossentropy\"." : "."));
        }
    }

    static long[] squeezeTrailingOne(long[] s) {
        if (s.length == 2 && s[1] == 1) {
            return new long[] {s[0]};
        }
        return s;
    }

    public String className() {
        return getClass().getSimpleName();
    }

    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("reduction", "sum_over_batch_size");
        return c;
    }

    public final Map<String, Object> serialize() {
        return Serialized.of(className(), getConfig());
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }

    /** The labels in the prediction's rank and data type. */
    protected static INDArray labels(INDArray yTrue, INDArray yPred) {
        return matchRank(yTrue, yPred).castTo(yPred.dataType());
    }

    /** The index of the last axis (Keras's {@code axis=-1}). */
    protected static int lastAxis(INDArray a) {
        return a.rank() - 1;
    }

    /** A new array: {@code x} clipped to [lo, hi]. */
    protected static INDArray clip(INDArray x, double lo, double hi) {
        return Transforms.max(Transforms.min(x, hi, true), lo, false);
    }

    /** A new array, 1 where {@code lo ≤ x ≤ hi} and 0 elsewhere (where clipping stops the gradient). */
    protected static INDArray within(INDArray x, double lo, double hi) {
        return x.gte(lo).castTo(x.dataType()).muli(x.lte(hi).castTo(x.dataType()));
    }

    /** {@code y} as {@code (batch, 1)} when it is {@code (batch,)} and {@code like} is {@code (batch, 1)}. */
    protected static INDArray matchRank(INDArray y, INDArray like) {
        if (y.rank() == 1 && like.rank() == 2) {
            return y.reshape(y.length(), 1);
        }
        return y;
    }
}
