package dev.kerasj.layers;

import java.util.List;

/**
 * The image arithmetic of the preprocessing layers, on channels-last float batches {@code (n, h, w, c)} in
 * row-major Java arrays: TensorFlow's resize (half-pixel centres, no antialiasing: what Keras 3's
 * {@code ops.image.resize} does), crops, and the projective transform of Keras's
 * {@code ops.image.affine_transform} with its fill modes.
 */
final class ImageOps {
    static final List<String> INTERPOLATIONS = List.of("bilinear", "nearest");
    static final List<String> FILL_MODES = List.of("reflect", "wrap", "constant", "nearest");

    private ImageOps() {
    }

    /** The checked {@code (height, width, channels)} of an image layer's input. */
    static int[] hwc(Layer layer, long[] inputShape) {
        if (inputShape.length != 3) {
            throw layer.incompatible(inputShape, "images of rank 4, (batch, height, width, channels)", null);
        }
        return new int[] {(int) inputShape[0], (int) inputShape[1], (int) inputShape[2]};
    }

    /** An interpolation name Keras accepts and kerasj computes, or a clear error. */
    static String interpolation(String value) {
        if (!INTERPOLATIONS.contains(value)) {
            throw new IllegalArgumentException("Invalid value for argument `interpolation`. Expected one of "
                    + INTERPOLATIONS + ". Received: interpolation=" + value);
        }
        return value;
    }

    static String fillMode(String value) {
        if (!FILL_MODES.contains(value)) {
            throw new IllegalArgumentException("Unknown `fill_mode` " + value + ". Expected values are " + FILL_MODES);
        }
        return value;
    }

    /**
     * Keras's {@code affine_transform}: output pixel {@code (y, x)} samples the input at
     * {@code x' = (a0·x + a1·y + a2) / k}, {@code y' = (b0·x + b1·y + b2) / k}, {@code k = c0·x + c1·y + 1},
     * one 8-vector {@code [a0, a1, a2, b0, b1, b2, c0, c1]} per image, points outside filled by
     * {@code fillMode} (reflect: mirror about the edge (d c b a | a b c d | d c b a); wrap; nearest: the edge
     * pixel; constant: {@code fillValue}), bilinearly or from the nearest pixel.
     */
    static float[] transform(float[] x, int n, int h, int w, int c, double[][] transforms, String interpolation,
                             String fillMode, float fillValue) {
        float[] y = new float[x.length];
        boolean nearest = interpolation.equals("nearest");
        int mode = FILL_MODES.indexOf(fillMode);
        int o = 0;
        for (int b = 0; b < n; b++) {
            double[] t = transforms[b];
            int base = b * h * w * c;
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double k = t[6] * j + t[7] * i + 1.0;
                    double sx = (t[0] * j + t[1] * i + t[2]) / k;
                    double sy = (t[3] * j + t[4] * i + t[5]) / k;
                    for (int ch = 0; ch < c; ch++) {
                        if (nearest) {
                            y[o++] = sample(x, base, h, w, c, ch, Math.round(sy), Math.round(sx), mode, fillValue);
                        } else {
                            double fy = Math.floor(sy);
                            double fx = Math.floor(sx);
                            double dy = sy - fy;
                            double dx = sx - fx;
                            long iy = (long) fy;
                            long ix = (long) fx;
                            double v = (1 - dy) * ((1 - dx) * sample(x, base, h, w, c, ch, iy, ix, mode, fillValue)
                                    + dx * sample(x, base, h, w, c, ch, iy, ix + 1, mode, fillValue))
                                    + dy * ((1 - dx) * sample(x, base, h, w, c, ch, iy + 1, ix, mode, fillValue)
                                    + dx * sample(x, base, h, w, c, ch, iy + 1, ix + 1, mode, fillValue));
                            y[o++] = (float) v;
                        }
                    }
                }
            }
        }
        return y;
    }

    /** The pixel at integer {@code (iy, ix)}, mapped into the image by the fill mode. */
    private static float sample(float[] x, int base, int h, int w, int c, int ch, long iy, long ix, int fillMode,
                                float fillValue) {
        long ry = map(iy, h, fillMode);
        long rx = map(ix, w, fillMode);
        if (ry < 0 || rx < 0) {
            return fillValue;
        }
        return x[base + (int) ((ry * w + rx) * c) + ch];
    }

    /** A coordinate mapped into {@code [0, size)} by the fill mode (an index of {@link #FILL_MODES}), or −1 for constant. */
    static long map(long v, int size, int fillMode) {
        if (v >= 0 && v < size) {
            return v;
        }
        switch (FILL_MODES.get(fillMode)) {
            case "reflect": {
                if (size == 1) {
                    return 0;
                }
                long period = 2L * size;
                long m = Math.floorMod(v, period);
                return m < size ? m : period - 1 - m;
            }
            case "wrap":
                return Math.floorMod(v, (long) size);
            case "nearest":
                return Math.min(Math.max(v, 0), size - 1);
            default:
                return -1;
        }
    }
}
