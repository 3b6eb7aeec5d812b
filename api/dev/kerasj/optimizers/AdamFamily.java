package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;

import java.util.Map;

/**
 * What {@link Adam}, {@link Adamax} and {@link Nadam} share: the decay rates of the first and second moment
 * estimates {@code beta_1}, {@code beta_2} (each in [0, 1)) and the stabiliser {@code epsilon} (> 0), checked and
 * written to the config under Keras's names.
 */
abstract class AdamFamily extends Optimizer {
    protected final double beta1;
    protected final double beta2;
    protected final double epsilon;

    AdamFamily(String name, double learningRate, double beta1, double beta2, double epsilon) {
        super(name, learningRate);
        this.beta1 = Checks.inRange("beta_1", beta1, 0.0, 1.0, false);
        this.beta2 = Checks.inRange("beta_2", beta2, 0.0, 1.0, false);
        this.epsilon = Checks.positive("epsilon", epsilon);
    }

    public final double beta1() {
        return beta1;
    }

    public final double beta2() {
        return beta2;
    }

    public final double epsilon() {
        return epsilon;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }
}
