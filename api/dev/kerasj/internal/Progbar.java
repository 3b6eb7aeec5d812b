package dev.kerasj.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras 3's progress bar: {@code 469/469 ━━━━━━━━━━━━━━━━━━━━ 3s 6ms/step - accuracy: 0.8754 - loss: 0.4363}.
 * verbose 1 redraws the line in place on a terminal and prints one line per epoch otherwise; verbose 2
 * prints {@code 469/469 - 3s - 6ms/step - …} once per epoch; verbose 0 prints nothing.
 */
public final class Progbar {
    private static final int WIDTH = 20;
    private final PrintStream out;
    private final int verbose;
    private final boolean dynamic;
    private final long target;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long steps;

    public Progbar(PrintStream out, int verbose, long target, boolean dynamic) {
        this.out = out;
        this.verbose = verbose;
        this.target = target;
        this.dynamic = dynamic;
    }

    /** Whether standard output looks like an interactive terminal. */
    public static boolean isTerminal() {
        return System.console() != null && System.getenv("KERASJ_PLAIN_PROGRESS") == null;
    }

    public void epochHeader(int epoch, int epochs) {
        if (verbose > 0) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    /** Progress after {@code current} steps; redrawn at most every 50 ms on a terminal. */
    public void update(long current, Map<String, Double> values) {
        steps = current;
        if (verbose != 1 || !dynamic || (target > 0 && current >= target)) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 50_000_000L) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        double eta = current == 0 ? 0 : elapsed / current * (target - current);
        out.print("\r" + counter(current) + " " + bar(current) + " " + formatTime(eta) + metrics(values) + "\u001b[K");
        out.flush();
    }

    /** The final line of an epoch, with the validation metrics. */
    public void finish(Map<String, Double> values) {
        if (verbose == 0) {
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        String perStep = formatPerStep(elapsed / Math.max(1, Math.max(target, steps)));
        String line;
        if (verbose == 1) {
            long shown = target > 0 ? target : steps;
            line = counter(shown) + " " + bar(shown) + " " + formatTime(elapsed) + " " + perStep + metrics(values);
        } else {
            long shown = target > 0 ? target : steps;
            line = counter(shown) + " - " + formatTime(elapsed) + " - " + perStep + metrics(values);
        }
        out.print((dynamic && verbose == 1 ? "\r" : "") + line + (dynamic && verbose == 1 ? "\u001b[K" : "") + "\n");
        out.flush();
    }

    private String counter(long current) {
        if (target <= 0) {
            return current + "/Unknown";
        }
        String t = Long.toString(target);
        return String.format(Locale.ROOT, "%" + t.length() + "d/%s", current, t);
    }

    private static String bar(long current, long target) {
        int filled = (int) (WIDTH * (double) current / Math.max(1, target));
        return "━".repeat(filled) + (filled < WIDTH ? "─".repeat(WIDTH - filled) : "");
    }

    private String bar(long current) {
        return target <= 0 ? "" : bar(current, target);
    }

    private static String metrics(Map<String, Double> values) {
        StringBuilder sb = new StringBuilder();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                sb.append(" - ").append(e.getKey()).append(": ").append(formatValue(e.getValue())));
        return sb.toString();
    }

    /** Keras's value format: 4 decimals, scientific notation for tiny values. */
    static String formatValue(double v) {
        if (Math.abs(v) > 1e-3 || v == 0) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }

    static String formatTime(double seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", (long) seconds / 3600, ((long) seconds % 3600) / 60,
                    (long) seconds % 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%d:%02d", (long) seconds / 60, (long) seconds % 60);
        }
        return String.format(Locale.ROOT, "%ds", (long) seconds);
    }

    static String formatPerStep(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%ds/step", Math.round(seconds));
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%dms/step", Math.round(seconds * 1e3));
        }
        return String.format(Locale.ROOT, "%dus/step", Math.round(seconds * 1e6));
    }
}
