package dev.kerasj.explain;

import dev.kerasj.display.Png;
import dev.kerasj.internal.Canvas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Heat maps of an explanation (Grad-CAM, saliency, integrated gradients) as PNG pictures, alone or over the
 * image they explain, as keras.io's Grad-CAM example draws them.
 *
 * <p>The heat map is resized to the picture bilinearly (pixel centres aligned, as {@code tf.image.resize}) and
 * coloured by its values:
 * <ul>
 *   <li>non-negative values (Grad-CAM's [0, 1] maps, saliency): divided by their maximum and coloured with
 *       matplotlib's "jet" colour map, dark blue (0) to dark red (the maximum); over an image, blended with
 *       opacity {@code alpha} everywhere ({@code (1 − alpha)·image + alpha·jet}; keras.io adds
 *       {@code 0.4 × jet} to the image and rescales);</li>
 *   <li>signed values (integrated gradients of one channel): divided by their largest magnitude and coloured
 *       red where positive and blue where negative (shap's colours), with opacity {@code alpha·|t|}, so zeros
 *       leave the image as it is (alone: white);</li>
 *   <li>a heat map {@code (h, w, c)} (attributions of a channels-last image) is first reduced over its
 *       channels by the largest magnitude, {@code max_c |a[h, w, c]|}: where the attribution is large,
 *       whatever its sign.</li>
 * </ul>
 * The image, {@code (h, w)}, {@code (h, w, 1)} or {@code (h, w, 3)} (a leading batch axis of 1 is dropped),
 * is drawn in grey levels or RGB, each pixel as a {@code scale × scale} block: values in [0, 1] as they are,
 * integer arrays and values up to 255 divided by 255. The picture is {@code w·scale × h·scale} pixels; the
 * default scale is the smallest integer that makes the longer side at least {@value #MIN_SIDE} pixels (8 for
 * MNIST's 28 × 28).
 *
 * <pre>{@code
 * INDArray maps = new GradCam(cnn).heatmap(images);                        // (n, h', w') in [0, 1]
 * display(Heatmaps.overlay(images.get(point(0)), maps.get(point(0))).image());
 * INDArray ig = new IntegratedGradients(cnn).attributions(images);         // (n, 28, 28, 1)
 * display(Heatmaps.overlay(images.get(point(0)), ig.get(point(0))).image());
 * }</pre>
 */
public final class Heatmaps {
    /** Opacity of the heat map over the image, keras.io's Grad-CAM example's 0.4. */
    public static final double DEFAULT_ALPHA = 0.4;
    /** The default scale makes the longer side of the picture at least this many pixels. */
    public static final int MIN_SIDE = 224;
    private static final int MAX_SIDE = 4096;

    private Heatmaps() {
    }

    /** {@code heat} over {@code image}, opacity {@value #DEFAULT_ALPHA}, scaled to at least {@value #MIN_SIDE} pixels. */
    public static Png overlay(INDArray image, INDArray heat) {
        double[][][] img = pixels(image);
        return overlay(img, Heat.of(heat), DEFAULT_ALPHA, defaultScale(img.length, img[0].length));
    }

    /** {@code heat} over {@code image} with opacity {@code alpha} ∈ [0, 1], each image pixel drawn {@code scale × scale}. */
    public static Png overlay(INDArray image, INDArray heat, double alpha, int scale) {
        return overlay(pixels(image), Heat.of(heat), alpha, scale);
    }

    private static Png overlay(double[][][] img, Heat map, double alpha, int scale) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("Invalid `alpha`: expected a number in [0, 1]. Received: alpha=" + alpha);
        }
        int h = img.length;
        int w = img[0].length;
        requireScale(scale, h, w);
        BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int py = 0; py < h * scale; py++) {
            for (int px = 0; px < w * scale; px++) {
                double[] under = img[py / scale][px / scale];
                double t = map.at(py, px, h * scale, w * scale);
                double[] c = map.colour(t);
                double a = map.signed ? alpha * Math.abs(t) : alpha;
                out.setRGB(px, py, rgb((1 - a) * under[0] + a * c[0], (1 - a) * under[1] + a * c[1],
                        (1 - a) * under[2] + a * c[2]));
            }
        }
        return Png.of(out);
    }

    /** The heat map alone, scaled so its longer side is at least {@value #MIN_SIDE} pixels. */
    public static Png heatmap(INDArray heat) {
        Heat map = Heat.of(heat);
        return heatmap(map, defaultScale(map.h, map.w));
    }

    /** The heat map alone, each of its cells {@code scale × scale} pixels (bilinear in between). */
    public static Png heatmap(INDArray heat, int scale) {
        return heatmap(Heat.of(heat), scale);
    }

    private static Png heatmap(Heat map, int scale) {
        requireScale(scale, map.h, map.w);
        int height = map.h * scale;
        int width = map.w * scale;
        BufferedImage out = Canvas.blank(width, height);
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                double t = map.at(py, px, height, width);
                double[] c = map.colour(t);
                double a = map.signed ? Math.abs(t) : 1;
                out.setRGB(px, py, rgb((1 - a) + a * c[0], (1 - a) + a * c[1], (1 - a) + a * c[2]));
            }
        }
        return Png.of(out);
    }

    /** The smallest scale that makes the longer side at least {@value #MIN_SIDE} pixels (1 when it is already). */
    public static int defaultScale(int height, int width) {
        int side = Math.max(1, Math.max(height, width));
        return Math.max(1, (MIN_SIDE + side - 1) / side);
    }

    /**
     * matplotlib's "jet" at {@code t} ∈ [0, 1] as RGB in [0, 1]: dark blue (0, 0, 0.5) through blue, cyan,
     * yellow and red to dark red (0.5, 0, 0).
     */
    static double[] jet(double t) {
        double u = Math.max(0, Math.min(1, t));
        return new double[] {
            piecewise(u, new double[] {0, 0.35, 0.66, 0.89, 1}, new double[] {0, 0, 1, 1, 0.5}),
            piecewise(u, new double[] {0, 0.125, 0.375, 0.64, 0.91, 1}, new double[] {0, 0, 1, 1, 0, 0}),
            piecewise(u, new double[] {0, 0.11, 0.34, 0.65, 1}, new double[] {0.5, 1, 1, 0, 0}),
        };
    }

    private static double piecewise(double u, double[] xs, double[] ys) {
        for (int i = 1; i < xs.length; i++) {
            if (u <= xs[i]) {
                return ys[i - 1] + (u - xs[i - 1]) / (xs[i] - xs[i - 1]) * (ys[i] - ys[i - 1]);
            }
        }
        return ys[ys.length - 1];
    }

    private static int rgb(double r, double g, double b) {
        return (level(r) << 16) | (level(g) << 8) | level(b);
    }

    private static int level(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    private static void requireScale(int scale, int h, int w) {
        if (scale < 1 || (long) scale * Math.max(h, w) > MAX_SIDE) {
            throw new IllegalArgumentException("Invalid `scale`: expected a positive integer that keeps the picture within "
                    + MAX_SIDE + " pixels a side (image " + h + "x" + w + "). Received: scale=" + scale);
        }
    }

    /** A heat map normalised to [0, 1] (non-negative) or [−1, 1] (signed), sampled bilinearly. */
    private static final class Heat {
        final double[][] v;
        final int h;
        final int w;
        final boolean signed;

        private Heat(double[][] v, boolean signed) {
            this.v = v;
            this.h = v.length;
            this.w = v[0].length;
            this.signed = signed;
        }

        static Heat of(INDArray heat) {
            if (heat == null || heat.rank() < 2 || heat.rank() > 3 || heat.length() == 0) {
                throw new IllegalArgumentException("Invalid `heat`: expected a map (h, w) or attributions (h, w, channels). "
                        + "Received: " + (heat == null ? "heat=null" : "shape " + Arrays.toString(heat.shape())));
            }
            INDArray a = heat.castTo(DataType.DOUBLE);
            if (a.rank() == 3) {
                a = org.nd4j.linalg.ops.transforms.Transforms.abs(a, true).max(2);
            }
            double[][] v = a.toDoubleMatrix();
            double min = Double.POSITIVE_INFINITY;
            double maxAbs = 0;
            for (int i = 0; i < v.length; i++) {
                for (int j = 0; j < v[i].length; j++) {
                    if (!Double.isFinite(v[i][j])) {
                        throw new IllegalArgumentException("Invalid `heat`: expected finite values. Received: " + v[i][j]
                                + " at (" + i + ", " + j + ")");
                    }
                    min = Math.min(min, v[i][j]);
                    maxAbs = Math.max(maxAbs, Math.abs(v[i][j]));
                }
            }
            if (maxAbs > 0) {
                for (double[] row : v) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] /= maxAbs;
                    }
                }
            }
            return new Heat(v, min < 0);
        }

        /** The value under output pixel (py, px) of a {@code height × width} picture, bilinear, centres aligned. */
        double at(int py, int px, int height, int width) {
            double sy = Math.max(0, Math.min(h - 1, (py + 0.5) * h / height - 0.5));
            double sx = Math.max(0, Math.min(w - 1, (px + 0.5) * w / width - 0.5));
            int y0 = (int) Math.floor(sy);
            int x0 = (int) Math.floor(sx);
            int y1 = Math.min(h - 1, y0 + 1);
            int x1 = Math.min(w - 1, x0 + 1);
            double fy = sy - y0;
            double fx = sx - x0;
            double top = v[y0][x0] + fx * (v[y0][x1] - v[y0][x0]);
            double bottom = v[y1][x0] + fx * (v[y1][x1] - v[y1][x0]);
            return top + fy * (bottom - top);
        }

        double[] colour(double t) {
            if (!signed) {
                return jet(t);
            }
            java.awt.Color c = t >= 0 ? ShapPlots.RED : ShapPlots.BLUE;
            return new double[] {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        }
    }

    /** The image as RGB in [0, 1], {@code [y][x][rgb]}. */
    private static double[][][] pixels(INDArray image) {
        INDArray x = image;
        if (x != null && x.rank() == 4 && x.size(0) == 1) {
            x = x.reshape(x.size(1), x.size(2), x.size(3));
        }
        if (x == null || !(x.rank() == 2 || (x.rank() == 3 && (x.size(2) == 1 || x.size(2) == 3))) || x.length() == 0) {
            throw new IllegalArgumentException("Invalid `image`: expected one image (h, w), (h, w, 1) or (h, w, 3). Received: "
                    + (image == null ? "image=null" : "shape " + Arrays.toString(image.shape())));
        }
        int h = (int) x.size(0);
        int w = (int) x.size(1);
        int c = x.rank() == 3 ? (int) x.size(2) : 1;
        double[] v = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double max = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("Invalid `image`: expected finite pixel values. Received: " + v[i]
                        + " at flat index " + i);
            }
            max = Math.max(max, v[i]);
        }
        double divisor = !x.dataType().isFPType() || max > 1 ? 255 : 1;
        double[][][] p = new double[h][w][3];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                for (int k = 0; k < 3; k++) {
                    double d = v[(y * w + xx) * c + (c == 1 ? 0 : k)] / divisor;
                    p[y][xx][k] = Math.max(0, Math.min(1, d));
                }
            }
        }
        return p;
    }
}
