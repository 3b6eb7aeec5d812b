package dev.kerasj.optimizers;

import dev.kerasj.internal.FloatSpans;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Serialized;
import dev.kerasj.optimizers.schedules.LearningRateSchedule;
import dev.kerasj.optimizers.schedules.Schedules;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras optimizer: its update rule and hyperparameters, with Keras's names and defaults.
 *
 * <p>Each optimizer writes Keras's {@code update_step} once, in ND4J operations
 * ({@link #updateStep}); the trainer runs exactly that rule inside DL4J (see
 * {@code internal.dl4j.KerasUpdater}), so the numbers are Keras's, not DL4J's.
 *
 * <p>Options shared by all optimizers, each a copy-returning setter:
 * <ul>
 *   <li>{@code learning_rate}: a number or a {@link LearningRateSchedule} evaluated at the number of
 *       updates already applied;</li>
 *   <li>{@code clipnorm}: each weight's gradient is rescaled so its L2 norm is at most this (per
 *       variable, as Keras). Default none;</li>
 *   <li>{@code clipvalue}: each gradient element is clipped to [−clipvalue, clipvalue]. Default none.</li>
 * </ul>
 * Keras allows at most one of {@code clipnorm} and {@code clipvalue}.
 *
 * <pre>{@code
 * model.compile(new Adam(1e-3).clipnorm(1.0), new SparseCategoricalCrossentropy(), new Accuracy());
 * }</pre>
 */
public abstract class Optimizer implements Cloneable {
    private final String name;
    private double learningRate;
    private LearningRateSchedule schedule;
    private Double clipnorm;
    private Double clipvalue;

    protected Optimizer(String name, double learningRate) {
        this.name = name;
        this.learningRate = Checks.positiveFloat("learning_rate", learningRate);
    }

    /** Replaces the constant learning rate by {@code schedule}; for subclass constructors. */
    protected final void initSchedule(LearningRateSchedule schedule) {
        this.schedule = Checks.notNull("learning_rate", schedule);
        this.learningRate = schedule.value(0);
    }

    /** The optimizer's Keras name, e.g. {@code "adam"}. */
    public final String name() {
        return name;
    }

    /** The initial learning rate (a schedule's value at step 0). */
    public final double learningRate() {
        return learningRate;
    }

    /** The learning rate for the update that follows {@code step} earlier updates. */
    public final double learningRate(long step) {
        return schedule == null ? learningRate : schedule.value(step);
    }

    /** The schedule, or {@code null} for a constant learning rate. */
    public final LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /** The per-variable gradient norm limit, or {@code null}. */
    public final Double clipnorm() {
        return clipnorm;
    }

    /** The element-wise gradient limit, or {@code null}. */
    public final Double clipvalue() {
        return clipvalue;
    }

    /** A copy whose gradients are rescaled per variable to an L2 norm of at most {@code clipnorm}. */
    public Optimizer clipnorm(double clipnorm) {
        Optimizer c = copy();
        c.clipnorm = Checks.positive("clipnorm", clipnorm);
        c.checkClipping();
        return c;
    }

    /** A copy whose gradients are clipped element-wise to [−clipvalue, clipvalue]. */
    public Optimizer clipvalue(double clipvalue) {
        Optimizer c = copy();
        c.clipvalue = Checks.positive("clipvalue", clipvalue);
        c.checkClipping();
        return c;
    }

