package dev.kerasj.callbacks;

import java.util.Map;

/**
 * Sets the learning rate at the start of each epoch from a function of the epoch (0-based) and the
 * current rate, as Keras's {@code LearningRateScheduler}; adds {@code learning_rate} to each epoch's logs.
 * Default verbose 0 (1 prints each new rate).
 *
 * <pre>{@code
 * // Keras's example: keep the rate for 10 epochs, then decay it by e^-0.1 per epoch.
 * var schedule = new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
 * model.fit(x, y, FitOptions.defaults().epochs(15).callbacks(schedule));
 * }</pre>
 */
public final class LearningRateScheduler extends Callback {
    /** The schedule: the learning rate for {@code epoch} given the current one. */
    @FunctionalInterface
    public interface Schedule {
        double learningRate(int epoch, double currentLearningRate);
    }

    private final Schedule schedule;
    private int verbose = 0;

    public LearningRateScheduler(Schedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("Invalid `schedule`: expected a function of (epoch, lr). Received: "
                    + "schedule=null");
        }
        this.schedule = schedule;
    }

    public LearningRateScheduler verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        double lr = schedule.learningRate(epoch, model().learningRate());
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("The output of the `schedule` function should be a positive finite number. "
                    + "Got: " + lr + " for epoch " + epoch + ".");
        }
        model().setLearningRate(lr);
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to " + lr + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", model().learningRate());
    }
}
