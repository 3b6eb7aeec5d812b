package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Marks padded time steps so that the layers after it skip them, as Keras's {@code Masking}: a step is
 * masked when <em>every</em> feature equals {@code mask_value}, and the layer outputs
 * {@code out[t] = x[t] · mask[t]} (masked steps become zeros).
 *
 * <p>Input {@code (batch, timesteps, features)}; output the same shape; no parameters. Default, as
 * Keras: mask_value 0.0. The mask reaches the layers after it: recurrent layers ({@link SimpleRNN},
 * {@link LSTM}, {@link GRU}, {@link Bidirectional}) skip masked steps (their state carries over, and
 * without return_sequences the output is the state after the last unmasked step),
 * {@link GlobalAveragePooling1D} averages the unmasked steps only, per-step layers
 * ({@link TimeDistributed}, {@link Activation}, {@link Dropout}, {@link GaussianNoise},
 * {@link LayerNormalization}) compute every step and pass it on, and a loss on a masked sequence output averages the unmasked
 * steps only. kerasj computes the mask from the model's input, so Masking must read an {@link Input}
 * directly (be the first layer); see docs/layers.md for what is refused and why.
 *
 * <pre>{@code
 * new Sequential(new Input(20, 3), new Masking(), new LSTM(8), new Dense(1))   // zero-padded sequences
 * }</pre>
 */
public final class Masking extends BaseLayer<Masking> {
    private final double maskValue;

    /** Masks the steps whose features are all 0.0 (Keras's default). */
    public Masking() {
        this(0.0);
    }

    /** Masks the steps whose features all equal {@code maskValue}. */
    public Masking(double maskValue) {
        if (Double.isNaN(maskValue)) {
            throw new IllegalArgumentException("Invalid `mask_value` for Masking: expected a number (NaN never equals "
                    + "anything, so no step would be masked). Received: mask_value=NaN");
        }
        this.maskValue = maskValue;
    }

    public double maskValue() {
        return maskValue;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 2) {
            throw incompatible(inputShape, "ndim=3, i.e. (None, timesteps, features)", inputShape.length == 1
                    ? "Masking marks whole time steps; give each sample a time axis, e.g. Input(" + inputShape[0]
                    + ", 1) for one feature per step."
                    : "Reshape the input to (timesteps, features).");
        }
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mask_value", maskValue);
        return c;
    }

    /** Rebuilds a Masking layer from its Keras config. */
    public static Masking fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Masking", config);
        Masking m = new Masking(r.number("mask_value", 0.0));
        m.applyCommonConfig(r);
        return m;
    }

    /** Creates a mask from the input: steps whose features all equal {@code mask_value} are masked. */
    @Override
    public boolean producesMask() {
        return true;
    }
}
