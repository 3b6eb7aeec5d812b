package dev.kerasj.metrics;

/**
 * Recall over the epoch, as Keras: {@code tp / (tp + fn)} with counts accumulated over every
 * element, a prediction being positive when {@code y_pred > threshold} (0 when there are no positives).
 * Default threshold 0.5; name defaults to {@code "recall"}.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "precision", "recall")
 * }</pre>
 */
public final class Recall extends ThresholdMetric {
    public Recall() {
        this("recall", 0.5);
    }

    public Recall(String name, double threshold) {
        super(name, threshold);
    }

    @Override
    public double result() {
        return ConfusionCounts.divideNoNan(counts.tp[0], counts.tp[0] + counts.fn[0]);
    }

    @Override
    Metric renamed(String newName) {
        return new Recall(newName, threshold());
    }
}
