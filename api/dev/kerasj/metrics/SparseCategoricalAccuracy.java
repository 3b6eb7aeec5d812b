package dev.kerasj.metrics;

import dev.kerasj.internal.Reshapes;
import dev.kerasj.internal.HostArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fraction of samples whose arg-max prediction equals the integer label ({@code (batch,)} or
 * {@code (batch, 1)}). {@code new SparseCategoricalAccuracy()}; name defaults to
 * {@code "sparse_categorical_accuracy"}.
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        // one loop instead of argmax/cast/compare ops: the per-op overhead was the cost on a training batch
        int k = (int) yPred.size(yPred.rank() - 1);
        int rows = (int) (yPred.length() / k);
        float[] hit = new float[rows];
        hits(HostArrays.floats(yPred), HostArrays.floats(yTrue), k, hit);
        return Reshapes.of(hit, java.util.Arrays.copyOf(yPred.shape(), yPred.rank() - 1));
    }

    /** {@code hit[r] = 1} where row r's first largest of k values is at its label's index, else 0 (a loop of its own: see CategoricalCrossentropy). */
    private static void hits(float[] p, float[] labels, int k, float[] hit) {
        for (int r = 0; r < hit.length; r++) {
            int o = r * k;
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (p[o + j] > p[o + best]) {
                    best = j;
                }
            }
            hit[r] = (long) labels[r] == best ? 1f : 0f;
        }
    }
}
