package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.FloatSpans;
import dev.kerasj.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * RMSprop, Keras's rule: {@code v = rho·v + (1 − rho)·g²} (v starts at 0);
 * centered: {@code a = rho·a + (1 − rho)·g; d = v − a² + ε}, else {@code d = v + ε};
 * {@code inc = lr·g / sqrt(d)}; with momentum {@code m = momentum·m + inc; w −= m}, else {@code w −= inc}.
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

    public RMSprop(LearningRateSchedule learningRate) {
        this();
        initSchedule(learningRate);
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
    public int stateCount() {
        return 3; // velocity, momentum, average gradient
    }

    @Override
    public void updateStep(INDArray g, INDArray[] s, double lr, long iteration) {
        FloatSpans f = FloatSpans.of(g, s);
        if (f != null) {
            f.applyToState(floatRule(lr), iteration);
            return;
        }
        INDArray v = s[0];
        v.muli(rho).addi(g.mul(g).muli(1.0 - rho));
        INDArray denominator;
        if (centered) {
            INDArray a = s[2];
            a.muli(rho).addi(g.mul(1.0 - rho));
            denominator = v.sub(a.mul(a)).addi(epsilon);
        } else {
            denominator = v.add(epsilon);
        }
        g.muli(lr).divi(Transforms.sqrt(denominator, false));
        if (momentum > 0) {
            s[1].muli(momentum).addi(g);
            g.assign(s[1]);
        }
    }

    @Override
    boolean hasFloatRule() {
        return true;
    }

    @Override
    FloatSpans.Kernel floatRule(double learningRate) {
        return (values, n) -> fused(values, n, learningRate);
    }

    /** The same rule in one pass over {@code n} float values of [g, v, m, a]. */
    private void fused(float[][] values, int n, double learningRate) {
        float[] g = values[0];
        float[] v = values[1];
        float[] m = values[2];
        float[] a = values[3];
        float r = (float) rho;
        float c = (float) (1 - rho);
        float lr = (float) learningRate;
        float eps = (float) epsilon;
        float mom = (float) momentum;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            v[i] = r * v[i] + c * gi * gi;
        }
        if (centered) {
            for (int i = 0; i < n; i++) {
                a[i] = r * a[i] + c * g[i];
                g[i] = lr * g[i] / (float) Math.sqrt(v[i] - a[i] * a[i] + eps);
            }
        } else {
            for (int i = 0; i < n; i++) {
                g[i] = lr * g[i] / (float) Math.sqrt(v[i] + eps);
            }
        }
        if (momentum > 0) {
            for (int i = 0; i < n; i++) {
                m[i] = mom * m[i] + g[i];
                g[i] = m[i];
            }
        }
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
        return withCommon(new RMSprop(learningRateOf(r, 0.001), r.number("rho", 0.9), r.number("momentum", 0.0),
                r.number("epsilon", 1e-7), r.bool("centered", false)), r);
    }
}
