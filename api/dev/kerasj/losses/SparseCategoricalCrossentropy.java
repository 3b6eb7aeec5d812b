package dev.kerasj.losses;

import dev.kerasj.internal.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Categorical cross-entropy on integer class labels {@code (batch,)} or {@code (batch, 1)}: the same
 * value as {@link CategoricalCrossentropy} on the one-hot encoding. Keras's
 * {@code "sparse_categorical_crossentropy"}.
 *
 * <pre>{@code
 * model.compile("rmsprop", new SparseCategoricalCrossentropy())   // y = (60000,) digit labels
 * }</pre>
 * Default from_logits false.
 */
public final class SparseCategoricalCrossentropy extends CategoricalCrossentropy {
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    /** With {@code fromLogits}, the outputs are unnormalised scores (−Σ y·log_softmax). Default false. */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        super("sparse_categorical_crossentropy", fromLogits, 0.0);
    }

    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = super.getConfig();
        c.remove("label_smoothing");
        return c;
    }

    static SparseCategoricalCrossentropy fromConfig(java.util.Map<String, Object> c) {
        return new SparseCategoricalCrossentropy(new dev.kerasj.internal.ConfigReader("SparseCategoricalCrossentropy", c)
                .bool("from_logits", false));
    }

    @Override
    public boolean sparseLabels() {
        return true;
    }

    @Override
    protected INDArray oneHot(INDArray yTrue, INDArray yPred) {
        int classes = (int) yPred.size(yPred.rank() - 1);
        int rows = (int) (yPred.length() / classes);
        return Nd4j.createFromArray(labelMatrix(yTrue, rows, classes)).reshape(yPred.shape().clone())
                .castTo(yPred.dataType());
    }

    /** The integer labels as one-hot rows, checked to be class indices. */
    @Override
    protected float[] labelMatrix(INDArray yTrue, int rows, int classes) {
        if (yTrue.length() != rows) {
            throw new IllegalArgumentException("Invalid labels for loss `sparse_categorical_crossentropy`: expected " + rows
                    + " class indices. Received: y.shape=" + Shapes.tuple(yTrue.shape()));
        }
        float[] labels = flat(yTrue);
        float[] out = new float[rows * classes];
        int bad = oneHot(labels, classes, out);
        if (bad >= 0) {
            throw new IllegalArgumentException("Invalid label for loss `sparse_categorical_crossentropy`: expected "
                    + "integers in [0, " + classes + "). Received: label " + labels[bad] + " at index " + bad + ".");
        }
        return out;
    }

    /** Sets {@code out[i·classes + labels[i]] = 1} for each row; the index of the first label that is not a class, or −1. */
    private static int oneHot(float[] labels, int classes, float[] out) {
        for (int i = 0; i < labels.length; i++) {
            float c = labels[i];
            if (!(c >= 0 && c < classes) || c != (int) c) {
                return i;
            }
            out[i * classes + (int) c] = 1f;
        }
        return -1;
    }

    @Override
    public void checkShapes(long[] yTrue, long[] yPred) {
        boolean ok = (yTrue.length == yPred.length - 1 || (yTrue.length == yPred.length && yTrue[yTrue.length - 1] == 1))
                && yTrue[0] == yPred[0];
        if (!ok) {
            throw new IllegalArgumentException("Invalid labels for loss `sparse_categorical_crossentropy`: expected integer "
                    + "class indices of shape (" + yPred[0] + ",) or (" + yPred[0] + ", 1). Received: y.shape="
                    + Shapes.tuple(yTrue) + (yTrue.length == yPred.length
                    ? ". One-hot labels need loss \"categorical_crossentropy\"." : "."));
        }
    }
}
