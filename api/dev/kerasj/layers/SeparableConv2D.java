package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Depthwise-separable 2-D convolution, as Keras's {@code SeparableConv2D}: a depthwise convolution (each
 * input channel c convolved with {@code depth_multiplier} kernels, giving channels {@code c·m + k}), then
 * a 1×1 pointwise convolution to {@code filters} channels, plus a bias, then the activation.
 *
 * <p>Input {@code (batch, h, w, cin)}, output {@code (batch, h_out, w_out, filters)} as {@link Conv2D}.
 * Weights: depthwise_kernel {@code (kh, kw, cin, depth_multiplier)}, pointwise_kernel
 * {@code (1, 1, cin·depth_multiplier, filters)}, bias {@code (filters,)}; parameters
 * {@code kh·kw·cin·m + cin·m·filters + filters}. Defaults, as Keras: depth_multiplier 1, strides 1,
 * padding "valid", dilation 1, activation "linear", use_bias true, both kernels "glorot_uniform" (the
 * {@code kernelInitializer}/{@code kernelRegularizer} options set both), bias "zeros".
 *
 * <pre>{@code
 * new SeparableConv2D(64, 3).padding("same").activation("relu")
 * }</pre>
 */
public final class SeparableConv2D extends BaseConv<SeparableConv2D> {
    private int depthMultiplier = 1;

    public SeparableConv2D(int filters, int kernelSize) {
        super(2, filters, kernelSize);
    }

    public SeparableConv2D(int filters, int kernelH, int kernelW) {
        super(2, filters, kernelH, kernelW);
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** The number of depthwise kernels per input channel (default 1). */
    public SeparableConv2D depthMultiplier(int depthMultiplier) {
        checkConfigurable("depth_multiplier");
        this.depthMultiplier = Checks.positive("depth_multiplier", depthMultiplier);
        return this;
    }

    @Override
    protected String expectedInput() {
        return "(None, height, width, channels)";
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        int[] k = kernelSize();
        long cin = inputShape[2];
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("depthwise_kernel", new long[] {k[0], k[1], cin, depthMultiplier}, kernelInitializer(),
                kernelRegularizer(), true));
        w.add(new WeightSpec("pointwise_kernel", new long[] {1, 1, cin * depthMultiplier, filters()}, kernelInitializer(),
                kernelRegularizer(), true));
        if (useBias()) {
            w.add(new WeightSpec("bias", new long[] {filters()}, biasInitializer(), biasRegularizer(), true));
        }
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = super.layerConfig();
        c.put("depth_multiplier", depthMultiplier);
        c.put("depthwise_initializer", c.remove("kernel_initializer"));
        c.put("pointwise_initializer", c.get("depthwise_initializer"));
        c.put("depthwise_regularizer", c.remove("kernel_regularizer"));
        c.put("pointwise_regularizer", c.get("depthwise_regularizer"));
        c.remove("groups");
        return c;
    }

    /** Rebuilds a SeparableConv2D layer from its Keras config (the depthwise initializer and regularizer serve both). */
    public static SeparableConv2D fromConfig(Map<String, Object> config) {
        Map<String, Object> c = new java.util.LinkedHashMap<>(config);
        c.put("kernel_initializer", c.get("depthwise_initializer"));
        c.put("kernel_regularizer", c.get("depthwise_regularizer"));
        ConfigReader r = new ConfigReader("SeparableConv2D", c);
        int[] k = r.ints("kernel_size");
        SeparableConv2D s = new SeparableConv2D(r.integer("filters"), k[0], k.length > 1 ? k[1] : k[0]);
        s.depthMultiplier(r.integer("depth_multiplier", 1));
        return s.applyConvConfig(r);
    }
}
