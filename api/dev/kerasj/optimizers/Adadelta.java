package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Adadelta, Keras's rule (with a learning rate, unlike DL4J's): {@code Eg = rho·Eg + (1 − rho)·g²;
 * Δ = −sqrt(EΔ + ε)·g / sqrt(Eg + ε); EΔ = rho·EΔ + (1 − rho)·Δ²; w += lr·Δ}.
 * Defaults: learning_rate 0.001, rho 0.95, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adadelta(1.0), "mse");
 * }</pre>
 */
public final class Adadelta extends Optimizer {
    private final double rho;
    private final double epsilon;

    public Adadelta() {
        this(0.001);
    }

    public Adadelta(double learningRate) {
        this(learningRate, 0.95, 1e-7);
    }

    public Adadelta(LearningRateSchedule learningRate) {
        this();
        initSchedule(learningRate);
    }

    public Adadelta(double learningRate, double rho, double epsilon) {
        super("adadelta", learningRate);
        this.rho = Checks.inRange("rho", rho, 0.0, 1.0, false);
        this.epsilon = Checks.positive("epsilon", epsilon);
    }

    public double rho() {
        return rho;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public int stateCount() {
        return 2; // accumulated gradient, accumulated delta
    }

    @Override
    public void updateStep(INDArray g, INDArray[] s, double lr, long iteration) {
        INDArray accGrad = s[0];
        INDArray accDelta = s[1];
        accGrad.muli(rho).addi(g.mul(g).muli(1.0 - rho));
        INDArray step = g.mul(Transforms.sqrt(accDelta.add(epsilon), false))
                .divi(Transforms.sqrt(accGrad.add(epsilon), false));   // −Δ
        accDelta.muli(rho).addi(step.mul(step).muli(1.0 - rho));
        g.assign(step.muli(lr));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rho", rho);
        c.put("epsilon", epsilon);
        return c;
    }

    static Adadelta fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Adadelta", config);
        return withCommon(new Adadelta(learningRateOf(r, 0.001), r.number("rho", 0.95), r.number("epsilon", 1e-7)), r);
    }
}
