package dev.kerasj.initializers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Normal distribution {@code N(mean, stddev²)} with draws beyond two standard deviations redrawn
 * (not rescaled), Keras's {@code TruncatedNormal}. Defaults: mean 0.0, stddev 0.05, seed none.
 *
 * <pre>{@code
 * new Dense(8).kernelInitializer(new TruncatedNormal(0.0, 0.02, null))
 * }</pre>
 */
public final class TruncatedNormal extends RandomNormal {
    public TruncatedNormal() {
        this(0.0, 0.05, null);
    }

    public TruncatedNormal(double mean, double stddev, Long seed) {
        super(mean, stddev, seed);
    }

    @Override
    protected double standardDraw(SplittableRandom rng) {
        return truncatedGaussian(rng);
    }

    static TruncatedNormal fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("TruncatedNormal", config);
        return new TruncatedNormal(r.number("mean", 0.0), r.number("stddev", 0.05), VarianceScaling.seedOf(r));
    }
}
