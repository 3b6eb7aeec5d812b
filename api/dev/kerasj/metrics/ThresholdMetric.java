package dev.kerasj.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Shared state of {@link Precision} and {@link Recall}: confusion counts at one threshold over the epoch. */
public abstract class ThresholdMetric extends Metric {
    private final double threshold;
    final ConfusionCounts counts;

    ThresholdMetric(String name, double threshold) {
        super(name);
        this.threshold = dev.kerasj.internal.Checks.inRange("thresholds", threshold, 0.0, 1.0, true);
        this.counts = new ConfusionCounts(new double[] {threshold});
    }

    /** Predictions above this count as positive. */
    public final double threshold() {
        return threshold;
    }

    @Override
    public final void updateState(INDArray yTrue, INDArray yPred) {
        counts.update(yTrue, yPred);
    }

    @Override
    public final void resetState() {
        counts.reset();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("thresholds", threshold);
        return c;
    }
}
