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
 * Layer normalization over the last axis, as Keras's {@code LayerNormalization}: for each sample and
 * position, {@code out = gamma · (x − mean) / sqrt(var + epsilon) + beta} with the mean and (biased)
 * variance of that position's features. Same statistics at training and inference.
 *
 * <p>Input {@code (batch, …, C)}, output the same. Weights gamma, beta {@code (C,)}; parameters
 * {@code 2·C} (fewer without center/scale). Defaults, as Keras: axis −1, epsilon 0.001, center true,
 * scale true, beta "zeros", gamma "ones".
 *
 * <pre>{@code
 * new Sequential(new Input(10, 16), new LayerNormalization(), new LSTM(8))
 * }</pre>
 */
public final class LayerNormalization extends BaseLayer<LayerNormalization> {
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = new Zeros();
    private Initializer gammaInitializer = new Ones();

    public LayerNormalization() {
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean center() {
        return center;
    }

    public boolean scale() {
        return scale;
    }

    /** Added to the variance before the square root (default 0.001). */
    public LayerNormalization epsilon(double epsilon) {
        checkConfigurable("epsilon");
        this.epsilon = Checks.positive("epsilon", epsilon);
        return this;
    }

    /** Whether to add the learned offset beta (default true). */
    public LayerNormalization center(boolean center) {
        checkConfigurable("center");
        this.center = center;
        return this;
    }

    /** Whether to multiply by the learned scale gamma (default true). */
    public LayerNormalization scale(boolean scale) {
        checkConfigurable("scale");
        this.scale = scale;
        return this;
    }

    public LayerNormalization betaInitializer(String name) {
        return betaInitializer(Initializers.get(name));
    }

    /** How beta starts (default "zeros"). */
    public LayerNormalization betaInitializer(Initializer init) {
        checkConfigurable("beta_initializer");
        this.betaInitializer = Checks.notNull("beta_initializer", init);
        return this;
    }

    public LayerNormalization gammaInitializer(String name) {
        return gammaInitializer(Initializers.get(name));
    }

    /** How gamma starts (default "ones"). */
    public LayerNormalization gammaInitializer(Initializer init) {
        checkConfigurable("gamma_initializer");
        this.gammaInitializer = Checks.notNull("gamma_initializer", init);
        return this;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length > 3) {
            throw incompatible(inputShape, "(None, features), (None, steps, features) or (None, height, width, channels)",
                    null);
        }
        return inputShape;
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        long[] c = {inputShape[inputShape.length - 1]};
        List<WeightSpec> w = new ArrayList<>();
        if (scale) {
            w.add(new WeightSpec("gamma", c, gammaInitializer, null, true));
        }
        if (center) {
            w.add(new WeightSpec("beta", c, betaInitializer, null, true));
        }
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", -1);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", betaInitializer.serialize());
        c.put("gamma_initializer", gammaInitializer.serialize());
        c.put("beta_regularizer", null);
        c.put("gamma_regularizer", null);
        return c;
    }

    /** Rebuilds a LayerNormalization layer from its Keras config. */
    public static LayerNormalization fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("LayerNormalization", config);
        Object axis = r.raw("axis");
        if (axis != null && !(axis instanceof Number n && n.intValue() == -1)) {
            throw new IllegalArgumentException("Invalid LayerNormalization config: only axis=-1 is supported. Received: "
                    + "axis=" + axis);
        }
        LayerNormalization l = new LayerNormalization().epsilon(r.number("epsilon", 1e-3))
                .center(r.bool("center", true)).scale(r.bool("scale", true));
        if (r.has("beta_initializer")) {
            l.betaInitializer(Initializers.deserialize(r.raw("beta_initializer")));
        }
        if (r.has("gamma_initializer")) {
            l.gammaInitializer(Initializers.deserialize(r.raw("gamma_initializer")));
        }
        l.applyCommonConfig(r);
        return l;
    }
}
