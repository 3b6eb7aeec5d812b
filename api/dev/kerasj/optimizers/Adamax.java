package dev.kerasj.optimizers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Adamax (Adam with the infinity norm), Keras's rule, t = iterations + 1:
 * {@code m = β1·m + (1−β1)·g; u = max(β2·u, |g|); w −= lr·m / ((1 − β1^t)·(u + ε))}.
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adamax(2e-3), "mse");
 * }</pre>
 */
public final class Adamax extends AdamFamily {

    public Adamax() {
        this(0.001);
    }

    public Adamax(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adamax(LearningRateSchedule learningRate) {
        this();
        initSchedule(learningRate);
    }

    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super("adamax", learningRate, beta1, beta2, epsilon);
    }

    @Override
    public int stateCount() {
        return 2; // m, u
    }

    @Override
    public void updateStep(INDArray g, INDArray[] s, double lr, long iteration) {
        long t = iteration + 1;
        INDArray m = s[0];
        INDArray u = s[1];
        m.muli(beta1).addi(g.mul(1 - beta1));
        Transforms.max(u.muli(beta2), Transforms.abs(g, true), false);
        g.assign(m.mul(lr / (1 - Math.pow(beta1, t))).divi(u.add(epsilon)));
    }


    static Adamax fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Adamax", config);
        return withCommon(new Adamax(learningRateOf(r, 0.001), r.number("beta_1", 0.9), r.number("beta_2", 0.999),
                r.number("epsilon", 1e-7)), r);
    }
}
