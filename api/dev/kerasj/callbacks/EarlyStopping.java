package dev.kerasj.callbacks;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored quantity has stopped improving, as Keras's {@code EarlyStopping}.
 *
 * <p>After each epoch, the value {@code v} of {@code monitor} improves on the best so far when
 * {@code v + minDelta < best} (mode min) or {@code v - minDelta > best} (mode max). Each epoch without
 * improvement adds one to a wait counter; training stops when it reaches {@code patience}. With a
 * {@code baseline}, an improvement resets the counter only if it also beats the baseline. Epochs before
 * {@code startFromEpoch} are ignored. With {@code restoreBestWeights}, the model ends with the weights of
 * its best epoch (Keras restores them at the end of training, also when patience never ran out).
 *
 * <p>Defaults, as Keras: monitor "val_loss", min_delta 0, patience 0, verbose 0, mode "auto" (the loss
 * and error metrics are minimised, accuracies maximised), baseline none, restore_best_weights false,
 * start_from_epoch 0. A missing monitor (e.g. "val_loss" without validation data) prints a warning
 * naming the available metrics and does not stop training. State is reset at the start of each fit.
 *
 * <pre>{@code
 * var stop = new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true);
 * model.fit(x, y, FitOptions.defaults().epochs(100).validationSplit(0.2).callbacks(stop));
 * }</pre>
 */
public final class EarlyStopping extends Callback {
    private String monitor = "val_loss";
    private double minDelta = 0.0;
    private int patience = 0;
    private int verbose = 0;
    private String mode = "auto";
    private Double baseline;
    private boolean restoreBestWeights = false;
    private int startFromEpoch = 0;

    private Boolean maximize;
    private int wait;
    private int stoppedEpoch;
    private Double best;
    private List<List<INDArray>> bestWeights;
    private int bestEpoch;

    /** Early stopping with Keras's defaults (monitor "val_loss", patience 0). */
    public EarlyStopping() {
    }

    /** The quantity to watch, e.g. "val_loss" (default) or "val_accuracy". */
    public EarlyStopping monitor(String monitor) {
        this.monitor = Monitors.checkMonitor(monitor);
        return this;
    }

    /** The smallest change that counts as an improvement (its absolute value is used). Default 0. */
    public EarlyStopping minDelta(double minDelta) {
        if (!Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("Invalid `min_delta`: expected a finite number. Received: min_delta=" + minDelta);
        }
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** Epochs without improvement after which training stops. Default 0. */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("Invalid `patience`: expected a non-negative integer. Received: patience="
                    + patience);
        }
        this.patience = patience;
        return this;
    }

    /** 1 prints when training stops and when best weights are restored. Default 0. */
    public EarlyStopping verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** "min", "max" or "auto" (default: from the monitored name). */
    public EarlyStopping mode(String mode) {
        this.mode = Monitors.checkMode("EarlyStopping", mode);
        return this;
    }

    /** A value the monitor must beat for the wait counter to reset. Default none. */
    public EarlyStopping baseline(double baseline) {
        this.baseline = baseline;
        return this;
    }

    /** Whether to end with the weights of the best epoch (default false: the last epoch's). */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Epochs to wait before watching starts (a warm-up). Default 0. */
    public EarlyStopping startFromEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("Invalid `start_from_epoch`: expected a non-negative integer. Received: "
                    + "start_from_epoch=" + epoch);
        }
        this.startFromEpoch = epoch;
        return this;
    }

    /** The 0-based epoch at which training was stopped, or 0 when it was not (Keras's {@code stopped_epoch}). */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The 0-based epoch with the best monitored value so far. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far, or null before any. */
    public Double best() {
        return best;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = 0;
        best = null;
        bestWeights = null;
        bestEpoch = 0;
        maximize = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (maximize == null) {
            maximize = Monitors.maximizeByMetric(mode, monitor, model());
        }
        Double current = Monitors.value(logs, monitor, "Early stopping");
        if (current == null || epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            // Until something improves, the current weights are the best.
            bestWeights = Monitors.weights(model());
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = Monitors.weights(model());
            }
            // Restart waiting only when both the previous best and the baseline are beaten.
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().stopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            Monitors.setWeights(model(), bestWeights);
        }
    }

    private boolean isImprovement(double value, Double reference) {
        if (reference == null) {
            return true;
        }
        return maximize ? value - minDelta > reference : value + minDelta < reference;
    }
}
