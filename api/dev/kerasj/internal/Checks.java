package dev.kerasj.internal;

/** Keras-style argument checks: "Received an invalid value for `units`, expected …. Received: units=0". */
public final class Checks {
    private Checks() {
    }

    public static int positive(String arg, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Received an invalid value for `" + arg
                    + "`, expected a positive integer. Received: " + arg + "=" + value);
        }
        return value;
    }

    public static double nonNegative(String arg, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Received an invalid value for `" + arg
                    + "`, expected a non-negative finite number. Received: " + arg + "=" + value);
        }
        return value;
    }

    public static double positive(String arg, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Received an invalid value for `" + arg
                    + "`, expected a positive finite number. Received: " + arg + "=" + value);
        }
        return value;
    }

    /**
     * A positive number that a 32-bit float holds: the weights and updates are FLOAT, so a larger value
     * (a learning rate of 1e308, say) would become infinity in the first step and every weight NaN.
     */
    public static double positiveFloat(String arg, double value) {
        if (!(value > 0) || value > Float.MAX_VALUE) {
            throw new IllegalArgumentException("Received an invalid value for `" + arg + "`, expected a positive number "
                    + "no larger than " + Float.MAX_VALUE + " (the weights are 32-bit floats). Received: " + arg + "="
                    + value);
        }
        return value;
    }

    /** A value in [lo, hi) (or [lo, hi] when {@code hiInclusive}). */
    public static double inRange(String arg, double value, double lo, double hi, boolean hiInclusive) {
        boolean ok = value >= lo && (hiInclusive ? value <= hi : value < hi);
        if (!ok) {
            throw new IllegalArgumentException("Received an invalid value for `" + arg + "`, expected a number in ["
                    + lo + ", " + hi + (hiInclusive ? "]" : ")") + ". Received: " + arg + "=" + value);
        }
        return value;
    }

    public static <T> T notNull(String arg, T value) {
        if (value == null) {
            throw new IllegalArgumentException("Received an invalid value for `" + arg + "`, expected a value. Received: "
                    + arg + "=null");
        }
        return value;
    }
}
