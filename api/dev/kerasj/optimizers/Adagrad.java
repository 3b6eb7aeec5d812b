package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Adagrad, Keras's rule: {@code acc += g²} (acc starts at initial_accumulator_value);
 * {@code w −= lr·g / sqrt(acc + ε)}.
 * Defaults: learning_rate 0.001, initial_accumulator_value 0.1, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adagrad(0.01), "mse");
 * }</pre>
 */
public final class Adagrad extends Optimizer {
    private final double initialAccumulatorValue;
    private final double epsilon;

    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        this(learningRate, 0.1, 1e-7);
    }

    public Adagrad(LearningRateSchedule learningRate) {
        this();
        initSchedule(learningRate);
    }

    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super("adagrad", learningRate);
        this.initialAccumulatorValue = Checks.nonNegative("initial_accumulator_value", initialAccumulatorValue);
        this.epsilon = Checks.positive("epsilon", epsilon);
    }

    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public int stateCount() {
        return 1;
    }

    @Override
    public double initialState(int slot) {
        return initialAccumulatorValue;
    }

    @Override
    public void updateStep(INDArray g, INDArray[] s, double lr, long iteration) {
        s[0].addi(g.mul(g));
        g.muli(lr).divi(Transforms.sqrt(s[0].add(epsilon), false));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
        return c;
    }

    static Adagrad fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Adagrad", config);
        return withCommon(new Adagrad(learningRateOf(r, 0.001), r.number("initial_accumulator_value", 0.1),
                r.number("epsilon", 1e-7)), r);
    }
}
