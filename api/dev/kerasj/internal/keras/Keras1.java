package dev.kerasj.internal.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 1's layer vocabulary in Keras 3's words: class names ({@code Convolution2D} → {@code Conv2D},
 * {@code Merge(mode)} → {@code Add}/{@code Concatenate}/…) and argument names ({@code output_dim} → {@code units},
 * {@code nb_filter} → {@code filters}, {@code border_mode} → {@code padding}, {@code subsample} → {@code strides},
 * {@code init}/{@code inner_init} → initializers, {@code inner_activation} → {@code recurrent_activation},
 * {@code bias} → {@code use_bias}, {@code p} → {@code rate}, {@code dim_ordering} → {@code data_format}).
 * The config is edited in place; the Keras 3 class name is returned.
 */
final class Keras1 {
    private Keras1() {
    }

    static String translate(String cls, Map<String, Object> c, String layer) throws KerasFileException {
        dimOrdering(c);
        rename(c, "init", "kernel_initializer");
        rename(c, "inner_init", "recurrent_initializer");
        rename(c, "inner_activation", "recurrent_activation");
        rename(c, "bias", "use_bias");
        rename(c, "W_regularizer", "kernel_regularizer");
        rename(c, "b_regularizer", "bias_regularizer");
        rename(c, "U_regularizer", "recurrent_regularizer");
        rename(c, "dropout_W", "dropout");
        rename(c, "dropout_U", "recurrent_dropout");
        c.remove("W_constraint");
        c.remove("b_constraint");
        c.remove("U_constraint");
        c.remove("forget_bias_init");
        c.remove("consume_less");
        c.remove("input_dtype");
        for (String k : List.of("kernel_initializer", "recurrent_initializer")) {
            if (c.get(k) instanceof String s) {
                c.put(k, initializer(s));
            }
        }
        for (String k : List.of("kernel_regularizer", "bias_regularizer", "recurrent_regularizer", "activity_regularizer")) {
            c.put(k, regularizer(c.get(k)));
        }
        // Keras 1 writes input_dim/input_length on every layer; only the first layer's batch_input_shape counts.
        if (!"Embedding".equals(cls)) {
            c.remove("input_dim");
        }
        c.remove("input_length");
        switch (cls) {
            case "Dense", "LSTM", "GRU", "SimpleRNN" -> {
                rename(c, "output_dim", "units");
                return cls;
            }
            case "Convolution2D" -> {
                rename(c, "nb_filter", "filters");
                c.put("kernel_size", List.of(c.remove("nb_row"), c.remove("nb_col")));
                rename(c, "subsample", "strides");
                rename(c, "border_mode", "padding");
                return "Conv2D";
            }
            case "Convolution1D" -> {
                rename(c, "nb_filter", "filters");
                c.put("kernel_size", List.of(c.remove("filter_length")));
                Object s = c.remove("subsample_length");
                c.put("strides", List.of(s == null ? 1 : s));
                rename(c, "border_mode", "padding");
                return "Conv1D";
            }
            case "MaxPooling2D", "AveragePooling2D" -> {
                rename(c, "border_mode", "padding");
                return cls;
            }
            case "MaxPooling1D", "AveragePooling1D" -> {
                Object pool = c.remove("pool_length");
                c.put("pool_size", List.of(pool == null ? 2 : pool));
                Object stride = c.remove("stride");
                c.put("strides", stride == null ? c.get("pool_size") : List.of(stride));
                rename(c, "border_mode", "padding");
                return cls;
            }
            case "Dropout", "SpatialDropout2D" -> {
                rename(c, "p", "rate");
                return cls;
            }
            case "GaussianNoise" -> {
                rename(c, "sigma", "stddev");
                return cls;
            }
            case "LeakyReLU" -> {
                rename(c, "alpha", "negative_slope");
                return cls;
            }
            case "Embedding" -> {
                rename(c, "init", "embeddings_initializer");
                if (c.get("kernel_initializer") != null) {
                    c.put("embeddings_initializer", c.remove("kernel_initializer"));
                }
                if (c.get("dropout") instanceof Number d && d.doubleValue() != 0) {
                    throw new KerasFileException("layer '" + layer + "' (Embedding) uses Keras 1's `dropout` on whole "
                            + "embeddings, which kerasj does not have");
                }
                c.remove("dropout");
                return cls;
            }
            case "BatchNormalization" -> {
                if (c.get("mode") instanceof Number m && m.intValue() != 0) {
                    throw new KerasFileException("layer '" + layer + "' (BatchNormalization) uses Keras 1's mode="
                            + m + "; only mode=0 (feature-wise, what later Keras versions do) is supported");
                }
                c.remove("mode");
                return cls;
            }
            case "Merge" -> {
                return merge(c, layer);
            }
            default -> {
                return cls;
            }
        }
    }

