package dev.kerasj.layers;

import dev.kerasj.initializers.Initializers;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.regularizers.Regularizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A densely-connected layer: {@code output = activation(input · kernel + bias)}.
 *
 * <p>Input {@code (batch, in)}, output {@code (batch, units)}; kernel {@code (in, units)}, bias
 * {@code (units,)}; parameters {@code in·units + units}. Defaults, as Keras: activation {@code "linear"},
 * use_bias true, kernel_initializer {@code "glorot_uniform"}, bias_initializer {@code "zeros"}, no
 * regularizers.
 *
 * <pre>{@code
 * new Dense(512, "relu")
 * new Dense(10).activation("softmax").kernelInitializer("he_normal")
 * }</pre>
 */
public final class Dense extends KernelLayer<Dense> {
    private final int units;

    /** A Dense layer of {@code units} outputs and linear activation. */
    public Dense(int units) {
        super("linear");
        this.units = Checks.positive("units", units);
    }

    /** A Dense layer of {@code units} outputs and the named activation. */
    public Dense(int units, String activation) {
        this(units);
        activation(activation);
    }

    public int units() {
        return units;
    }

















    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw incompatible(inputShape, "min_ndim=2 with features on a flat last axis, i.e. (None, features)",
                    "Add a Flatten() layer before this Dense layer.");
        }
        return new long[] {units};
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new long[] {inputShape[inputShape.length - 1], units}, kernelInitializer(),
                kernelRegularizer(), true));
        if (useBias()) {
            w.add(new WeightSpec("bias", new long[] {units}, biasInitializer(), biasRegularizer(), true));
        }
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("activation", activation());
        c.put("use_bias", useBias());
        c.put("kernel_initializer", kernelInitializer().serialize());
        c.put("bias_initializer", biasInitializer().serialize());
        c.put("kernel_regularizer", kernelRegularizer() == null ? null : kernelRegularizer().serialize());
        c.put("bias_regularizer", biasRegularizer() == null ? null : biasRegularizer().serialize());
        return c;
    }

    /** Rebuilds a Dense layer from its Keras config. */
    public static Dense fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Dense", config);
        Dense d = new Dense(r.integer("units"));
        d.activation(r.string("activation", "linear"));
        d.useBias(r.bool("use_bias", true));
        if (r.has("kernel_initializer")) {
            d.kernelInitializer(Initializers.deserialize(r.raw("kernel_initializer")));
        }
        if (r.has("bias_initializer")) {
            d.biasInitializer(Initializers.deserialize(r.raw("bias_initializer")));
        }
        d.kernelRegularizer(Regularizers.deserialize(r.raw("kernel_regularizer")));
        d.biasRegularizer(Regularizers.deserialize(r.raw("bias_regularizer")));
        d.applyCommonConfig(r);
        return d;
    }
}
