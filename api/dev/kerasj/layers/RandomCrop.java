package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
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
public final class RandomCrop extends ImageWindowLayer<RandomCrop> {
    private final Long seed;

    public RandomCrop(int height, int width) {
        this(height, width, null);
    }

    public RandomCrop(int height, int width, Long seed) {
        super(height, width);
        this.seed = seed;
    }

    public Long seed() {
        return seed;
    }

    @Override
    protected int[] window(int h, int w, boolean training) {
        if (training && h > height() && w > width()) {
            SplittableRandom rng = random(seed);
            return new int[] {(int) (rng.nextDouble() * (h - height() + 1)), (int) (rng.nextDouble() * (w - width() + 1)),
                    height(), width()};
        }
        return dev.kerasj.internal.ImageResize.aspectWindow(h, w, height(), width());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        putSize(c);
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
