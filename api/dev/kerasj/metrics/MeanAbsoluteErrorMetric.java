package dev.kerasj.metrics;

import dev.kerasj.losses.MeanAbsoluteError;

/** Mean absolute error as a metric ({@code "mae"}), Keras's {@code metrics.MeanAbsoluteError}. */
public final class MeanAbsoluteErrorMetric extends LossMetric {
    public MeanAbsoluteErrorMetric() {
        this("mean_absolute_error");
    }

    public MeanAbsoluteErrorMetric(String name) {
        super(name, new MeanAbsoluteError(), "MeanAbsoluteError");
    }
}
