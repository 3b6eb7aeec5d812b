package dev.kerasj.optimizers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Nadam (Adam with Nesterov momentum), Keras 3's rule, t = iterations + 1:
 * {@code u_t = β1·(1 − ½·0.96^t); U_t = Π_{i≤t} u_i; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 * m̂ = u_{t+1}·m / (1 − U_t·u_{t+1}) + (1 − u_t)·g / (1 − U_t); v̂ = v / (1 − β2^t);
 * w −= lr·m̂ / (sqrt(v̂) + ε)}.
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Nadam(), "mse");
 * }</pre>
 */
public final class Nadam extends AdamFamily {

    public Nadam() {
        this(0.001);
    }

    public Nadam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Nadam(LearningRateSchedule learningRate) {
        this();
        initSchedule(learningRate);
    }

    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super("nadam", learningRate, beta1, beta2, epsilon);
    }

    /** Keras's momentum-schedule factor {@code u_t = β1·(1 − ½·0.96^t)}. */
    double u(long t) {
        return beta1 * (1.0 - 0.5 * Math.pow(0.96, t));
    }

    /** {@code U_t = Π_{i=1..t} u_i}, Keras's {@code _u_product} after step t. */
    double uProduct(long t) {
        double p = 1.0;
        for (long i = 1; i <= t; i++) {
            p *= u(i);
        }
        return p;
    }

    @Override
    public int stateCount() {
        return 2; // m, v
    }

    @Override
    public void updateStep(INDArray g, INDArray[] s, double lr, long iteration) {
        long t = iteration + 1;
        double ut = u(t);
        double ut1 = u(t + 1);
        // u_t tends to β1·(1 − 0) quickly, so the product underflows to 0 after a few hundred steps; cap the loop.
        double uProductT = t > 2000 ? 0.0 : uProduct(t);
        double uProductT1 = uProductT * ut1;
        INDArray m = s[0];
        INDArray v = s[1];
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        INDArray mHat = m.mul(ut1 / (1 - uProductT1)).addi(g.mul((1 - ut) / (1 - uProductT)));
        INDArray vHat = v.div(1 - Math.pow(beta2, t));
        g.assign(mHat.muli(lr).divi(Transforms.sqrt(vHat, false).addi(epsilon)));
    }


    static Nadam fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Nadam", config);
        return withCommon(new Nadam(learningRateOf(r, 0.001), r.number("beta_1", 0.9), r.number("beta_2", 0.999),
                r.number("epsilon", 1e-7)), r);
    }
}
