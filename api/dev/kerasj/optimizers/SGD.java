package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * Stochastic gradient descent, Keras's rule: {@code v = momentum·v − lr·g; w += v} (Nesterov:
 * {@code w += momentum·v − lr·g}); without momentum {@code w −= lr·g}.
 * Defaults: learning_rate 0.01, momentum 0.0, nesterov false.
 *
 * <pre>{@code
 * new SGD(0.1).momentum(0.9).nesterov(true)
 * }</pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        super("SGD", learningRate);
        this.momentum = Checks.inRange("momentum", momentum, 0.0, 1.0, true);
        this.nesterov = nesterov;
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public SGD momentum(double m) {
        return new SGD(learningRate(), m, nesterov);
    }

    public SGD nesterov(boolean n) {
        return new SGD(learningRate(), momentum, n);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
        return c;
    }

    static SGD fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("SGD", config);
        return new SGD(r.number("learning_rate", 0.01), r.number("momentum", 0.0), r.bool("nesterov", false));
    }
}
