package dev.kerasj.datasets;

/** Argument checks with kerasj's message form: "Invalid `arg`: expected …. Received: arg=value". */
final class Args {
    private Args() {
    }

    static IllegalArgumentException invalid(String arg, String expected, Object value, String remedy) {
        return new IllegalArgumentException("Invalid `" + arg + "`: expected " + expected + ". Received: " + arg + "="
                + value + (remedy == null || remedy.isEmpty() ? "" : ". " + remedy));
    }

    static int positive(String arg, int value) {
        if (value <= 0) {
            throw invalid(arg, "a positive integer", value, null);
        }
        return value;
    }

    static int nonNegative(String arg, int value) {
        if (value < 0) {
            throw invalid(arg, "a non-negative integer", value, null);
        }
        return value;
    }

    static <T> T notNull(String arg, T value) {
        if (value == null) {
            throw invalid(arg, "a value", null, null);
        }
        return value;
    }

    static String notBlank(String arg, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(arg, "a non-empty string", value == null ? null : "\"" + value + "\"", null);
        }
        return value;
    }
}
