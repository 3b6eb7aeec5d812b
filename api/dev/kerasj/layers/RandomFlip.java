package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly flips images while training, as Keras 3's {@code RandomFlip}; the identity in {@code predict} and
 * {@code evaluate}. Each image of a batch is flipped with probability ½ ({@code uniform() ≤ 0.5}):
 * left–right for "horizontal", upside down for "vertical", and for "horizontal_and_vertical" both at once
 * (Keras 3 draws one decision per image for both axes). Shape unchanged; no weights.
 *
 * <pre>{@code
 * new Sequential(new Input(180, 180, 3), new RandomFlip("horizontal"), new RandomRotation(0.1), …)
 * }</pre>
 *
 * <p>Defaults: {@code mode} "horizontal_and_vertical", {@code seed} none (kerasj's global generator).
 */
public final class RandomFlip extends ImageAugmentation<RandomFlip> {
    static final List<String> MODES = List.of("horizontal", "vertical", "horizontal_and_vertical");

    private final String mode;

    public RandomFlip() {
        this("horizontal_and_vertical");
    }

    public RandomFlip(String mode) {
        this(mode, null);
    }

    public RandomFlip(String mode, Long seed) {
        super(seed);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("RandomFlip layer " + displayName() + " received an unknown mode argument "
                    + mode + ". Expected one of " + MODES + ".");
        }
        this.mode = mode;
    }

    public String mode() {
        return mode;
    }

    @Override
    protected float[] augment(float[] x, int n, int h, int w, int c, SplittableRandom rng) {
        boolean horizontal = !mode.equals("vertical");
        boolean vertical = !mode.equals("horizontal");
        float[] y = new float[x.length];
        for (int b = 0; b < n; b++) {
            boolean flip = rng.nextDouble() <= 0.5;
            int base = b * h * w * c;
            for (int i = 0; i < h; i++) {
                int si = flip && vertical ? h - 1 - i : i;
                for (int j = 0; j < w; j++) {
                    int sj = flip && horizontal ? w - 1 - j : j;
                    System.arraycopy(x, base + (si * w + sj) * c, y, base + (i * w + j) * c, c);
                }
            }
        }
        return y;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed());
        c.put("mode", mode);
        c.put("data_format", "channels_last");
        return c;
    }

    public static RandomFlip fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomFlip", config);
        ImageLayers.channelsLast("RandomFlip", r);
        RandomFlip l = new RandomFlip(r.string("mode", "horizontal_and_vertical"), ImageLayers.seed(r));
        l.applyCommonConfig(r);
        return l;
    }
}
