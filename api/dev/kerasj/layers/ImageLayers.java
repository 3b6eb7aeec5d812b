package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

/** Config checks the image preprocessing layers share. */
final class ImageLayers {
    private ImageLayers() {
    }

    /** Refuses a saved {@code data_format} other than channels-last, kerasj's only image layout. */
    static void channelsLast(String owner, ConfigReader r) {
        Object f = r.raw("data_format");
        if (f != null && !"channels_last".equals(f)) {
            throw new IllegalArgumentException("Invalid " + owner + " config: only data_format=\"channels_last\" is "
                    + "supported. Received: data_format=" + f);
        }
    }

    /** A saved {@code seed}: an integer or null. */
    static Long seed(ConfigReader r) {
        Object s = r.raw("seed");
        return s == null ? null : ((Number) s).longValue();
    }

    /**
     * A Keras factor range: one number {@code f} → {@code [max(−|f|, lo), |f|]}, or a pair sorted; every value
     * within {@code [lo, hi]} (or above {@code lo} when {@code loOpen}), else Keras's message.
     */
    static double[] range(String arg, double[] factor, double lo, double hi, boolean loOpen) {
        if (factor == null || factor.length < 1 || factor.length > 2) {
            throw new IllegalArgumentException("The `" + arg + "` argument should be a number (or a list of two numbers). "
                    + "Received: " + arg + "=" + java.util.Arrays.toString(factor));
        }
        for (double f : factor) {
            if (!(f <= hi && (loOpen ? f > lo : f >= lo))) {
                throw new IllegalArgumentException("The `" + arg + "` argument should be a number (or a list of two "
                        + "numbers) in the range " + (loOpen ? "(" : "[") + lo + ", " + hi + "]. Received: " + arg + "="
                        + (factor.length == 1 ? String.valueOf(factor[0]) : java.util.Arrays.toString(factor)));
            }
        }
        if (factor.length == 1) {
            double f = Math.abs(factor[0]);
            return new double[] {Math.max(-f, lo), f};
        }
        return new double[] {Math.min(factor[0], factor[1]), Math.max(factor[0], factor[1])};
    }

    /** A factor as Keras's config writes it: the number, or the pair. */
    static Object factorConfig(double[] given) {
        return PreprocessingLayer.configValue(given, false);
    }

    /** A saved factor: a number or a pair. */
    static double[] factor(ConfigReader r, String key) {
        return PreprocessingLayer.configNumbers(key, key, r.raw(key));
    }

    /** A saved {@code value_range}: two numbers, sorted. */
    static double[] valueRange(ConfigReader r) {
        double[] v = factor(r, "value_range");
        return v == null ? new double[] {0, 255} : v;
    }

    static double[] sortedPair(String arg, double[] v) {
        if (v == null || v.length != 2) {
            throw new IllegalArgumentException("The `" + arg + "` argument should be a list of two numbers. Received: "
                    + arg + "=" + java.util.Arrays.toString(v));
        }
        return new double[] {Math.min(v[0], v[1]), Math.max(v[0], v[1])};
    }
}
