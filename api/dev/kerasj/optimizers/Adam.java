package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * Adam, Keras's rule: {@code m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 * w −= lr·sqrt(1−β2^t)/(1−β1^t) · m / (sqrt(v) + ε)}.
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7, false);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super("adam", learningRate);
        this.beta1 = Checks.inRange("beta_1", beta1, 0.0, 1.0, false);
        this.beta2 = Checks.inRange("beta_2", beta2, 0.0, 1.0, false);
        this.epsilon = Checks.positive("epsilon", epsilon);
        this.amsgrad = amsgrad;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        c.put("amsgrad", amsgrad);
        return c;
    }

    static Adam fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Adam", config);
        return new Adam(r.number("learning_rate", 0.001), r.number("beta_1", 0.9), r.number("beta_2", 0.999),
                r.number("epsilon", 1e-7), r.bool("amsgrad", false));
    }
}
