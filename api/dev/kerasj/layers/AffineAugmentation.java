package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The geometric augmentations (RandomRotation, RandomZoom, RandomTranslation): one random transform per image
 * while training, computed as Keras's {@code affine_transform} (output pixel {@code (x, y)} samples the input at
 * {@code (a0·x + a1·y + a2, b0·x + b1·y + b2)}), with Keras's fill modes ("reflect", "wrap", "constant",
 * "nearest") and interpolations ("bilinear", "nearest"); the identity in inference. Shape unchanged; no weights.
 *
 * @param <T> the concrete layer type
 */
public abstract class AffineAugmentation<T extends AffineAugmentation<T>> extends ImageAugmentation<T> {
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;

    protected AffineAugmentation(Long seed) {
        super(seed);
    }

    /** How points outside the image are filled: "reflect" (default), "wrap", "constant", "nearest". */
    public T fillMode(String fillMode) {
        checkConfigurable("fill_mode");
        this.fillMode = ImageOps.fillMode(fillMode);
        return self();
    }

    /** "bilinear" (default) or "nearest". */
    public T interpolation(String interpolation) {
        checkConfigurable("interpolation");
        this.interpolation = ImageOps.interpolation(interpolation);
        return self();
    }

    /** The value of points outside the image with fill mode "constant" (default 0). */
    public T fillValue(double fillValue) {
        checkConfigurable("fill_value");
        this.fillValue = fillValue;
        return self();
    }

    public String fillMode() {
        return fillMode;
    }

    public String interpolation() {
        return interpolation;
    }

    public double fillValue() {
        return fillValue;
    }

    /** One image's transform {@code [a0, a1, a2, b0, b1, b2, 0, 0]} for an {@code (h, w)} image. */
    protected abstract double[] drawTransform(SplittableRandom rng, int h, int w);

    @Override
    protected float[] augment(float[] x, int n, int h, int w, int c, SplittableRandom rng) {
        double[][] t = new double[n][];
        for (int b = 0; b < n; b++) {
            t[b] = drawTransform(rng, h, w);
        }
        return ImageOps.transform(x, n, h, w, c, t, interpolation, fillMode, (float) fillValue);
    }

    /** The shared entries of the config. */
    protected final void putAffineConfig(Map<String, Object> c) {
        c.put("fill_mode", fillMode);
        c.put("interpolation", interpolation);
        c.put("seed", seed());
        c.put("fill_value", fillValue);
        c.put("data_format", "channels_last");
    }

    /** The config of a layer with {@code height_factor} and {@code width_factor} (RandomZoom, RandomTranslation). */
    protected final Map<String, Object> factorsConfig(double[] heightFactor, double[] widthFactor) {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("height_factor", ImageLayers.factorConfig(heightFactor));
        c.put("width_factor", ImageLayers.factorConfig(widthFactor));
        putAffineConfig(c);
        return c;
    }

    protected final T readAffineConfig(ConfigReader r) {
        ImageLayers.channelsLast(className(), r);
        fillMode(r.string("fill_mode", "reflect")).interpolation(r.string("interpolation", "bilinear"))
                .fillValue(r.number("fill_value", 0.0));
        applyCommonConfig(r);
        return self();
    }
}
