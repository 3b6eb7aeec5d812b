package dev.kerasj.metrics;

import dev.kerasj.internal.Registry;

import java.util.List;
import java.util.Locale;

/**
 * The registry of metric names as written in {@code compile} ({@code "accuracy"}, {@code "mse"}…).
 * A metric is reported under the string the user wrote, as Keras does ({@code "acc"} stays {@code "acc"}).
 *
 * <pre>{@code
 * Metric m = Metrics.get("accuracy");
 * }</pre>
 */
public final class Metrics {
    private static final Registry<Metric> REGISTRY = new Registry<Metric>("metric")
            .name(Accuracy::new, "accuracy")
            .name(() -> new Accuracy("acc"), "acc")
            .name(BinaryAccuracy::new, "binary_accuracy")
            .name(CategoricalAccuracy::new, "categorical_accuracy")
            .name(SparseCategoricalAccuracy::new, "sparse_categorical_accuracy")
            .name(MeanSquaredErrorMetric::new, "mean_squared_error")
            .name(() -> new MeanSquaredErrorMetric("mse"), "mse")
            .className("Accuracy", c -> new Accuracy(String.valueOf(c.getOrDefault("name", "accuracy"))))
            .className("BinaryAccuracy", c -> new BinaryAccuracy(String.valueOf(c.getOrDefault("name", "binary_accuracy")),
                    ((Number) c.getOrDefault("threshold", 0.5)).doubleValue()))
            .className("CategoricalAccuracy", c -> new CategoricalAccuracy(String.valueOf(c.getOrDefault("name",
                    "categorical_accuracy"))))
            .className("SparseCategoricalAccuracy", c -> new SparseCategoricalAccuracy(String.valueOf(c.getOrDefault("name",
                    "sparse_categorical_accuracy"))))
            .className("MeanSquaredError", c -> new MeanSquaredErrorMetric(String.valueOf(c.getOrDefault("name",
                    "mean_squared_error"))));

    private Metrics() {
    }

    public static Metric get(String name) {
        Metric m = REGISTRY.get(name);
        return m;
    }

    public static Metric deserialize(Object serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    public static List<String> names() {
        return REGISTRY.names();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
