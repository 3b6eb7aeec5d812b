package dev.kerasj.internal;

/**
 * {@code tf.image.resize} (bilinear or nearest, half-pixel centres, no antialiasing) of channels-last float images,
 * and Keras's {@code smart_resize} window: one implementation for the {@code Resizing}/{@code CenterCrop}/
 * {@code RandomCrop} layers and for the images {@code ImageDatasets} reads from disk.
 */
public final class ImageResize {
    private ImageResize() {
    }

    /**
     * The window {@code [top, top + ch) × [left, left + cw)} of each image resized to {@code (oh, ow)}, as
     * {@code tf.image.resize(…, antialias=False)}: source coordinate {@code (d + 0.5) · in/out − 0.5};
     * bilinear between {@code max(floor, 0)} and {@code min(ceil, size − 1)}, or the nearest pixel
     * {@code min(floor((d + 0.5) · in/out), size − 1)}. A window of the output size is an exact crop.
     */
    public static float[] resize(float[] x, int n, int h, int w, int c, int top, int left, int ch, int cw, int oh, int ow,
                                 String interpolation) {
        float[] y = new float[n * oh * ow * c];
        resize(x, n, h, w, c, top, left, ch, cw, oh, ow, interpolation, y, 0);
        return y;
    }

    /** {@link #resize(float[], int, int, int, int, int, int, int, int, int, int, String)} into {@code y} from {@code offset}. */
    public static void resize(float[] x, int n, int h, int w, int c, int top, int left, int ch, int cw, int oh, int ow,
                              String interpolation, float[] y, int offset) {
        double sy = (double) ch / oh;
        double sx = (double) cw / ow;
        boolean nearest = interpolation.equals("nearest");
        int[] y0 = new int[oh];
        int[] y1 = new int[oh];
        float[] fy = new float[oh];
        for (int i = 0; i < oh; i++) {
            if (nearest) {
                y0[i] = Math.min((int) Math.floor((i + 0.5) * sy), ch - 1);
            } else {
                double in = (i + 0.5) * sy - 0.5;
                double fl = Math.floor(in);
                y0[i] = (int) Math.max(fl, 0);
                y1[i] = (int) Math.min(Math.ceil(in), ch - 1);
                fy[i] = (float) (in - fl);
            }
        }
        int[] x0 = new int[ow];
        int[] x1 = new int[ow];
        float[] fx = new float[ow];
        for (int j = 0; j < ow; j++) {
            if (nearest) {
                x0[j] = Math.min((int) Math.floor((j + 0.5) * sx), cw - 1);
            } else {
                double in = (j + 0.5) * sx - 0.5;
                double fl = Math.floor(in);
                x0[j] = (int) Math.max(fl, 0);
                x1[j] = (int) Math.min(Math.ceil(in), cw - 1);
                fx[j] = (float) (in - fl);
            }
        }
        int o = offset;
        for (int b = 0; b < n; b++) {
            int base = b * h * w * c;
            for (int i = 0; i < oh; i++) {
                int r0 = base + (top + y0[i]) * w * c;
                int r1 = base + (top + y1[i]) * w * c;
                for (int j = 0; j < ow; j++) {
                    int a = (left + x0[j]) * c;
                    if (nearest) {
                        System.arraycopy(x, r0 + a, y, o, c);
                        o += c;
                        continue;
                    }
                    int bb = (left + x1[j]) * c;
                    float wy = fy[i];
                    float wx = fx[j];
                    for (int k = 0; k < c; k++) {
                        float t = x[r0 + a + k] + (x[r0 + bb + k] - x[r0 + a + k]) * wx;
                        float u = x[r1 + a + k] + (x[r1 + bb + k] - x[r1 + a + k]) * wx;
                        y[o++] = t + (u - t) * wy;
                    }
                }
            }
        }
    }

    /**
     * The largest centred window of an {@code (h, w)} image with the aspect ratio of {@code (th, tw)}, as
     * Keras's {@code smart_resize} / {@code crop_to_aspect_ratio} compute it: {@code [top, left, height, width]}.
     */
    public static int[] aspectWindow(int h, int w, int th, int tw) {
        int cropH = Math.max(Math.min(h, (int) ((double) w * th / tw)), 1);
        int cropW = Math.max(Math.min(w, (int) ((double) h * tw / th)), 1);
        return new int[] {(int) ((h - cropH) / 2.0), (int) ((w - cropW) / 2.0), cropH, cropW};
    }
}
