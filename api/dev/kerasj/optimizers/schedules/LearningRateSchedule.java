package dev.kerasj.optimizers.schedules;

import dev.kerasj.internal.Serialized;

import java.util.Map;

/**
 * A learning rate that changes with the optimizer's step count, as
 * {@code keras.optimizers.schedules.LearningRateSchedule}: {@link #value(long)} is called with the
 * number of updates already applied (0 on the first batch), exactly as Keras calls its schedule with
 * {@code optimizer.iterations}.
 *
 * <pre>{@code
 * var schedule = new ExponentialDecay(0.01, 1000, 0.9);
 * model.compile(new Adam(schedule), "mse");
 * }</pre>
 */
public abstract class LearningRateSchedule {
    /** The learning rate for the update that follows {@code step} earlier updates. */
    public abstract double value(long step);

    /** Keras's class name, e.g. {@code "ExponentialDecay"}. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The constructor arguments, under Keras's names. */
    public abstract Map<String, Object> getConfig();

    /** {@code {"class_name": …, "config": …}}, as Keras serialises it. */
    public final Map<String, Object> serialize() {
        return Serialized.of(className(), getConfig());
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
