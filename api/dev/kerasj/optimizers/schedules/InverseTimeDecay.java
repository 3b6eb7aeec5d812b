package dev.kerasj.optimizers.schedules;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code lr(step) = initial_learning_rate / (1 + decay_rate · step / decay_steps)}; with
 * {@code staircase} the ratio is {@code floor(step / decay_steps)}. Default staircase false.
 *
 * <pre>{@code
 * new SGD(new InverseTimeDecay(0.1, 1, 0.5))
 * }</pre>
 */
public final class InverseTimeDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private final boolean staircase;

    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
        this.initialLearningRate = Checks.positiveFloat("initial_learning_rate", initialLearningRate);
        this.decaySteps = (long) Checks.positive("decay_steps", (double) decaySteps);
        this.decayRate = Checks.nonNegative("decay_rate", decayRate);
        this.staircase = staircase;
    }

    @Override
    public double value(long step) {
        double p = (double) step / decaySteps;
        return initialLearningRate / (1.0 + decayRate * (staircase ? Math.floor(p) : p));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        return c;
    }

    static InverseTimeDecay fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("InverseTimeDecay", config);
        return new InverseTimeDecay(r.number("initial_learning_rate"), (long) r.number("decay_steps"),
                r.number("decay_rate"), r.bool("staircase", false));
    }
}
