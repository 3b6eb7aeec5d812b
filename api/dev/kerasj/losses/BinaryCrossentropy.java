package dev.kerasj.losses;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Binary cross-entropy, as Keras. Labels are first smoothed: {@code y = y·(1 − s) + ½·s}. On
 * probabilities: {@code p = clip(y_pred, ε, 1 − ε); loss = mean(−(y·log p + (1 − y)·log(1 − p)), axis=−1)}
 * (ε = 1e-7); with {@code from_logits} (x = y_pred): {@code mean(max(x, 0) − x·y + log(1 + e^−|x|), axis=−1)}.
 * Defaults: from_logits false, label_smoothing 0.0. Keras's {@code "binary_crossentropy"} ({@code "bce"}).
 *
 * <pre>{@code
 * model.compile("adam", new BinaryCrossentropy(true), "accuracy")   // last Dense without sigmoid
 * }</pre>
 */
public final class BinaryCrossentropy extends ElementwiseLoss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    public BinaryCrossentropy() {
        this(false, 0.0);
    }

    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        super("binary_crossentropy");
        this.fromLogits = fromLogits;
        this.labelSmoothing = Checks.inRange("label_smoothing", labelSmoothing, 0.0, 1.0, true);
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    protected INDArray prepareLabels(INDArray yTrue, INDArray yPred) {
        INDArray y = labels(yTrue, yPred);
        return labelSmoothing == 0.0 ? y : y.mul(1.0 - labelSmoothing).addi(0.5 * labelSmoothing);
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray x) {
        if (fromLogits) {
            INDArray softplus = Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1.0), false);
            return Transforms.relu(x, true).subi(x.mul(y)).addi(softplus);
        }
        INDArray p = clip(x, EPSILON, 1.0 - EPSILON);
        INDArray a = Transforms.log(p, true).muli(y);
        INDArray b = Transforms.log(p.rsub(1.0), false).muli(y.rsub(1.0));
        return a.addi(b).negi();
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray x) {
        if (fromLogits) {
            return Transforms.sigmoid(x, true).subi(y);
        }
        INDArray p = clip(x, EPSILON, 1.0 - EPSILON);
        // d/dp of −(y log p + (1−y) log(1−p)) = (p − y) / (p (1 − p)); zero where the clip is active
        return p.sub(y).divi(p.mul(p.rsub(1.0))).muli(within(x, EPSILON, 1.0 - EPSILON));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        return c;
    }

    static BinaryCrossentropy fromConfig(Map<String, Object> c) {
        ConfigReader r = new ConfigReader("BinaryCrossentropy", c);
        return new BinaryCrossentropy(r.bool("from_logits", false), r.number("label_smoothing", 0.0));
    }
}
