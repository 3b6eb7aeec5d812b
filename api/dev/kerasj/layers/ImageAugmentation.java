package dev.kerasj.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The random image augmentations: the identity in inference ({@code predict}, {@code evaluate}); in training
 * ({@code fit}) each batch of images {@code (n, h, w, c)} is changed with draws from the layer's generator
 * (seeded with {@code seed}, else from kerasj's global generator). Shape unchanged; no weights.
 *
 * @param <T> the concrete layer type
 */
public abstract class ImageAugmentation<T extends ImageAugmentation<T>> extends PreprocessingLayer<T> {
    private final Long seed;
    private int[] in;

    protected ImageAugmentation(Long seed) {
        this.seed = seed;
    }

    /** The seed (null: drawn from kerasj's global generator). */
    public Long seed() {
        return seed;
    }

    /** The augmented batch: {@code x} (row-major {@code (n, h, w, c)}), changed with draws from {@code rng}. */
    protected abstract float[] augment(float[] x, int n, int h, int w, int c, SplittableRandom rng);

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        in = ImageOps.hwc(this, inputShape);
        return inputShape;
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        if (!training) {
            return inputs;
        }
        return array(augment(floats(inputs), (int) inputs.size(0), in[0], in[1], in[2], random(seed)), inputs.shape());
    }
}
