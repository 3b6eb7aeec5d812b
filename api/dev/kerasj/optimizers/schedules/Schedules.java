package dev.kerasj.optimizers.schedules;

import dev.kerasj.internal.Registry;

import java.util.List;

/**
 * The registry of learning-rate schedule class names, for rebuilding a saved optimizer.
 *
 * <pre>{@code
 * LearningRateSchedule s = Schedules.deserialize(new ExponentialDecay(0.1, 10, 0.5).serialize());
 * }</pre>
 */
public final class Schedules {
    private static final Registry<LearningRateSchedule> REGISTRY = new Registry<LearningRateSchedule>("learning rate schedule")
            .className("ExponentialDecay", ExponentialDecay::fromConfig)
            .className("PiecewiseConstantDecay", PiecewiseConstantDecay::fromConfig)
            .className("CosineDecay", CosineDecay::fromConfig)
            .className("InverseTimeDecay", InverseTimeDecay::fromConfig);

    private Schedules() {
    }

    /** Rebuilds a schedule from {@code {"class_name": …, "config": …}}. */
    public static LearningRateSchedule deserialize(Object serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    /** Every schedule class name. */
    public static List<String> classNames() {
        return REGISTRY.classNames();
    }
}
