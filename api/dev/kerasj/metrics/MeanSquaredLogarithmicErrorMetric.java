package dev.kerasj.metrics;

import dev.kerasj.losses.MeanSquaredLogarithmicError;

/** Mean squared logarithmic error as a metric ({@code "msle"}), Keras's {@code metrics.MeanSquaredLogarithmicError}. */
public final class MeanSquaredLogarithmicErrorMetric extends LossMetric {
    public MeanSquaredLogarithmicErrorMetric() {
        this("mean_squared_logarithmic_error");
    }

    public MeanSquaredLogarithmicErrorMetric(String name) {
        super(name, new MeanSquaredLogarithmicError(), "MeanSquaredLogarithmicError");
    }
}
