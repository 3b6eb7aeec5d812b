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
        long n = yPred.size(0);
        int classes = (int) yPred.size(yPred.rank() - 1);
        INDArray labels = yTrue.reshape(n);
        INDArray out = Nd4j.zeros(yPred.dataType(), n, classes);
        for (int i = 0; i < n; i++) {
            long c = labels.getLong(i);
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("Invalid label for loss `sparse_categorical_crossentropy`: expected "
                        + "integers in [0, " + classes + "). Received: label " + labels.getDouble(i) + " at index " + i + ".");
            }
            out.putScalar(i, c, 1.0);
        }
        return out;
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
