package dev.kerasj.metrics;

import dev.kerasj.losses.MeanAbsolutePercentageError;

/** Mean absolute percentage error as a metric ({@code "mape"}), Keras's {@code metrics.MeanAbsolutePercentageError}. */
public final class MeanAbsolutePercentageErrorMetric extends LossMetric {
    public MeanAbsolutePercentageErrorMetric() {
        this("mean_absolute_percentage_error");
    }

    public MeanAbsolutePercentageErrorMetric(String name) {
        super(name, new MeanAbsolutePercentageError(), "MeanAbsolutePercentageError");
    }
}