    /** A copy using {@code schedule} as its learning rate. */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        Optimizer c = copy();
        c.initSchedule(schedule);
        return c;
    }

    private void checkClipping() {
        if (clipnorm != null && clipvalue != null) {
            throw new IllegalArgumentException("Invalid `clipvalue`: only one of `clipnorm` and `clipvalue` can be set. "
                    + "Received: clipnorm=" + clipnorm + ", clipvalue=" + clipvalue);
        }
    }

    private Optimizer copy() {
        try {
            return (Optimizer) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- the update rule

    /** How many arrays of per-weight state the rule keeps (Keras's optimizer variables per weight). */
    public abstract int stateCount();

    /** The value each element of state array {@code slot} starts at (0 unless the rule says otherwise). */
    public double initialState(int slot) {
        return 0.0;
    }

    /**
     * Keras's {@code update_step}: turns {@code gradient} (in place) into the amount to subtract from the
     * weight, updating {@code state} (arrays of the gradient's shape). {@code iteration} is the number of
     * updates already applied (Keras's {@code optimizer.iterations}).
     */
    public abstract void updateStep(INDArray gradient, INDArray[] state, double learningRate, long iteration);

    /**
     * One weight's whole update, prepared once for the arrays it runs on and then applied at every step:
     * {@code weight −= updateStep(gradient / batchSize)} (the trainer's gradient is the batch's sum; Keras
     * applies the mean). The default runs {@link #updateStep} between an ND4J division and subtraction, the
     * trainer's own three passes; a rule may fuse them into one pass over the arrays, with the same numbers.
     * {@code gradient}'s values are unspecified after an update.
     *
     * <pre>{@code
     * Optimizer.WeightUpdate u = adam.prepare(w, g, state);
     * u.apply(32, adam.learningRate(step), step);       // w −= Adam's step for the mean gradient g / 32
     * }</pre>
     */
    public WeightUpdate prepare(INDArray weight, INDArray gradient, INDArray[] state) {
        INDArray[] rest = java.util.Arrays.copyOf(state, state.length + 1);
        rest[state.length] = weight;
        FloatSpans f = hasFloatRule() ? FloatSpans.of(gradient, rest) : null;
        int weightIndex = rest.length;
        if (f != null) {
            return (batchSize, learningRate, iteration) -> {
                FloatSpans.Kernel rule = floatRule(learningRate);
                float b = batchSize;
                f.applyToStep((values, n) -> {
                    float[] g = values[0];
                    for (int i = 0; i < n; i++) {
                        g[i] = g[i] / b;
                    }
                    rule.run(values, n);
                    float[] w = values[weightIndex];   // (values may hold more arrays than these spans)
                    for (int i = 0; i < n; i++) {
                        w[i] = w[i] - g[i];
                    }
                }, iteration);
            };
        }
        return (batchSize, learningRate, iteration) -> {
            gradient.divi(batchSize);
            updateStep(gradient, state, learningRate, iteration);
            weight.subi(gradient);
        };
    }

    /** Whether this rule has a {@link #floatRule}. */
    boolean hasFloatRule() {
        return false;
    }

    /**
     * The rule as one pass over {@code n} float values of {@code [g, state…]} (arrays after those are left alone):
     * {@code g} becomes the step in place, with the float operations of {@link #updateStep}. {@link #prepare} runs it
     * between the division by the batch size and the subtraction from the weight, all three in one pass over the
     * arrays: the same numbers as the three ND4J passes, and no ND4J op on a training step's path (whose first use
     * loads and compiles its classes in the first epoch).
     */
    FloatSpans.Kernel floatRule(double learningRate) {
        throw new UnsupportedOperationException(className() + " has no float rule");
    }

    /** A weight's update prepared by {@link #prepare}: applies one step for a batch of {@code batchSize} examples. */
    @FunctionalInterface
    public interface WeightUpdate {
        void apply(int batchSize, double learningRate, long iteration);
    }

    // ---------------------------------------------------------------- config

    public String className() {
        return getClass().getSimpleName();
    }

    /** Keras-style config: {@code name}, {@code learning_rate}, clipping and the rule's hyperparameters. */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("learning_rate", schedule == null ? (Object) learningRate : schedule.serialize());
        c.put("clipnorm", clipnorm);
        c.put("clipvalue", clipvalue);
        return c;
    }

    public final Map<String, Object> serialize() {
        return Serialized.of(className(), getConfig());
    }

    /** The constant learning rate in a config, or {@code dflt} when absent or a schedule. */
    static double learningRateOf(ConfigReader r, double dflt) {
        return r.raw("learning_rate") instanceof Map ? dflt : r.number("learning_rate", dflt);
    }

    /** Applies the options every optimizer shares (schedule, clipping) from a config to {@code o}. */
    static <T extends Optimizer> T withCommon(T opt, ConfigReader r) {
        Optimizer o = opt;
        if (r.raw("learning_rate") instanceof Map) {
            o.initSchedule(Schedules.deserialize(r.raw("learning_rate")));
        }
        if (r.has("clipnorm")) {
            o.clipnorm = Checks.positive("clipnorm", r.number("clipnorm"));
        }
        if (r.has("clipvalue")) {
            o.clipvalue = Checks.positive("clipvalue", r.number("clipvalue"));
        }
        o.checkClipping();
        return opt;
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
