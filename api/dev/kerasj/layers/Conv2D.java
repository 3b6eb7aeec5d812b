package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * 2-D convolution (a cross-correlation, as Keras) over channels-last images:
 * {@code out[i, j, f] = activation(Σ_{a,b,c} in[i·s_h + a·d_h, j·s_w + b·d_w, c] · kernel[a, b, c, f] + bias[f])}.
 *
 * <p>Input {@code (batch, height, width, channels)}; output {@code (batch, h_out, w_out, filters)} with
 * "valid": {@code h_out = ⌊(h − (k_h−1)·d_h − 1) / s_h⌋ + 1}, "same": {@code ⌈h / s_h⌉}. Kernel
 * {@code (k_h, k_w, channels, filters)}, bias {@code (filters,)}; parameters
 * {@code (k_h·k_w·channels + 1)·filters}. Defaults as {@link BaseConv}: strides (1, 1), padding "valid",
 * dilation_rate (1, 1), activation "linear", use_bias true, kernel "glorot_uniform", bias "zeros".
 *
 * <pre>{@code
 * new Conv2D(32, 5).activation("relu")                  // 28×28×1 → (None, 24, 24, 32), 832 params
 * new Conv2D(64, 3, 3).strides(2).padding("same")
 * }</pre>
 */
public final class Conv2D extends BaseConv<Conv2D> {
    /** {@code filters} square kernels of side {@code kernelSize}. */
    public Conv2D(int filters, int kernelSize) {
        super(2, filters, kernelSize);
    }

    /** {@code filters} kernels of {@code kernelH × kernelW}. */
    public Conv2D(int filters, int kernelH, int kernelW) {
        super(2, filters, kernelH, kernelW);
    }

    /** {@code filters} square kernels of side {@code kernelSize} with the named activation. */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    @Override
    protected String expectedInput() {
        return "(None, height, width, channels)";
    }

    /** Rebuilds a Conv2D layer from its Keras config. */
    public static Conv2D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Conv2D", config);
        int[] k = r.ints("kernel_size");
        return new Conv2D(r.integer("filters"), k[0], k.length > 1 ? k[1] : k[0]).applyConvConfig(r);
    }
}
