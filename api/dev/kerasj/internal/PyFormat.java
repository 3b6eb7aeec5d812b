package dev.kerasj.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bits of Python's string formatting that Keras callbacks expose: {@code repr} of a float (what
 * CSVLogger writes) and {@code str.format} with named fields ({@code "w.{epoch:02d}-{val_loss:.2f}.kerasj"}).
 */
public final class PyFormat {
    private static final Pattern SPEC = Pattern.compile("(0?)(\\d*)(?:\\.(\\d+))?([dfFeE%]?)");

    private PyFormat() {
    }

    /** Python's {@code repr(float)}: {@code 0.5}, {@code 2.0}, {@code 1e-05}, {@code 1.5e+16}, {@code nan}, {@code inf}. */
    public static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;   // v = m × 10^exponent with 1 ≤ |m| < 10
        if (exponent >= -4 && exponent < 16) {
            String s = d.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /**
     * Python's {@code template.format(**values)} for named fields with an optional spec
     * {@code [0][width][.precision][type]} ({@code d f e %}); {@code {{} and {@code }}} are literal braces.
     */
    public static String format(String template, Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("Invalid format string " + template + ": a '{' is never closed.");
                }
                String field = template.substring(i + 1, close);
                int colon = field.indexOf(':');
                String name = colon < 0 ? field : field.substring(0, colon);
                String spec = colon < 0 ? "" : field.substring(colon + 1);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("Failed to format the file path " + template + ": no value for {"
                            + name + "}. Available: " + values.keySet() + ".");
                }
                out.append(formatValue(values.get(name), spec, template));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String formatValue(Object value, String spec, String template) {
        if (spec.isEmpty()) {
            return value instanceof Double d ? repr(d) : String.valueOf(value);
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid format spec '" + spec + "' in " + template
                    + ": expected [0][width][.precision][type] with type one of d, f, e, %.");
        }
        String flags = m.group(1).isEmpty() || m.group(2).isEmpty() ? "" : "0";
        String width = m.group(2);
        String precision = m.group(3);
        String type = m.group(4);
        boolean integral = value instanceof Integer || value instanceof Long;
        if ("d".equals(type)) {
            if (!integral) {
                throw new IllegalArgumentException("Invalid format spec '" + spec + "' in " + template + ": code 'd' needs "
                        + "an integer. Received: " + value);
            }
            return String.format(Locale.ROOT, "%" + flags + width + "d", ((Number) value).longValue());
        }
        double d = ((Number) value).doubleValue();
        if (type.isEmpty()) {
            if (precision != null) {
                throw new IllegalArgumentException("Invalid format spec '" + spec + "' in " + template + ": give a type "
                        + "with the precision, e.g. '.2f' or '.3e'.");
            }
            return String.format(Locale.ROOT, "%" + flags + width + "s", integral ? String.valueOf(value) : repr(d));
        }
        if ("%".equals(type)) {
            return String.format(Locale.ROOT, "%" + flags + width + "." + (precision == null ? "6" : precision) + "f%%",
                    d * 100);
        }
        String p = precision == null ? ".6" : "." + precision;
        return String.format(Locale.ROOT, "%" + flags + width + p + type, d);
    }
}
