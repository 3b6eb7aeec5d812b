package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Transposed 2-D convolution ("deconvolution"), as Keras's {@code Conv2DTranspose}: each input position
 * spreads its values over a kernel-sized window of the output,
 * {@code out[i·s_h + a, j·s_w + b, f] += in[i, j, c] · kernel[a, b, f, c]}, then bias and activation.
 *
 * <p>Input {@code (batch, h, w, cin)}; output {@code (batch, h_out, w_out, filters)} with "valid":
 * {@code (h − 1)·s + k} and "same": {@code h·s} (Keras's sizes; kerasj requires kernel ≥ stride).
 * Kernel {@code (kh, kw, filters, cin)}, bias {@code (filters,)}; parameters
 * {@code (kh·kw·cin + 1)·filters}. Defaults as {@link BaseConv} (dilation must be 1).
 *
 * <pre>{@code
 * new Conv2DTranspose(32, 3).strides(2).padding("same")   // (7, 7, 64) → (14, 14, 32)
 * }</pre>
 */
public final class Conv2DTranspose extends BaseConv<Conv2DTranspose> {
    public Conv2DTranspose(int filters, int kernelSize) {
        super(2, filters, kernelSize);
    }

    public Conv2DTranspose(int filters, int kernelH, int kernelW) {
        super(2, filters, kernelH, kernelW);
    }

    @Override
    protected String expectedInput() {
        return "(None, height, width, channels)";
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw incompatible(inputShape, "ndim=4, i.e. " + expectedInput(), inputShape.length == 2
                    ? "Add a channels axis, e.g. Reshape(" + inputShape[0] + ", " + inputShape[1] + ", 1)." : null);
        }
        int[] k = kernelSize();
        int[] s = strides();
        int[] d = dilationRate();
        if (d[0] != 1 || d[1] != 1) {
            throw new IllegalArgumentException("Layer '" + name() + "' (Conv2DTranspose): only dilation_rate=1 is "
                    + "supported. Received: dilation_rate=" + java.util.Arrays.toString(d));
        }
        if (k[0] < s[0] || k[1] < s[1]) {
            throw new IllegalArgumentException("Layer '" + name() + "' (Conv2DTranspose): kernel_size smaller than "
                    + "strides is not supported. Received: kernel_size=" + java.util.Arrays.toString(k) + ", strides="
                    + java.util.Arrays.toString(s));
        }
        boolean same = "same".equals(padding());
        return new long[] {
                same ? inputShape[0] * s[0] : (inputShape[0] - 1) * s[0] + k[0],
                same ? inputShape[1] * s[1] : (inputShape[1] - 1) * s[1] + k[1],
                filters()};
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        int[] k = kernelSize();
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new long[] {k[0], k[1], filters(), inputShape[2]}, kernelInitializer(),
                kernelRegularizer(), true));
        if (useBias()) {
            w.add(new WeightSpec("bias", new long[] {filters()}, biasInitializer(), biasRegularizer(), true));
        }
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = super.layerConfig();
        c.remove("groups");
        c.put("output_padding", null);
        return c;
    }

    /** Rebuilds a Conv2DTranspose layer from its Keras config. */
    public static Conv2DTranspose fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Conv2DTranspose", config);
        if (r.raw("output_padding") != null) {
            throw new IllegalArgumentException("Invalid Conv2DTranspose config: `output_padding` is not supported. "
                    + "Received: output_padding=" + r.raw("output_padding"));
        }
        int[] k = r.ints("kernel_size");
        return new Conv2DTranspose(r.integer("filters"), k[0], k.length > 1 ? k[1] : k[0]).applyConvConfig(r);
    }
}
