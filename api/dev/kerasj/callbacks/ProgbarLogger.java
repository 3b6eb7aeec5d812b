package dev.kerasj.callbacks;

import dev.kerasj.internal.Progbar;

import java.io.PrintStream;
import java.util.Map;

/**
 * Prints Keras's progress bar: {@code Epoch 1/10} then {@code 469/469 ━━━━━━━━━━━━━━━━━━━━ 3s 6ms/step - loss: …}.
 * {@code fit} adds one when {@code verbose} is 1 or 2 and none is given; it runs after the other callbacks,
 * so it prints what they logged (e.g. {@code learning_rate}). Its verbosity is {@code fit}'s.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(5).verbose(2));   // one line per epoch
 * }</pre>
 */
public final class ProgbarLogger extends Callback {
    private final PrintStream out;
    private int verbose;
    private int epochs;
    private int steps;
    private Progbar bar;

    /** A progress bar on {@code System.out}. */
    public ProgbarLogger() {
        this(null);
    }

    /** A progress bar printed to {@code out} ({@code null}: {@code System.out}). */
    public ProgbarLogger(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        verbose = ((Number) params().getOrDefault("verbose", 1)).intValue();
        epochs = ((Number) params().getOrDefault("epochs", 1)).intValue();
        steps = ((Number) params().getOrDefault("steps", 1)).intValue();
        bar = null;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        bar = new Progbar(out == null ? System.out : out, verbose, steps, Progbar.isTerminal());
        bar.epochHeader(epoch, epochs);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        if (bar != null) {
            bar.update(batch + 1, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (bar != null) {
            bar.finish(logs);
            bar = null;
        }
    }
}
