package dev.kerasj.losses;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Huber loss, as Keras: with {@code e = y_pred − y_true}, {@code q = min(|e|, delta)},
 * {@code loss = mean(½·q² + delta·(|e| − q), axis=−1)}. Default delta 1.0; Keras's {@code "huber"}.
 *
 * <pre>{@code
 * model.compile("adam", new Huber(2.0))
 * }</pre>
 */
public final class Huber extends ElementwiseLoss {
    private final double delta;

    public Huber() {
        this(1.0);
    }

    public Huber(double delta) {
        super("huber_loss");
        this.delta = Checks.positive("delta", delta);
    }

    public double delta() {
        return delta;
    }

    @Override
    protected INDArray elementwise(INDArray y, INDArray p) {
        INDArray abs = Transforms.abs(p.sub(y), false);
        INDArray q = Transforms.min(abs, delta, true);
        return abs.subi(q).muli(delta).addi(q.mul(q).muli(0.5));
    }

    @Override
    protected INDArray elementwiseGradient(INDArray y, INDArray p) {
        return clip(p.sub(y), -delta, delta);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("delta", delta);
        return c;
    }

    static Huber fromConfig(Map<String, Object> c) {
        return new Huber(new ConfigReader("Huber", c).number("delta", 1.0));
    }
}
