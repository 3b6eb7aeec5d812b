package dev.kerasj;

import dev.kerasj.losses.Loss;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.Metric;
import dev.kerasj.metrics.Metrics;
import dev.kerasj.optimizers.Optimizer;
import dev.kerasj.optimizers.Optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code compile} fixed, as one immutable value shared by the model and its file: the optimizer, one
 * loss per output, Keras's {@code loss_weights} ({@code null}: all 1) and the metrics. It is written as
 * Keras's {@code compile_config} ({@link #serialize}) and read back from it ({@link #apply}); anything
 * malformed in a file is an {@link IllegalArgumentException} whose one sentence names the key, never a
 * {@code NullPointerException} or {@code ClassCastException} from deep inside.
 */
final class CompileConfig {
    private static final String KEY = "compile_config";
    private final Optimizer optimizer;
    private final List<Loss> losses;
    private final double[] lossWeights;
    private final List<Metric> metrics;

    private CompileConfig(Optimizer optimizer, List<Loss> losses, double[] lossWeights, List<Metric> metrics) {
        this.optimizer = optimizer;
        this.losses = List.copyOf(losses);
        this.lossWeights = lossWeights == null ? null : lossWeights.clone();
        this.metrics = List.copyOf(metrics);
    }

    /** A checked compile configuration for a model with {@code outputNames} (one loss, one weight per output). */
    static CompileConfig of(Optimizer optimizer, List<Loss> losses, double[] lossWeights, Metric[] metrics,
                            int outputs, List<String> outputNames) {
        if (optimizer == null) {
            throw new IllegalArgumentException("Invalid `optimizer`: expected a name such as \"adam\" or an Optimizer. "
                    + "Received: optimizer=null");
        }
        if (losses == null || losses.size() != outputs || losses.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Invalid `loss`: expected one Loss per model output (" + outputs + ": "
                    + outputNames + "). Received: loss=" + losses);
        }
        if (lossWeights != null && lossWeights.length != outputs) {
            throw new IllegalArgumentException("Invalid `loss_weights`: expected one weight per model output (" + outputs
                    + "). Received: loss_weights=" + java.util.Arrays.toString(lossWeights));
        }
        if (lossWeights != null) {
            for (double w : lossWeights) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("Invalid `loss_weights`: expected finite weights >= 0. Received: "
                            + "loss_weights=" + java.util.Arrays.toString(lossWeights));
                }
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Metric m : metrics) {
            if (m == null) {
                throw new IllegalArgumentException("Invalid `metrics`: expected names or Metric objects. Received: null");
            }
            if (!names.add(m.name()) || "loss".equals(m.name())) {
                throw new IllegalArgumentException("Invalid `metrics`: metric names must be unique and not \"loss\". "
                        + "Received: " + m.name() + " twice.");
            }
        }
        return new CompileConfig(optimizer, losses, lossWeights, List.of(metrics));
    }

    Optimizer optimizer() {
        return optimizer;
    }

    List<Loss> losses() {
        return losses;
    }

    /** Keras's {@code loss_weights} (a copy), or {@code null} for all 1. */
    double[] lossWeights() {
        return lossWeights == null ? null : lossWeights.clone();
    }

    List<Metric> metrics() {
        return metrics;
    }

    /** Keras's {@code compile_config}: optimizer, loss (one, or one per output), loss_weights when set, metrics. */
    Map<String, Object> serialize() {
        Map<String, Object> compile = new java.util.LinkedHashMap<>();
        compile.put("optimizer", optimizer.serialize());
        if (losses.size() == 1) {
            compile.put("loss", losses.get(0).serialize());
        } else {
            List<Object> all = new ArrayList<>();
            losses.forEach(l -> all.add(l.serialize()));
            compile.put("loss", all);
        }
        if (lossWeights != null) {
            List<Object> weights = new ArrayList<>();
            for (double w : lossWeights) {
                weights.add(w);
            }
            compile.put("loss_weights", weights);
        }
        List<Object> ms = new ArrayList<>();
        metrics.forEach(m -> ms.add(m.serialize()));
        compile.put("metrics", ms);
        return compile;
    }

    /**
     * Compiles {@code model} as {@code compileConfig} says; {@code null} (an uncompiled model) does nothing.
     *
     * @throws IllegalArgumentException naming the offending key, e.g. "`compile_config.metrics` must be a list …"
     */
    public static void apply(Model model, Object compileConfig) {
        if (compileConfig == null) {
            return;
        }
        if (!(compileConfig instanceof Map<?, ?> c)) {
            throw invalid(KEY, "a map with `optimizer`, `loss` and `metrics`", compileConfig);
        }
        Optimizer optimizer = one("optimizer", c.get("optimizer"), Optimizers::deserialize);
        List<Loss> losses = new ArrayList<>();
        Object loss = c.get("loss");
        if (loss instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                losses.add(one("loss[" + i + "]", list.get(i), Losses::deserialize));
            }
        } else {
            losses.add(one("loss", loss, Losses::deserialize));
        }
        double[] weights = lossWeights(c.get("loss_weights"));
        List<Metric> metrics = new ArrayList<>();
        Object m = c.get("metrics");
        if (m != null && !(m instanceof List<?>)) {
            throw invalid(KEY + ".metrics", "a list of metric names or configs", m);
        }
        if (m instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                metrics.add(one("metrics[" + i + "]", list.get(i), Metrics::deserialize));
            }
        }
        try {
            if (losses.size() == 1 && weights == null) {
                model.compile(optimizer, losses.get(0), metrics.toArray(new Metric[0]));
            } else {
                model.compile(optimizer, losses, weights, metrics.toArray(new Metric[0]));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid `" + KEY + "`: it does not fit the model: " + e.getMessage(), e);
        }
    }

    private static double[] lossWeights(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw invalid(KEY + ".loss_weights", "a list of numbers, one per output", raw);
        }
        double[] weights = new double[list.size()];
        for (int k = 0; k < weights.length; k++) {
            if (!(list.get(k) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw invalid(KEY + ".loss_weights", "a list of finite numbers, one per output", raw);
            }
            weights[k] = n.doubleValue();
        }
        return weights;
    }

    /** One entry rebuilt by {@code reader}; a missing entry or any failure is reported under {@code key}. */
    private static <T> T one(String key, Object raw, Function<Object, T> reader) {
        if (raw == null) {
            throw new IllegalArgumentException("Invalid `" + KEY + "." + key + "`: it is missing.");
        }
        try {
            return reader.apply(raw);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException("Invalid `" + KEY + "." + key + "`: " + why, e);
        }
    }

    private static IllegalArgumentException invalid(String key, String expected, Object received) {
        return new IllegalArgumentException("Invalid `" + key + "`: expected " + expected + ". Received: "
                + abbreviate(String.valueOf(received)));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
