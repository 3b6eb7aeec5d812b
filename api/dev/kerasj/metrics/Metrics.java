package dev.kerasj.metrics;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Registry;
import dev.kerasj.losses.BinaryCrossentropy;
import dev.kerasj.losses.CategoricalCrossentropy;
import dev.kerasj.losses.CategoricalHinge;
import dev.kerasj.losses.Hinge;
import dev.kerasj.losses.KLDivergence;
import dev.kerasj.losses.LogCosh;
import dev.kerasj.losses.Loss;
import dev.kerasj.losses.Poisson;
import dev.kerasj.losses.SparseCategoricalCrossentropy;
import dev.kerasj.losses.SquaredHinge;

import java.util.List;
import java.util.Map;

/**
 * The registry of metric names as written in {@code compile} ({@code "accuracy"}, {@code "mae"},
 * {@code "auc"}…). A metric is reported under the string the user wrote, as Keras does ({@code "acc"}
 * stays {@code "acc"}, {@code "mae"} stays {@code "mae"}).
 *
 * <pre>{@code
 * Metric m = Metrics.get("accuracy");
 * }</pre>
 */
public final class Metrics {
    private static final Registry<Metric> REGISTRY = new Registry<Metric>("metric")
            .name(Accuracy::new, "accuracy", "acc")
            .name(BinaryAccuracy::new, "binary_accuracy")
            .name(CategoricalAccuracy::new, "categorical_accuracy")
            .name(SparseCategoricalAccuracy::new, "sparse_categorical_accuracy")
            .name(TopKCategoricalAccuracy::new, "top_k_categorical_accuracy")
            .name(SparseTopKCategoricalAccuracy::new, "sparse_top_k_categorical_accuracy")
            .name(MeanAbsoluteErrorMetric::new, "mean_absolute_error", "mae")
            .name(MeanSquaredErrorMetric::new, "mean_squared_error", "mse")
            .name(RootMeanSquaredError::new, "root_mean_squared_error", "rmse")
            .name(MeanAbsolutePercentageErrorMetric::new, "mean_absolute_percentage_error", "mape")
            .name(MeanSquaredLogarithmicErrorMetric::new, "mean_squared_logarithmic_error", "msle")
            .name(Precision::new, "precision")
            .name(Recall::new, "recall")
            .name(AUC::new, "auc")
            .name(() -> lossMetric("binary_crossentropy", new BinaryCrossentropy()), "binary_crossentropy")
            .name(() -> lossMetric("categorical_crossentropy", new CategoricalCrossentropy()), "categorical_crossentropy")
            .name(() -> lossMetric("sparse_categorical_crossentropy", new SparseCategoricalCrossentropy()),
                    "sparse_categorical_crossentropy")
            .name(() -> lossMetric("poisson", new Poisson()), "poisson")
            .name(() -> lossMetric("kl_divergence", new KLDivergence()), "kl_divergence", "kld")
            .name(() -> lossMetric("hinge", new Hinge()), "hinge")
            .name(() -> lossMetric("squared_hinge", new SquaredHinge()), "squared_hinge")
            .name(() -> lossMetric("categorical_hinge", new CategoricalHinge()), "categorical_hinge")
            .name(() -> new LossMetric("logcosh", new LogCosh(), "LogCoshError"), "log_cosh", "logcosh")
            .className("Accuracy", c -> new Accuracy(name(c, "accuracy")))
            .className("BinaryAccuracy", c -> new BinaryAccuracy(name(c, "binary_accuracy"), reader(c).number("threshold", 0.5)))
            .className("CategoricalAccuracy", c -> new CategoricalAccuracy(name(c, "categorical_accuracy")))
            .className("SparseCategoricalAccuracy", c -> new SparseCategoricalAccuracy(name(c, "sparse_categorical_accuracy")))
            .className("TopKCategoricalAccuracy", c -> new TopKCategoricalAccuracy(name(c, "top_k_categorical_accuracy"),
                    reader(c).integer("k", 5)))
            .className("SparseTopKCategoricalAccuracy", c -> new SparseTopKCategoricalAccuracy(
                    name(c, "sparse_top_k_categorical_accuracy"), reader(c).integer("k", 5)))
            .className("MeanAbsoluteError", c -> new MeanAbsoluteErrorMetric(name(c, "mean_absolute_error")))
            .className("MeanSquaredError", c -> new MeanSquaredErrorMetric(name(c, "mean_squared_error")))
            .className("RootMeanSquaredError", c -> new RootMeanSquaredError(name(c, "root_mean_squared_error")))
            .className("MeanAbsolutePercentageError", c -> new MeanAbsolutePercentageErrorMetric(
                    name(c, "mean_absolute_percentage_error")))
            .className("MeanSquaredLogarithmicError", c -> new MeanSquaredLogarithmicErrorMetric(
                    name(c, "mean_squared_logarithmic_error")))
            .className("Precision", c -> new Precision(name(c, "precision"), reader(c).number("thresholds", 0.5)))
            .className("Recall", c -> new Recall(name(c, "recall"), reader(c).number("thresholds", 0.5)))
            .className("AUC", c -> new AUC(name(c, "auc"), reader(c).integer("num_thresholds", 200)))
            .className("BinaryCrossentropy", c -> lossMetric(name(c, "binary_crossentropy"), new BinaryCrossentropy()))
            .className("CategoricalCrossentropy", c -> lossMetric(name(c, "categorical_crossentropy"),
                    new CategoricalCrossentropy()))
            .className("SparseCategoricalCrossentropy", c -> lossMetric(name(c, "sparse_categorical_crossentropy"),
                    new SparseCategoricalCrossentropy()))
            .className("Poisson", c -> lossMetric(name(c, "poisson"), new Poisson()))
            .className("KLDivergence", c -> lossMetric(name(c, "kl_divergence"), new KLDivergence()))
            .className("Hinge", c -> lossMetric(name(c, "hinge"), new Hinge()))
            .className("SquaredHinge", c -> lossMetric(name(c, "squared_hinge"), new SquaredHinge()))
            .className("CategoricalHinge", c -> lossMetric(name(c, "categorical_hinge"), new CategoricalHinge()))
            .className("LogCoshError", c -> new LossMetric(name(c, "logcosh"), new LogCosh(), "LogCoshError"));

    private Metrics() {
    }

    /** A fresh metric for a Keras name (case-insensitive), reported under {@code name} as written. */
    public static Metric get(String name) {
        Metric m = REGISTRY.get(name);
        return m.name().equals(name) ? m : m.renamed(name);
    }

    /** A name or a {@link Metric}, as Keras's {@code metrics.get} accepts either. */
    public static Metric get(Object identifier) {
        if (identifier instanceof Metric m) {
            return m;
        }
        if (identifier instanceof String s) {
            return get(s);
        }
        throw new IllegalArgumentException("Invalid `metrics`: expected names such as \"accuracy\" or Metric objects. "
                + "Received: " + identifier);
    }

    public static Metric deserialize(Object serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    public static List<String> names() {
        return REGISTRY.names();
    }

    /** A loss used as a metric, serialised under the loss's Keras class name (as Keras's metric of that name). */
    private static LossMetric lossMetric(String name, Loss loss) {
        return new LossMetric(name, loss, loss.className());
    }

    private static ConfigReader reader(Map<String, Object> c) {
        return new ConfigReader("metric", c);
    }

    private static String name(Map<String, Object> c, String dflt) {
        return reader(c).string("name", dflt);
    }
}
