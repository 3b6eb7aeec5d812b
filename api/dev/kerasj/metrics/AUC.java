package dev.kerasj.metrics;

import java.util.Map;

/**
 * Area under the ROC curve over the epoch, as Keras's {@code AUC()}: true/false positive counts at
 * {@code num_thresholds} thresholds ({@code −ε, 1/(n−1), …, (n−2)/(n−1), 1 + ε}, ε = 1e-7) accumulated over
 * every element, then the trapezoidal sum {@code Σ (fpr_i − fpr_{i+1}) · (tpr_i + tpr_{i+1}) / 2}
 * (Keras's "interpolation" summation). Default num_thresholds 200; name defaults to {@code "auc"}.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "auc")
 * }</pre>
 */
public final class AUC extends Metric {
    private final int numThresholds;
    private final ConfusionCounts counts;

    public AUC() {
        this("auc", 200);
    }

    public AUC(String name, int numThresholds) {
        super(name);
        if (numThresholds <= 1) {
            throw new IllegalArgumentException("Invalid `num_thresholds`: expected an integer > 1. Received: num_thresholds="
                    + numThresholds);
        }
        this.numThresholds = numThresholds;
        this.counts = new ConfusionCounts(thresholds(numThresholds));
    }

    /** Keras's thresholds: {@code [−ε] + [(i + 1)/(n − 1) for i < n − 2] + [1 + ε]}. */
    static double[] thresholds(int n) {
        double[] t = new double[n];
        t[0] = -1e-7;
        for (int i = 0; i < n - 2; i++) {
            t[i + 1] = (i + 1) * 1.0 / (n - 1);
        }
        t[n - 1] = 1.0 + 1e-7;
        return t;
    }

    public int numThresholds() {
        return numThresholds;
    }

    @Override
    public void updateState(org.nd4j.linalg.api.ndarray.INDArray yTrue, org.nd4j.linalg.api.ndarray.INDArray yPred) {
        counts.update(yTrue, yPred);
    }

    @Override
    public double result() {
        double auc = 0;
        for (int i = 0; i < numThresholds - 1; i++) {
            double tpr0 = ConfusionCounts.divideNoNan(counts.tp[i], counts.tp[i] + counts.fn[i]);
            double tpr1 = ConfusionCounts.divideNoNan(counts.tp[i + 1], counts.tp[i + 1] + counts.fn[i + 1]);
            double fpr0 = ConfusionCounts.divideNoNan(counts.fp[i], counts.fp[i] + counts.tn[i]);
            double fpr1 = ConfusionCounts.divideNoNan(counts.fp[i + 1], counts.fp[i + 1] + counts.tn[i + 1]);
            auc += (fpr0 - fpr1) * (tpr0 + tpr1) / 2.0;
        }
        return auc;
    }

    @Override
    public void resetState() {
        counts.reset();
    }

    @Override
    Metric renamed(String newName) {
        return new AUC(newName, numThresholds);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("num_thresholds", numThresholds);
        c.put("curve", "ROC");
        c.put("summation_method", "interpolation");
        return c;
    }
}
