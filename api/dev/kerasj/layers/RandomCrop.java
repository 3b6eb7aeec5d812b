package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly crops images to {@code (height, width)} while training, as Keras 3's {@code RandomCrop}: one
 * random window per batch (Keras crops the whole batch at the same place), its top-left corner uniform in
 * {@code [0, h − height] × [0, w − width]}. At inference, and in training when the image is not larger
 * than the target in both dimensions, the largest centred window of the target aspect ratio is resized
 * (bilinear) to {@code (height, width)}, as Keras's docstring states. Input {@code (batch, h, w, c)} →
 * {@code (batch, height, width, c)}; no weights.
 *
 * <p>Note: Keras 3's code returns the uncropped image at inference (its output then disagrees with its own
 * {@code compute_output_shape}); kerasj does what the docstring (and Keras 2) specify, so {@code predict}
 * gets the declared shape.
 *
 * <pre>{@code
 * new Sequential(new Input(40, 40, 3), new RandomCrop(32, 32, 42L), …)
 * }</pre>
 *
 * <p>{@code seed}: defaults to none (drawn from kerasj's global generator).
 */
public final class RandomCrop extends PreprocessingLayer<RandomCrop> {
    private final int height;
    private final int width;
    private final Long seed;
    private int[] in;

    public RandomCrop(int height, int width) {
        this(height, width, null);
    }

    public RandomCrop(int height, int width, Long seed) {
        this.height = Checks.positive("height", height);
        this.width = Checks.positive("width", width);
        this.seed = seed;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public Long seed() {
        return seed;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        in = ImageOps.hwc(this, inputShape);
        return new long[] {height, width, in[2]};
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        int n = (int) inputs.size(0);
        int[] window;
        if (training && in[0] > height && in[1] > width) {
            SplittableRandom rng = random(seed);
            window = new int[] {(int) (rng.nextDouble() * (in[0] - height + 1)), (int) (rng.nextDouble() * (in[1] - width + 1)),
                    height, width};
        } else {
            window = ImageOps.aspectWindow(in[0], in[1], height, width);
        }
        float[] y = ImageOps.resize(floats(inputs), n, in[0], in[1], in[2], window[0], window[1], window[2], window[3],
                height, width, "bilinear");
        return array(y, n, height, width, in[2]);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("height", height);
        c.put("width", width);
        c.put("seed", seed);
        c.put("data_format", "channels_last");
        return c;
    }

    public static RandomCrop fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomCrop", config);
        ImageLayers.channelsLast("RandomCrop", r);
        RandomCrop l = new RandomCrop(r.integer("height"), r.integer("width"), ImageLayers.seed(r));
        l.applyCommonConfig(r);
        return l;
    }
}
