package dev.kerasj.callbacks;

import java.util.Map;

/**
 * Lowers the learning rate when a monitored quantity has stopped improving, as Keras's
 * {@code ReduceLROnPlateau}: after {@code patience} epochs without improvement the optimizer's learning
 * rate becomes {@code max(lr × factor, minLr)}, effective from the next update step; then
 * {@code cooldown} epochs pass before waiting starts again.
 *
 * <p>An improvement is {@code v < best - minDelta} (mode min) or {@code v > best + minDelta} (mode max).
 * Each epoch it adds the current rate to the logs as {@code learning_rate} (so History records it).
 * Defaults, as Keras: monitor "val_loss", factor 0.1, patience 10, verbose 0, mode "auto" (max when the
 * name contains "acc", else min), min_delta 1e-4, cooldown 0, min_lr 0. State is reset at the start of
 * each fit; the learning rate itself stays where it was set, as in Keras.
 *
 * <pre>{@code
 * var plateau = new ReduceLROnPlateau().factor(0.2).patience(5).minLr(1e-3);
 * model.fit(x, y, FitOptions.defaults().epochs(50).validationSplit(0.2).callbacks(plateau));
 * }</pre>
 */
public final class ReduceLROnPlateau extends Callback {
    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private int verbose = 0;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown = 0;
    private double minLr = 0.0;

    private boolean maximize;
    private double best;
    private int wait;
    private int cooldownCounter;

    /** Keras's defaults: monitor "val_loss", factor 0.1, patience 10. */
    public ReduceLROnPlateau() {
        reset();
    }

    public ReduceLROnPlateau monitor(String monitor) {
        this.monitor = Monitors.checkMonitor(monitor);
        return this;
    }

    /** The factor by which the learning rate is multiplied, in (0, 1). Default 0.1. */
    public ReduceLROnPlateau factor(double factor) {
        if (!(factor > 0.0 && factor < 1.0)) {
            throw new IllegalArgumentException("Invalid `factor`: expected a number in (0, 1); ReduceLROnPlateau does not "
                    + "support a factor >= 1.0. Received: factor=" + factor);
        }
        this.factor = factor;
        return this;
    }

    /** Epochs without improvement before the rate is lowered. Default 10. */
    public ReduceLROnPlateau patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("Invalid `patience`: expected a non-negative integer. Received: patience="
                    + patience);
        }
        this.patience = patience;
        return this;
    }

    /** 1 prints each reduction. Default 0. */
    public ReduceLROnPlateau verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    public ReduceLROnPlateau mode(String mode) {
        this.mode = Monitors.checkMode("ReduceLROnPlateau", mode);
        return this;
    }

    /** The margin an improvement must exceed. Default 1e-4. */
    public ReduceLROnPlateau minDelta(double minDelta) {
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("Invalid `min_delta`: expected a non-negative number. Received: min_delta="
                    + minDelta);
        }
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs to wait after a reduction before resuming normal operation. Default 0. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        if (cooldown < 0) {
            throw new IllegalArgumentException("Invalid `cooldown`: expected a non-negative integer. Received: cooldown="
                    + cooldown);
        }
        this.cooldown = cooldown;
        return this;
    }

    /** The lower bound of the learning rate. Default 0. */
    public ReduceLROnPlateau minLr(double minLr) {
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("Invalid `min_lr`: expected a non-negative number. Received: min_lr=" + minLr);
        }
        this.minLr = minLr;
        return this;
    }

    private void reset() {
        maximize = Monitors.maximizeByName(mode, monitor);
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        reset();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", model().learningRate());
        Double current = Monitors.value(logs, monitor, "Learning rate reduction is");
        if (current == null) {
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (maximize ? current > best + minDelta : current < best - minDelta) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience) {
                double old = model().learningRate();
                if (old > (float) minLr) {
                    double lr = Math.max(old * factor, minLr);
                    model().setLearningRate(lr);
                    if (verbose > 0) {
                        System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to " + lr
                                + ".");
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }
}
