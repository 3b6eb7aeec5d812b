package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resizes images to {@code (height, width)}, as Keras's {@code Resizing}: TensorFlow's resize with half-pixel
 * centres and no antialiasing (source coordinate {@code (d + 0.5) · in/out − 0.5}). With
 * {@code crop_to_aspect_ratio} the largest centred window of the target aspect ratio is resized, so images
 * are not distorted. Input {@code (batch, h, w, c)} → output {@code (batch, height, width, c)}; no weights.
 *
 * <pre>{@code
 * new Sequential(new Input(256, 256, 3), new Resizing(128, 128), new Rescaling(1.0 / 255), …)
 * new Resizing(224, 224).cropToAspectRatio(true)
 * }</pre>
 *
 * <p>Defaults: {@code interpolation} "bilinear" ("nearest" also computed), {@code crop_to_aspect_ratio}
 * false. Keras's {@code pad_to_aspect_ratio} and the bicubic/lanczos interpolations are not supported.
 */
public final class Resizing extends ImageWindowLayer<Resizing> {
    private String interpolation = "bilinear";
    private boolean cropToAspectRatio;

    public Resizing(int height, int width) {
        super(height, width);
    }

    /** "bilinear" (default) or "nearest". */
    public Resizing interpolation(String interpolation) {
        checkConfigurable("interpolation");
        this.interpolation = ImageOps.interpolation(interpolation);
        return this;
    }

    /** Crop the largest centred window of the target aspect ratio before resizing (default false). */
    public Resizing cropToAspectRatio(boolean crop) {
        checkConfigurable("crop_to_aspect_ratio");
        this.cropToAspectRatio = crop;
        return this;
    }

    public String interpolation() {
        return interpolation;
    }

    public boolean cropToAspectRatio() {
        return cropToAspectRatio;
    }

    @Override
    protected int[] window(int h, int w, boolean training) {
        return cropToAspectRatio ? dev.kerasj.internal.ImageResize.aspectWindow(h, w, height(), width()) : new int[] {0, 0, h, w};
    }

    @Override
    protected String resizeInterpolation() {
        return interpolation;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        putSize(c);
        c.put("interpolation", interpolation);
        c.put("data_format", "channels_last");
        c.put("crop_to_aspect_ratio", cropToAspectRatio);
        c.put("pad_to_aspect_ratio", false);
        c.put("fill_mode", "constant");
        c.put("fill_value", 0.0);
        c.put("antialias", false);
        return c;
    }

    /** Rebuilds the layer from its Keras config (refusing the options kerasj does not compute). */
    public static Resizing fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Resizing", config);
        ImageLayers.channelsLast("Resizing", r);
        for (String k : new String[] {"pad_to_aspect_ratio", "antialias"}) {
            if (r.bool(k, false)) {
                throw new IllegalArgumentException("Invalid Resizing config: `" + k + "=True` is not supported.");
            }
        }
        Resizing l = new Resizing(r.integer("height"), r.integer("width"))
                .interpolation(r.string("interpolation", "bilinear"))
                .cropToAspectRatio(r.bool("crop_to_aspect_ratio", false));
        l.applyCommonConfig(r);
        return l;
    }
}
