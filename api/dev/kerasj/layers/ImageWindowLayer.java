package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The image layers that output {@code (height, width, channels)} from a window of each input image (Resizing,
 * CenterCrop, RandomCrop): the window {@code [top, left, window height, window width]} of a batch, resized to
 * the target size with TensorFlow's half-pixel resize (an exact crop when the window has the target size).
 *
 * @param <T> the concrete layer type
 */
public abstract class ImageWindowLayer<T extends ImageWindowLayer<T>> extends PreprocessingLayer<T> {
    private final int height;
    private final int width;
    private int[] in;

    protected ImageWindowLayer(int height, int width) {
        this.height = Checks.positive("height", height);
        this.width = Checks.positive("width", width);
    }

    /** The output height. */
    public int height() {
        return height;
    }

    /** The output width. */
    public int width() {
        return width;
    }

    /** The window of an {@code (h, w)} input image to resize, {@code [top, left, height, width]}. */
    protected abstract int[] window(int h, int w, boolean training);

    /** How the window is resized ("bilinear" unless a layer says otherwise). */
    protected String resizeInterpolation() {
        return "bilinear";
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        in = ImageOps.hwc(this, inputShape);
        return new long[] {height, width, in[2]};
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        int n = (int) inputs.size(0);
        int[] w = window(in[0], in[1], training);
        float[] y = dev.kerasj.internal.ImageResize.resize(floats(inputs), n, in[0], in[1], in[2], w[0], w[1], w[2], w[3], height, width,
                resizeInterpolation());
        return array(y, n, height, width, in[2]);
    }

    /** The shared config entries. */
    protected final void putSize(java.util.Map<String, Object> c) {
        c.put("height", height);
        c.put("width", width);
    }
}
