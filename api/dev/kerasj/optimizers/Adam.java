package dev.kerasj.optimizers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.FloatSpans;
import dev.kerasj.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Adam, Keras's rule, with t = iterations + 1: {@code m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;}
 * (amsgrad: {@code v̂ = max(v̂, v)} used in place of v) {@code w −= lr·sqrt(1−β2^t)/(1−β1^t) · m / (sqrt(v) + ε)}.
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class Adam extends AdamFamily {
    private final boolean amsgrad;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7, false);
    }

    public Adam(LearningRateSchedule learningRate) {
        this();
        initSchedule(learningRate);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super("adam", learningRate, beta1, beta2, epsilon);
        this.amsgrad = amsgrad;
    }

    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    public int stateCount() {
        return amsgrad ? 3 : 2; // m, v (, v̂)
    }

    @Override
    public void updateStep(INDArray g, INDArray[] s, double lr, long iteration) {
        FloatSpans f = FloatSpans.of(g, s);
        if (f != null) {
            float a = alpha(lr, iteration);
            f.applyToState((values, n) -> fused(values, n, a, 1f, false), iteration);
            return;
        }
        INDArray m = s[0];
        INDArray v = s[1];
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        if (amsgrad) {
            Transforms.max(s[2], v, false);
            v = s[2];
        }
        g.assign(m.mul(alpha(lr, iteration)).divi(Transforms.sqrt(v, true).addi(epsilon)));
    }

    /** {@code updateStep}, the division by the batch size and the subtraction from the weight in one pass. */
    @Override
    public WeightUpdate prepare(INDArray weight, INDArray gradient, INDArray[] state) {
        INDArray[] rest = java.util.Arrays.copyOf(state, state.length + 1);
        rest[state.length] = weight;
        FloatSpans f = FloatSpans.of(gradient, rest);
        if (f == null) {
            return super.prepare(weight, gradient, state);
        }
        return (batchSize, lr, iteration) -> {
            float a = alpha(lr, iteration);
            float b = batchSize;
            f.applyToStep((values, n) -> fused(values, n, a, b, true), iteration);
        };
    }

    /** Keras's step size at update {@code iteration} (t = iteration + 1): {@code lr·sqrt(1−β2^t)/(1−β1^t)}. */
    private float alpha(double lr, long iteration) {
        long t = iteration + 1;
        return (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    }

    /**
     * The rule in one pass over {@code n} float values of [g, m, v (, v̂) (, w)], the gradient divided by
     * {@code batch} first (an exact no-op for 1); the step goes into w ({@code toWeight}) or replaces g.
     */
    private void fused(float[][] values, int n, float alpha, float batch, boolean toWeight) {
        float[] g = values[0];
        float[] m = values[1];
        float[] v = values[2];
        float[] vHat = amsgrad ? values[3] : null;
        float[] out = toWeight ? values[amsgrad ? 4 : 3] : g;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        for (int i = 0; i < n; i++) {
            float gi = g[i] / batch;
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
        }
        if (vHat != null) {
            for (int i = 0; i < n; i++) {
                vHat[i] = Math.max(vHat[i], v[i]);
            }
            v = vHat;
        }
        if (toWeight) {
            for (int i = 0; i < n; i++) {
                out[i] = out[i] - alpha * m[i] / ((float) Math.sqrt(v[i]) + eps);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = alpha * m[i] / ((float) Math.sqrt(v[i]) + eps);
            }
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("amsgrad", amsgrad);
        return c;
    }

    static Adam fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Adam", config);
        return withCommon(new Adam(learningRateOf(r, 0.001), r.number("beta_1", 0.9), r.number("beta_2", 0.999),
                r.number("epsilon", 1e-7), r.bool("amsgrad", false)), r);
    }
}
