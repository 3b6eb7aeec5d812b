package dev.kerasj.regularizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.Serialized;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A weight penalty added to the loss, Keras's scale: {@code l1 · Σ|w| + l2 · Σw²}.
 *
 * <p>Keras's {@code l2(λ)} adds λΣw² (not ½λΣw², as DL4J's L2 does; the translator passes 2λ).
 *
 * <pre>{@code
 * new Dense(64).kernelRegularizer(new L2(1e-4))
 * }</pre>
 */
public abstract class Regularizer {
    private final double l1;
    private final double l2;

    protected Regularizer(double l1, double l2) {
        this.l1 = Checks.nonNegative("l1", l1);
        this.l2 = Checks.nonNegative("l2", l2);
    }

    /** The L1 factor (Keras scale). */
    public final double l1() {
        return l1;
    }

    /** The L2 factor (Keras scale: penalty λΣw²). */
    public final double l2() {
        return l2;
    }

    /** The penalty for one weight: {@code l1 · Σ|w| + l2 · Σw²}. */
    public final double penalty(INDArray weight) {
        double p = 0;
        if (l1 != 0) {
            p += l1 * Transforms.abs(weight, true).sumNumber().doubleValue();
        }
        if (l2 != 0) {
            p += l2 * weight.mul(weight).sumNumber().doubleValue();
        }
        return p;
    }

    public String className() {
        return getClass().getSimpleName();
    }

    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (l1 != 0 || this instanceof L1L2 || this instanceof L1) {
            c.put("l1", l1);
        }
        if (l2 != 0 || this instanceof L1L2 || this instanceof L2) {
            c.put("l2", l2);
        }
        return c;
    }

    public final Map<String, Object> serialize() {
        return Serialized.of(className(), getConfig());
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
