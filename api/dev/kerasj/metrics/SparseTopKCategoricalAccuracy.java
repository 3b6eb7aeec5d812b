package dev.kerasj.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link TopKCategoricalAccuracy} with integer class labels {@code (batch,)} or {@code (batch, 1)}.
 * Default k 5; name defaults to {@code "sparse_top_k_categorical_accuracy"}.
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "sparse_top_k_categorical_accuracy")
 * }</pre>
 */
public final class SparseTopKCategoricalAccuracy extends TopKCategoricalAccuracy {
    public SparseTopKCategoricalAccuracy() {
        this(5);
    }

    public SparseTopKCategoricalAccuracy(int k) {
        this("sparse_top_k_categorical_accuracy", k);
    }

    public SparseTopKCategoricalAccuracy(String name, int k) {
        super(name, k);
    }

    @Override
    protected long[] targets(INDArray yTrue, INDArray yPred) {
        return yTrue.castTo(DataType.LONG).reshape(yPred.size(0)).toLongVector();
    }
}
