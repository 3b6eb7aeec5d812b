package dev.kerasj.metrics;

import dev.kerasj.losses.MeanSquaredError;

/** Mean squared error as a metric ({@code "mse"}): the loss's formula, averaged over every sample of the epoch. */
public final class MeanSquaredErrorMetric extends LossMetric {
    public MeanSquaredErrorMetric() {
        this("mean_squared_error");
    }

    public MeanSquaredErrorMetric(String name) {
        super(name, new MeanSquaredError(), "MeanSquaredError");
    }
}
