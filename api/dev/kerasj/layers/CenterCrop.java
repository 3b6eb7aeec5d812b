package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
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
public final class CenterCrop extends PreprocessingLayer<CenterCrop> {
    private final int height;
    private final int width;
    private int[] in;

    public CenterCrop(int height, int width) {
        this.height = Checks.positive("height", height);
        this.width = Checks.positive("width", width);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        in = ImageOps.hwc(this, inputShape);
        return new long[] {height, width, in[2]};
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        int n = (int) inputs.size(0);
        int[] window = in[0] >= height && in[1] >= width
                ? new int[] {(in[0] - height) / 2, (in[1] - width) / 2, height, width}
                : ImageOps.aspectWindow(in[0], in[1], height, width);
        float[] y = ImageOps.resize(floats(inputs), n, in[0], in[1], in[2], window[0], window[1], window[2], window[3],
                height, width, "bilinear");
        return array(y, n, height, width, in[2]);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("height", height);
        c.put("width", width);
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
