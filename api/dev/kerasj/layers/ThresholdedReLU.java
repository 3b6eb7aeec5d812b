package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thresholded rectified linear unit (Keras 2), element-wise: {@code f(x) = x} for {@code x > theta}, 0
 * otherwise. The shape is unchanged; no weights; a mask passes through. Keras 3 removed the layer (use
 * {@code ReLU(threshold=theta)}, which differs at values between 0 and theta); kerasj keeps it to load Keras 2 files.
 *
 * <pre>{@code
 * new Sequential(new Input(784), new Dense(128), new ThresholdedReLU(1.0), new Dense(10, "softmax"));
 * }</pre>
 *
 * <p>{@code theta}: the threshold, ≥ 0, default 1.0 (Keras 2's).
 */
public final class ThresholdedReLU extends ElementwiseLayer<ThresholdedReLU> {
    private final double theta;

    /** {@code ThresholdedReLU(theta=1.0)}, Keras 2's default. */
    public ThresholdedReLU() {
        this(1.0);
    }

    public ThresholdedReLU(double theta) {
        if (!(theta >= 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("Invalid `theta` for ThresholdedReLU: expected a finite number >= 0. "
                    + "Received: theta=" + theta);
        }
        this.theta = theta;
    }

    public double theta() {
        return theta;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("theta", theta);
        return c;
    }

    public static ThresholdedReLU fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("ThresholdedReLU", config);
        ThresholdedReLU l = new ThresholdedReLU(r.number("theta", 1.0));
        l.applyCommonConfig(r);
        return l;
    }
}
