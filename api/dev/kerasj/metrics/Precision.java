package dev.kerasj.metrics;

/**
 * Precision over the epoch, as Keras: {@code tp / (tp + fp)} with counts accumulated over every
 * element, a prediction being positive when {@code y_pred > threshold} (0 when nothing was predicted positive).
 * Default threshold 0.5; name defaults to {@code "precision"}.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "precision", "recall")
 * }</pre>
 */
public final class Precision extends ThresholdMetric {
    public Precision() {
        this("precision", 0.5);
    }

    public Precision(String name, double threshold) {
        super(name, threshold);
    }

    @Override
    public double result() {
        return ConfusionCounts.divideNoNan(counts.tp[0], counts.tp[0] + counts.fp[0]);
    }

    @Override
    Metric renamed(String newName) {
        return new Precision(newName, threshold());
    }
}
