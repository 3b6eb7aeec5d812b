package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Crops the central {@code (height, width)} window of each image, as Keras's {@code CenterCrop}: the window
 * starts at {@code ((h − height) // 2, (w − width) // 2)}. An image smaller than the target (in either
 * dimension) is instead resized (bilinear) from its largest centred window of the target aspect ratio, as
 * Keras's {@code smart_resize}. Input {@code (batch, h, w, c)} → {@code (batch, height, width, c)}; no weights;
 * the same in training and inference.
 *
 * <pre>{@code
 * new Sequential(new Input(256, 256, 3), new CenterCrop(224, 224), …)
 * }</pre>
 */
public final class CenterCrop extends ImageWindowLayer<CenterCrop> {
    public CenterCrop(int height, int width) {
        super(height, width);
    }

    @Override
    protected int[] window(int h, int w, boolean training) {
        return h >= height() && w >= width() ? new int[] {(h - height()) / 2, (w - width()) / 2, height(), width()}
                : dev.kerasj.internal.ImageResize.aspectWindow(h, w, height(), width());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        putSize(c);
        c.put("data_format", "channels_last");
        return c;
    }

    public static CenterCrop fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("CenterCrop", config);
        ImageLayers.channelsLast("CenterCrop", r);
        CenterCrop l = new CenterCrop(r.integer("height"), r.integer("width"));
        l.applyCommonConfig(r);
        return l;
    }
}
