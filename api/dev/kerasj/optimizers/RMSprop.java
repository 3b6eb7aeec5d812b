package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * RMSprop, Keras's rule: {@code v = rho·v + (1 − rho)·g²; w −= lr·g / sqrt(v + epsilon)}.
 * Defaults: learning_rate 0.001, rho 0.9, momentum 0.0, epsilon 1e-7, centered false.
 *
 * <pre>{@code
 * model.compile(new RMSprop(1e-3), "mse", "mae");
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;

    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 0.0, 1e-7, false);
    }

    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super("rmsprop", learningRate);
        this.rho = Checks.inRange("rho", rho, 0.0, 1.0, false);
        this.momentum = Checks.inRange("momentum", momentum, 0.0, 1.0, false);
        this.epsilon = Checks.positive("epsilon", epsilon);
        this.centered = centered;
    }

    public double rho() {
        return rho;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean centered() {
        return centered;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
        return c;
    }

    static RMSprop fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RMSprop", config);
        return new RMSprop(r.number("learning_rate", 0.001), r.number("rho", 0.9), r.number("momentum", 0.0),
                r.number("epsilon", 1e-7), r.bool("centered", false));
    }
}
