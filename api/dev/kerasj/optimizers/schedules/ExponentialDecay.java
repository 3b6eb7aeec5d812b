package dev.kerasj.optimizers.schedules;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code lr(step) = initial_learning_rate · decay_rate^(step / decay_steps)}; with {@code staircase} the
 * exponent is {@code floor(step / decay_steps)}. Default staircase false.
 *
 * <pre>{@code
 * new SGD(new ExponentialDecay(0.1, 100, 0.96))
 * }</pre>
 */
public final class ExponentialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private final boolean staircase;

    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
        this.initialLearningRate = Checks.positiveFloat("initial_learning_rate", initialLearningRate);
        this.decaySteps = (long) Checks.positive("decay_steps", (double) decaySteps);
        this.decayRate = Checks.positive("decay_rate", decayRate);
        this.staircase = staircase;
    }

    @Override
    public double value(long step) {
        double p = (double) step / decaySteps;
        return initialLearningRate * Math.pow(decayRate, staircase ? Math.floor(p) : p);
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

    static ExponentialDecay fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("ExponentialDecay", config);
        return new ExponentialDecay(r.number("initial_learning_rate"), (long) r.number("decay_steps"),
                r.number("decay_rate"), r.bool("staircase", false));
    }
}
