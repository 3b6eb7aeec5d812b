package dev.kerasj.losses;

import dev.kerasj.internal.FastPaths;
import dev.kerasj.internal.HostArrays;
import dev.kerasj.internal.Reshapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * A loss that is the mean over the last axis of an element-wise term {@code f(y_true, y_pred)}, as most
 * Keras losses are ({@code mean(f, axis=-1)}). A subclass writes {@code f} and {@code ∂f/∂y_pred}; the
 * mean and its {@code 1/k} factor are written here once.
 */
public abstract class ElementwiseLoss extends Loss {
    protected ElementwiseLoss(String name) {
        super(name);
    }

    /** The labels as the formula uses them (by default: the prediction's rank and type). */
    protected INDArray prepareLabels(INDArray yTrue, INDArray yPred) {
        return labels(yTrue, yPred);
    }

    /** The element-wise term {@code f(y, p)}, a new array of {@code p}'s shape. */
    protected abstract INDArray elementwise(INDArray y, INDArray p);

    /** {@code ∂f/∂p}, a new array of {@code p}'s shape. */
    protected abstract INDArray elementwiseGradient(INDArray y, INDArray p);

    /**
     * The term for one float pair, {@code f(y, p)}, for the loop over float arrays (a subclass that writes it and
     * {@link #termGradient} gets that loop; the ND4J ops above remain the definition, and the loop does the same float
     * operations in the same order). On a training step's small {@code (batch, k)} arrays the cost of the ops is ND4J's
     * per-op work, not arithmetic, and the first step pays for loading and compiling the op classes.
     */
    protected float term(float y, float p) {
        throw new UnsupportedOperationException(name() + " has no float term");
    }

    /** {@code ∂f/∂p} for one float pair, for the loop over float arrays (see {@link #term}). */
    protected float termGradient(float y, float p) {
        throw new UnsupportedOperationException(name() + " has no float term");
    }

    /** Whether this loss writes {@link #term} and {@link #termGradient} (on the labels as given: the default {@link #prepareLabels}). */
    protected boolean hasFloatTerm() {
        return false;
    }

    @Override
    public final INDArray call(INDArray yTrue, INDArray yPred) {
        if (loops(yTrue, yPred)) {
            int k = (int) yPred.size(lastAxis(yPred));
            float[] p = HostArrays.floats(yPred);
            float[] out = new float[p.length / k];
            rowMeans(HostArrays.floats(yTrue), p, k, out);
            return Reshapes.of(out, Arrays.copyOf(yPred.shape(), yPred.rank() - 1));
        }
        return elementwise(prepareLabels(yTrue, yPred), yPred).mean(lastAxis(yPred));
    }

    @Override
    public final INDArray gradient(INDArray yTrue, INDArray yPred) {
        if (loops(yTrue, yPred)) {
            float k = yPred.size(lastAxis(yPred));
            float[] p = HostArrays.floats(yPred);
            float[] g = new float[p.length];
            gradients(HostArrays.floats(yTrue), p, k, g);
            return Reshapes.of(g, yPred.shape());
        }
        return elementwiseGradient(prepareLabels(yTrue, yPred), yPred).divi(yPred.size(lastAxis(yPred)));
    }

    /** {@code out[r] = Σ_j term / k} over each row of k values (the loops apart from the ND4J glue: see CategoricalCrossentropy). */
    private void rowMeans(float[] y, float[] p, int k, float[] out) {
        for (int r = 0, o = 0; r < out.length; r++, o += k) {
            float sum = 0f;
            for (int j = 0; j < k; j++) {
                sum += term(y[o + j], p[o + j]);
            }
            out[r] = sum / k;
        }
    }

    /** {@code g = termGradient / k} for each value. */
    private void gradients(float[] y, float[] p, float k, float[] g) {
        for (int i = 0; i < g.length; i++) {
            g[i] = termGradient(y[i], p[i]) / k;
        }
    }

    /**
     * Whether the float loop applies: a float prediction of rank ≥ 1 and labels with one value per predicted value in
     * the same row-major order (the prediction's shape, or {@code (batch,)} against {@code (batch, 1)}).
     */
    private boolean loops(INDArray yTrue, INDArray yPred) {
        return hasFloatTerm() && FastPaths.enabled() && yPred.dataType() == DataType.FLOAT && yPred.rank() >= 1
                && yPred.length() > 0 && yPred.length() < Integer.MAX_VALUE && yTrue.dataType().isNumerical()
                && (Arrays.equals(yTrue.shape(), yPred.shape())
                    || yTrue.rank() == 1 && yPred.rank() == 2 && yPred.size(1) == 1 && yTrue.length() == yPred.size(0));
    }
}
