package dev.kerasj.layers;

import dev.kerasj.initializers.Initializer;
import dev.kerasj.initializers.Initializers;
import dev.kerasj.initializers.Ones;
import dev.kerasj.initializers.Zeros;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalization over the last (channels) axis, as Keras's {@code BatchNormalization}:
 * {@code out = gamma · (x − mean) / sqrt(var + epsilon) + beta}, with the batch's mean and (biased)
 * variance while training, and the moving statistics at inference. After each training batch,
 * {@code moving = momentum · moving + (1 − momentum) · batch statistic}.
 *
 * <p>Input any shape {@code (batch, …, C)}, output the same. Weights, each {@code (C,)}: gamma, beta
 * (trainable), moving_mean, moving_variance (non-trainable, updated by the rule above); parameters
 * {@code 4·C}, of which {@code 2·C} are non-trainable. Defaults, as Keras: axis −1, momentum 0.99,
 * epsilon 0.001, center true, scale true, beta "zeros", gamma "ones", moving_mean "zeros",
 * moving_variance "ones". {@code center} and {@code scale} must both be true or both false.
 *
 * <p>Frozen ({@code trainable(false)}), it runs in inference mode even inside {@code fit}, as in Keras:
 * {@code out = gamma · (x − moving_mean) / sqrt(moving_variance + epsilon) + beta}, none of its four
 * arrays updated (all {@code 4·C} count as non-trainable), and the gradient
 * {@code dL/dout · gamma / sqrt(moving_variance + epsilon)} passed to the layers below.
 *
 * <pre>{@code
 * new Sequential(new Input(28, 28, 1), new Conv2D(32, 3), new BatchNormalization(), new Activation("relu"))
 * }</pre>
 */
public final class BatchNormalization extends NormalizationLayer<BatchNormalization> {
    private double momentum = 0.99;
    private Initializer movingMeanInitializer = new Zeros();
    private Initializer movingVarianceInitializer = new Ones();

    public BatchNormalization() {
    }

    public double momentum() {
        return momentum;
    }

    /** The moving statistics' momentum, in [0, 1) (default 0.99). */
    public BatchNormalization momentum(double momentum) {
        checkConfigurable("momentum");
        this.momentum = Checks.inRange("momentum", momentum, 0.0, 1.0, false);
        return this;
    }

    public BatchNormalization movingMeanInitializer(String name) {
        return movingMeanInitializer(Initializers.get(name));
    }

    /** How the moving mean starts (default "zeros"). */
    public BatchNormalization movingMeanInitializer(Initializer init) {
        checkConfigurable("moving_mean_initializer");
        this.movingMeanInitializer = Checks.notNull("moving_mean_initializer", init);
        return this;
    }

    public BatchNormalization movingVarianceInitializer(String name) {
        return movingVarianceInitializer(Initializers.get(name));
    }

    /** How the moving variance starts (default "ones"). */
    public BatchNormalization movingVarianceInitializer(Initializer init) {
        checkConfigurable("moving_variance_initializer");
        this.movingVarianceInitializer = Checks.notNull("moving_variance_initializer", init);
        return this;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (center() != scale()) {
            throw new IllegalArgumentException("Layer '" + name() + "' (BatchNormalization): `center` and `scale` must "
                    + "both be true or both be false on the DL4J backend. Received: center=" + center() + ", scale=" + scale());
        }
        if (inputShape.length > 3) {
            throw incompatible(inputShape, "(None, features), (None, steps, features) or (None, height, width, channels)",
                    null);
        }
        return inputShape;
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        long[] c = {inputShape[inputShape.length - 1]};
        List<WeightSpec> w = new ArrayList<>(scaleAndOffset(inputShape));
        w.add(new WeightSpec("moving_mean", c, movingMeanInitializer, null, false));
        w.add(new WeightSpec("moving_variance", c, movingVarianceInitializer, null, false));
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", -1);
        c.put("momentum", momentum);
        putOptions(c);
        c.put("moving_mean_initializer", movingMeanInitializer.serialize());
        c.put("moving_variance_initializer", movingVarianceInitializer.serialize());
        c.put("beta_regularizer", null);
        c.put("gamma_regularizer", null);
        return c;
    }

    /** Rebuilds a BatchNormalization layer from its Keras config. */
    public static BatchNormalization fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("BatchNormalization", config);
        if (r.has("axis") && r.integer("axis", -1) != -1) {
            throw new IllegalArgumentException("Invalid BatchNormalization config: only axis=-1 (channels last) is "
                    + "supported. Received: axis=" + r.raw("axis"));
        }
        for (String k : new String[] {"beta_regularizer", "gamma_regularizer"}) {
            if (r.raw(k) != null) {
                throw new IllegalArgumentException("Invalid BatchNormalization config: `" + k + "` is not supported. "
                        + "Received: " + k + "=" + r.raw(k));
            }
        }
        BatchNormalization b = new BatchNormalization().momentum(r.number("momentum", 0.99)).readOptions(r);
        if (r.has("moving_mean_initializer")) {
            b.movingMeanInitializer(Initializers.deserialize(r.raw("moving_mean_initializer")));
        }
        if (r.has("moving_variance_initializer")) {
            b.movingVarianceInitializer(Initializers.deserialize(r.raw("moving_variance_initializer")));
        }
        b.applyCommonConfig(r);
        return b;
    }
}
