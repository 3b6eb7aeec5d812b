package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Depthwise 2-D convolution, as Keras's {@code DepthwiseConv2D}: each input channel {@code c} is convolved
 * on its own with {@code depth_multiplier} kernels, giving output channel {@code c·m + k}:
 * {@code out[i, j, c·m + k] = activation(Σ_{a,b} in[i·s_h + a·d_h, j·s_w + b·d_w, c] · kernel[a, b, c, k] + bias[c·m + k])}.
 *
 * <p>Input {@code (batch, h, w, channels)}, output {@code (batch, h_out, w_out, channels·depth_multiplier)},
 * {@code h_out} as {@link Conv2D} ("same": {@code ⌈h / s⌉}, padded as TensorFlow, the extra row/column at the
 * bottom/right). Weights: depthwise_kernel {@code (kh, kw, channels, depth_multiplier)}, bias
 * {@code (channels·depth_multiplier,)}; parameters {@code (kh·kw + 1)·channels·m} ({@code kh·kw·channels·m}
 * without bias). Defaults, as Keras: depth_multiplier 1, strides 1, padding "valid", dilation_rate 1,
 * activation "linear", use_bias true, depthwise_initializer "glorot_uniform" (the {@code kernelInitializer}
 * option), bias_initializer "zeros".
 *
 * <pre>{@code
 * new DepthwiseConv2D(3).padding("same").useBias(false)     // MobileNetV2's 3×3 depthwise step
 * new DepthwiseConv2D(5, 5).strides(2).depthMultiplier(2)
 * }</pre>
 */
public final class DepthwiseConv2D extends BaseConv<DepthwiseConv2D> {
    private int depthMultiplier = 1;

    /** Square kernels of side {@code kernelSize}. */
    public DepthwiseConv2D(int kernelSize) {
        super(2, 1, kernelSize);
    }

    /** Kernels of {@code kernelH × kernelW}. */
    public DepthwiseConv2D(int kernelH, int kernelW) {
        super(2, 1, kernelH, kernelW);
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** The number of kernels per input channel (default 1). */
    public DepthwiseConv2D depthMultiplier(int depthMultiplier) {
        checkConfigurable("depth_multiplier");
        this.depthMultiplier = Checks.positive("depth_multiplier", depthMultiplier);
        return this;
    }

    /**
     * The number of output channels, {@code channels·depth_multiplier}, known once the layer is built (Keras's
     * DepthwiseConv2D has no {@code filters} argument).
     */
    @Override
    public int filters() {
        if (!isBuilt()) {
            throw new IllegalStateException("Layer '" + name() + "' (DepthwiseConv2D) is not built yet: its output has "
                    + "channels·depth_multiplier channels, known once it is applied to an input.");
        }
        return (int) (builtInputShape()[2] * depthMultiplier);
    }

    @Override
    protected String expectedInput() {
        return "(None, height, width, channels)";
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        long[] out = super.computeOutputShape(inputShape);
        out[2] = inputShape[2] * depthMultiplier;
        return out;
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        int[] k = kernelSize();
        long cin = inputShape[2];
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("depthwise_kernel", new long[] {k[0], k[1], cin, depthMultiplier}, kernelInitializer(),
                kernelRegularizer(), true));
        if (useBias()) {
            w.add(new WeightSpec("bias", new long[] {cin * depthMultiplier}, biasInitializer(), biasRegularizer(), true));
        }
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> base = super.layerConfig();
        Map<String, Object> c = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : base.entrySet()) {
            switch (e.getKey()) {
                case "filters", "groups" -> { }
                case "kernel_initializer" -> c.put("depthwise_initializer", e.getValue());
                case "kernel_regularizer" -> c.put("depthwise_regularizer", e.getValue());
                case "dilation_rate" -> {
                    c.put("depth_multiplier", depthMultiplier);
                    c.put("dilation_rate", e.getValue());
                }
                default -> c.put(e.getKey(), e.getValue());
            }
        }
        return c;
    }

    /** Rebuilds a DepthwiseConv2D layer from its Keras config ({@code depthwise_initializer}, {@code depthwise_regularizer}). */
    public static DepthwiseConv2D fromConfig(Map<String, Object> config) {
        Map<String, Object> c = new LinkedHashMap<>(config);
        c.put("kernel_initializer", c.remove("depthwise_initializer"));
        c.put("kernel_regularizer", c.remove("depthwise_regularizer"));
        if (c.get("kernel_initializer") == null) {
            c.remove("kernel_initializer");
        }
        ConfigReader r = new ConfigReader("DepthwiseConv2D", c);
        int[] k = r.ints("kernel_size");
        DepthwiseConv2D d = new DepthwiseConv2D(k[0], k.length > 1 ? k[1] : k[0]);
        d.depthMultiplier(r.integer("depth_multiplier", 1));
        return d.applyConvConfig(r);
    }
}
