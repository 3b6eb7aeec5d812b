package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * 1-D convolution (a cross-correlation, as Keras) over sequences:
 * {@code out[t, f] = activation(Σ_{a,c} in[t·s + a·d, c] · kernel[a, c, f] + bias[f])}.
 *
 * <p>Input {@code (batch, steps, channels)}; output {@code (batch, steps_out, filters)} with "valid":
 * {@code ⌊(steps − (k−1)·d − 1) / s⌋ + 1}, "same": {@code ⌈steps / s⌉}. Kernel
 * {@code (kernel_size, channels, filters)}, bias {@code (filters,)}; parameters
 * {@code (kernel_size·channels + 1)·filters}. Defaults as {@link BaseConv}: strides 1, padding
 * "valid", dilation_rate 1, activation "linear", use_bias true. ("causal" padding is not supported.)
 *
 * <pre>{@code
 * new Conv1D(32, 5).activation("relu")   // (None, 120, 14) → (None, 116, 32)
 * }</pre>
 */
public final class Conv1D extends BaseConv<Conv1D> {
    /** {@code filters} kernels of length {@code kernelSize}. */
    public Conv1D(int filters, int kernelSize) {
        super(1, filters, kernelSize);
    }

    /** {@code filters} kernels of length {@code kernelSize} with the named activation. */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    @Override
    protected String expectedInput() {
        return "(None, steps, channels)";
    }

    /** Rebuilds a Conv1D layer from its Keras config. */
    public static Conv1D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Conv1D", config);
        return new Conv1D(r.integer("filters"), r.ints("kernel_size")[0]).applyConvConfig(r);
    }
}