    private static String merge(Map<String, Object> c, String layer) throws KerasFileException {
        Object mode = c.get("mode");
        if (c.get("layers") != null) {
            throw new KerasFileException("layer '" + layer + "' is a Keras 1 Merge of nested Sequential models, which "
                    + "kerasj does not load");
        }
        String cls = switch (String.valueOf(mode)) {
            case "sum" -> "Add";
            case "mul" -> "Multiply";
            case "ave" -> "Average";
            case "max" -> "Maximum";
            case "concat" -> "Concatenate";
            default -> throw new KerasFileException("layer '" + layer + "' is a Keras 1 Merge with mode '" + mode
                    + "'; kerasj maps sum, mul, ave, max and concat");
        };
        Object axis = c.remove("concat_axis");
        for (String k : List.of("mode", "mode_type", "dot_axes", "output_shape", "output_shape_type", "output_mask",
                "output_mask_type", "arguments")) {
            c.remove(k);
        }
        if ("Concatenate".equals(cls)) {
            c.put("axis", axis == null ? -1 : axis);
        }
        return cls;
    }

    private static void dimOrdering(Map<String, Object> c) {
        Object d = c.remove("dim_ordering");
        if ("th".equals(d)) {
            c.put("data_format", "channels_first");
        } else if ("tf".equals(d)) {
            c.put("data_format", "channels_last");
        }
    }

    private static void rename(Map<String, Object> c, String from, String to) {
        if (c.containsKey(from)) {
            Object v = c.remove(from);
            if (!c.containsKey(to)) {
                c.put(to, v);
            }
        }
    }

    private static Object initializer(String name) {
        String cls = switch (name) {
            case "glorot_uniform" -> "GlorotUniform";
            case "glorot_normal" -> "GlorotNormal";
            case "he_uniform" -> "HeUniform";
            case "he_normal" -> "HeNormal";
            case "lecun_uniform" -> "LecunUniform";
            case "orthogonal" -> "Orthogonal";
            case "one" -> "Ones";
            case "zero" -> "Zeros";
            case "identity" -> "Identity";
            case "uniform" -> "RandomUniform";
            case "normal" -> "RandomNormal";
            default -> null;
        };
        if (cls == null) {
            return name;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        if ("RandomUniform".equals(cls)) { // Keras 1: uniform(scale=0.05), normal(scale=0.05)
            config.put("minval", -0.05);
            config.put("maxval", 0.05);
        } else if ("RandomNormal".equals(cls)) {
            config.put("mean", 0.0);
            config.put("stddev", 0.05);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", cls);
        out.put("config", config);
        return out;
    }

    /** Keras 1's {@code {"name": "WeightRegularizer", "l1": …, "l2": …}} as Keras 3's {@code L1L2}. */
    private static Object regularizer(Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            return raw;
        }
        double l1 = m.get("l1") instanceof Number n ? n.doubleValue() : 0;
        double l2 = m.get("l2") instanceof Number n ? n.doubleValue() : 0;
        if (l1 == 0 && l2 == 0) {
            return null;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", l1);
        config.put("l2", l2);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", "L1L2");
        out.put("config", config);
        return out;
    }
}
