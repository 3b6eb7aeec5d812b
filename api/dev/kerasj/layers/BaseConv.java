package dev.kerasj.layers;

import dev.kerasj.initializers.Initializers;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.ConvArgs;
import dev.kerasj.regularizers.Regularizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options shared by {@link Conv1D} and {@link Conv2D}, Keras's {@code BaseConv}: a channels-last
 * cross-correlation of the input with {@code filters} kernels, plus a bias, then the activation.
 *
 * <p>Input {@code (batch, …spatial, channels_in)}, output {@code (batch, …spatial_out, filters)}; kernel
 * {@code (…kernel_size, channels_in, filters)}, bias {@code (filters,)}; parameters
 * {@code (Πkernel_size · channels_in + 1) · filters}. Defaults, as Keras: strides 1, padding "valid",
 * dilation_rate 1, activation "linear", use_bias true, kernel_initializer "glorot_uniform",
 * bias_initializer "zeros", no regularizers.
 *
 * @param <T> the concrete layer type
 */
public abstract class BaseConv<T extends BaseConv<T>> extends KernelLayer<T> {
    private final int rank;
    private final int filters;
    private final int[] kernelSize;
    private int[] strides;
    private String padding = "valid";
    private int[] dilationRate;

    protected BaseConv(int rank, int filters, int... kernelSize) {
        super("linear");
        this.rank = rank;
        this.filters = Checks.positive("filters", filters);
        this.kernelSize = ConvArgs.tuple("kernel_size", rank, kernelSize);
        this.strides = ConvArgs.tuple("strides", rank, 1);
        this.dilationRate = ConvArgs.tuple("dilation_rate", rank, 1);
    }

    /** The number of spatial axes (1 for Conv1D, 2 for Conv2D). */
    public int rank() {
        return rank;
    }

    public int filters() {
        return filters;
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public String padding() {
        return padding;
    }

    public int[] dilationRate() {
        return dilationRate.clone();
    }







    /** The step between windows, one value or one per spatial axis (default 1). */
    public T strides(int... strides) {
        checkConfigurable("strides");
        this.strides = ConvArgs.tuple("strides", rank, strides);
        return self();
    }

    /** {@code "valid"} (no padding, the default) or {@code "same"} (output length ⌈n / stride⌉). */
    public T padding(String padding) {
        checkConfigurable("padding");
        this.padding = ConvArgs.padding(padding);
        return self();
    }

    /** The kernel's dilation, one value or one per spatial axis (default 1). */
    public T dilationRate(int... dilationRate) {
        checkConfigurable("dilation_rate");
        this.dilationRate = ConvArgs.tuple("dilation_rate", rank, dilationRate);
        return self();
    }











    /** The shape the error message suggests for input that lacks the channels axis. */
    protected abstract String expectedInput();

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != rank + 1) {
            throw incompatible(inputShape, "ndim=" + (rank + 2) + ", i.e. " + expectedInput(), inputShape.length == rank
                    ? "Add a channels axis, e.g. Input(" + joined(inputShape) + ", 1) or Reshape(" + joined(inputShape)
                    + ", 1)." : null);
        }
        for (int i = 0; i < rank; i++) {
            if (strides[i] > 1 && dilationRate[i] > 1) {
                throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + "): `strides` > 1 is not "
                        + "compatible with `dilation_rate` > 1. Received: strides=" + ConvArgs.str(strides)
                        + ", dilation_rate=" + ConvArgs.str(dilationRate));
            }
        }
        long[] out = new long[rank + 1];
        for (int i = 0; i < rank; i++) {
            out[i] = ConvArgs.outputLength(inputShape[i], kernelSize[i], strides[i], dilationRate[i], padding);
            if (out[i] < 1) {
                throw incompatible(inputShape, "spatial dimensions of at least the (dilated) kernel_size="
                        + ConvArgs.str(kernelSize), "The kernel is larger than the input; use a smaller kernel_size, "
                        + "padding=\"same\", or remove a preceding pooling layer.");
            }
        }
        out[rank] = filters;
        return out;
    }

    private static String joined(long[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return b.toString();
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        long[] k = new long[rank + 2];
        for (int i = 0; i < rank; i++) {
            k[i] = kernelSize[i];
        }
        k[rank] = inputShape[rank];
        k[rank + 1] = filters;
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", k, kernelInitializer(), kernelRegularizer(), true));
        if (useBias()) {
            w.add(new WeightSpec("bias", new long[] {filters}, biasInitializer(), biasRegularizer(), true));
        }
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("filters", filters);
        c.put("kernel_size", ConvArgs.list(kernelSize));
        c.put("strides", ConvArgs.list(strides));
        c.put("padding", padding);
        c.put("data_format", "channels_last");
        c.put("dilation_rate", ConvArgs.list(dilationRate));
        c.put("groups", 1);
        c.put("activation", activation());
        c.put("use_bias", useBias());
        c.put("kernel_initializer", kernelInitializer().serialize());
        c.put("bias_initializer", biasInitializer().serialize());
        c.put("kernel_regularizer", kernelRegularizer() == null ? null : kernelRegularizer().serialize());
        c.put("bias_regularizer", biasRegularizer() == null ? null : biasRegularizer().serialize());
        return c;
    }

    /** Applies the options of a saved config (everything but {@code filters} and {@code kernel_size}). */
    protected final T applyConvConfig(ConfigReader r) {
        if (r.has("strides")) {
            strides(r.ints("strides"));
        }
        padding(r.string("padding", "valid"));
        if (r.has("dilation_rate")) {
            dilationRate(r.ints("dilation_rate"));
        }
        if (r.has("groups") && r.integer("groups") != 1) {
            throw new IllegalArgumentException("Invalid " + className() + " config: only groups=1 is supported. "
                    + "Received: groups=" + r.integer("groups"));
        }
        activation(r.string("activation", "linear"));
        useBias(r.bool("use_bias", true));
        if (r.has("kernel_initializer")) {
            kernelInitializer(Initializers.deserialize(r.raw("kernel_initializer")));
        }
        if (r.has("bias_initializer")) {
            biasInitializer(Initializers.deserialize(r.raw("bias_initializer")));
        }
        kernelRegularizer(Regularizers.deserialize(r.raw("kernel_regularizer")));
        biasRegularizer(Regularizers.deserialize(r.raw("bias_regularizer")));
        applyCommonConfig(r);
        return self();
    }
}
