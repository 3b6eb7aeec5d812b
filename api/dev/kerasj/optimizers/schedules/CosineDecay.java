package dev.kerasj.optimizers.schedules;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay with optional linear warm-up, as Keras 3. Without warm-up:
 * {@code s = min(step, decay_steps); lr = initial · ((1 − alpha) · ½(1 + cos(π s / decay_steps)) + alpha)}.
 * With {@code warmup_steps > 0} and a {@code warmup_target}: for {@code step < warmup_steps} the rate
 * rises linearly from {@code initial} to {@code warmup_target}, then decays from {@code warmup_target}
 * over {@code decay_steps} counted from the end of warm-up.
 * Defaults: alpha 0.0, warmup_target none, warmup_steps 0.
 *
 * <pre>{@code
 * new Adam(new CosineDecay(1e-3, 10_000))
 * }</pre>
 */
public final class CosineDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double alpha;
    private final Double warmupTarget;
    private final long warmupSteps;

    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0.0, null, 0);
    }

    public CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget, long warmupSteps) {
        this.initialLearningRate = Checks.nonNegative("initial_learning_rate", initialLearningRate);
        this.decaySteps = (long) Checks.positive("decay_steps", (double) decaySteps);
        this.alpha = Checks.inRange("alpha", alpha, 0.0, 1.0, true);
        this.warmupTarget = warmupTarget;
        this.warmupSteps = (long) Checks.nonNegative("warmup_steps", (double) warmupSteps);
    }

    @Override
    public double value(long step) {
        if (warmupTarget == null || warmupSteps == 0) {
            return decayed(initialLearningRate, step);
        }
        if (step < warmupSteps) {
            return initialLearningRate + (warmupTarget - initialLearningRate) * step / warmupSteps;
        }
        return decayed(warmupTarget, step - warmupSteps);
    }

    private double decayed(double from, long step) {
        double s = Math.min(step, decaySteps);
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * s / decaySteps));
        return from * ((1.0 - alpha) * cosine + alpha);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        c.put("warmup_target", warmupTarget);
        c.put("warmup_steps", warmupSteps);
        return c;
    }

    static CosineDecay fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("CosineDecay", config);
        return new CosineDecay(r.number("initial_learning_rate"), (long) r.number("decay_steps"), r.number("alpha", 0.0),
                r.has("warmup_target") ? r.number("warmup_target") : null, (long) r.number("warmup_steps", 0));
    }
}
