package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.FloatSpans;
import dev.kerasj.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Stochastic gradient descent, Keras's rule: without momentum {@code w −= lr·g}; with momentum
 * {@code m = momentum·m − lr·g; w += m}; Nesterov: {@code m = momentum·m − lr·g; w += momentum·m − lr·g}.
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

    public SGD(LearningRateSchedule learningRate) {
        this();
        initSchedule(learningRate);
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

    /** A copy with this momentum. */
    public SGD momentum(double m) {
        return copyWith(m, nesterov);
    }

    /** A copy with Nesterov momentum on or off. */
    public SGD nesterov(boolean n) {
        return copyWith(momentum, n);
    }

    private SGD copyWith(double m, boolean n) {
        Map<String, Object> c = getConfig();
        c.put("momentum", m);
        c.put("nesterov", n);
        return fromConfig(c);
    }

    @Override
    public int stateCount() {
        return momentum == 0.0 ? 0 : 1;
    }

    @Override
    public void updateStep(INDArray g, INDArray[] state, double lr, long iteration) {
        if (momentum == 0.0) {
            g.muli(lr);
            return;
        }
        FloatSpans f = FloatSpans.of(g, state);
        if (f != null) {
            f.applyToState(floatRule(lr), iteration);
            return;
        }
        INDArray m = state[0];
        m.muli(momentum).subi(g.mul(lr));          // m = momentum·m − lr·g
        if (nesterov) {
            g.muli(lr).subi(m.mul(momentum));      // w −= lr·g − momentum·m
        } else {
            g.assign(m).negi();                    // w −= −m
        }
    }

    @Override
    boolean hasFloatRule() {
        return true;
    }

    @Override
    FloatSpans.Kernel floatRule(double learningRate) {
        if (momentum == 0.0) {
            float lr = (float) learningRate;
            return (values, n) -> {   // g.muli(lr)
                float[] g = values[0];
                for (int i = 0; i < n; i++) {
                    g[i] = g[i] * lr;
                }
            };
        }
        return (values, n) -> fused(values, n, learningRate);
    }

    /** The momentum rule in one pass over {@code n} float values of [g, m]. */
    private void fused(float[][] values, int n, double learningRate) {
        float[] g = values[0];
        float[] m = values[1];
        float lr = (float) learningRate;
        float mom = (float) momentum;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = mom * m[i] - lr * gi;
            m[i] = mi;
            g[i] = nesterov ? lr * gi - mom * mi : -mi;
        }
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
        return withCommon(new SGD(learningRateOf(r, 0.01), r.number("momentum", 0.0), r.bool("nesterov", false)), r);
    }
}
