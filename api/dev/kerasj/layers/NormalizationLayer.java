package dev.kerasj.layers;

import dev.kerasj.initializers.Initializer;
import dev.kerasj.initializers.Initializers;
import dev.kerasj.initializers.Ones;
import dev.kerasj.initializers.Zeros;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options Keras's normalization layers share ({@link BatchNormalization}, {@link LayerNormalization}):
 * {@code out = gamma · (x − mean) / sqrt(var + epsilon) + beta} over the last axis, with gamma and beta of
 * shape {@code (C,)}. Defaults, as Keras: epsilon 0.001, center true (beta), scale true (gamma),
 * beta "zeros", gamma "ones".
 *
 * <pre>{@code
 * new LayerNormalization().epsilon(1e-5).center(false)
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class NormalizationLayer<T extends NormalizationLayer<T>> extends BaseLayer<T> {
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = new Zeros();
    private Initializer gammaInitializer = new Ones();

    protected NormalizationLayer() {
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
    public T epsilon(double epsilon) {
        checkConfigurable("epsilon");
        this.epsilon = Checks.positive("epsilon", epsilon);
        return self();
    }

    /** Whether to add the learned offset beta (default true). */
    public T center(boolean center) {
        checkConfigurable("center");
        this.center = center;
        return self();
    }

    /** Whether to multiply by the learned scale gamma (default true). */
    public T scale(boolean scale) {
        checkConfigurable("scale");
        this.scale = scale;
        return self();
    }

    public T betaInitializer(String name) {
        return betaInitializer(Initializers.get(name));
    }

    /** How beta starts (default "zeros"). */
    public T betaInitializer(Initializer init) {
        checkConfigurable("beta_initializer");
        this.betaInitializer = Checks.notNull("beta_initializer", init);
        return self();
    }

    public T gammaInitializer(String name) {
        return gammaInitializer(Initializers.get(name));
    }

    /** How gamma starts (default "ones"). */
    public T gammaInitializer(Initializer init) {
        checkConfigurable("gamma_initializer");
        this.gammaInitializer = Checks.notNull("gamma_initializer", init);
        return self();
    }

    /** The trainable weights gamma (with scale) then beta (with center), each {@code (C,)}. */
    protected final List<WeightSpec> scaleAndOffset(long[] inputShape) {
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

    /** Puts epsilon, center, scale, beta_initializer and gamma_initializer, in Keras's order. */
    protected final void putOptions(Map<String, Object> config) {
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("beta_initializer", betaInitializer.serialize());
        config.put("gamma_initializer", gammaInitializer.serialize());
    }

    /** Reads the options {@link #putOptions} writes (absent keys keep the defaults); returns this layer. */
    protected final T readOptions(ConfigReader r) {
        epsilon(r.number("epsilon", 1e-3)).center(r.bool("center", true)).scale(r.bool("scale", true));
        if (r.has("beta_initializer")) {
            betaInitializer(Initializers.deserialize(r.raw("beta_initializer")));
        }
        if (r.has("gamma_initializer")) {
            gammaInitializer(Initializers.deserialize(r.raw("gamma_initializer")));
        }
        return self();
    }
}
