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
 * The {@code compile_config} of a saved model read back: {@code optimizer}, {@code loss} (one, or a list with
 * one per output), optional {@code loss_weights} and {@code metrics}, as {@link ModelIO} writes them.
 * Anything malformed is an {@link IllegalArgumentException} whose one sentence names the key, never a
 * {@code NullPointerException} or {@code ClassCastException} from deep inside.
 */
final class CompileConfig {
    private static final String KEY = "compile_config";

    private CompileConfig() {
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
