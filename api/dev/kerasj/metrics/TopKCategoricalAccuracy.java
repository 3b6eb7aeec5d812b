package dev.kerasj.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * The fraction of samples whose true class (arg-max of the one-hot label) is among the {@code k}
 * highest predictions; as TensorFlow's {@code in_top_k}, a class tied with the k-th value counts as
 * in the top k. Default k 5; name defaults to {@code "top_k_categorical_accuracy"}.
 *
 * <pre>{@code
 * model.compile("adam", "categorical_crossentropy", new TopKCategoricalAccuracy(3))
 * }</pre>
 */
public class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    public TopKCategoricalAccuracy() {
        this(5);
    }

    public TopKCategoricalAccuracy(int k) {
        this("top_k_categorical_accuracy", k);
    }

    public TopKCategoricalAccuracy(String name, int k) {
        super(name);
        this.k = dev.kerasj.internal.Checks.positive("k", k);
    }

    public int k() {
        return k;
    }

    /** The true class index of each sample. */
    protected long[] targets(INDArray yTrue, INDArray yPred) {
        INDArray a = yTrue.argMax(yTrue.rank() - 1);
        return a.castTo(DataType.LONG).toLongVector();
    }

    @Override
    protected final INDArray values(INDArray yTrue, INDArray yPred) {
        double[][] p = yPred.castTo(DataType.DOUBLE).reshape(yPred.size(0), -1).toDoubleMatrix();
        long[] t = targets(yTrue, yPred);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double target = p[i][(int) t[i]];
            int greater = 0;
            for (double v : p[i]) {
                if (v > target) {
                    greater++;
                }
            }
            out[i] = greater < k ? 1.0 : 0.0;
        }
        return Nd4j.createFromArray(out);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("k", k);
        return c;
    }
}
