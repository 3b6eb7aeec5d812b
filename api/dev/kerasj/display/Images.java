package dev.kerasj.display;

import dev.kerasj.internal.Canvas;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Grids of images from an {@code INDArray}, channels-last as Keras: {@code (n, h, w)}, {@code (n, h, w, 1)}
 * (grayscale) or {@code (n, h, w, 3)} (RGB); a single {@code (h, w)} image is a grid of one.
 *
 * <p>Pixel values: an integer array (uint8 MNIST) is divided by 255; a floating-point array within [0, 1] is
 * drawn as is (0 black, 1 white); anything else (activations, weights) is stretched per image from its minimum
 * (black) to its maximum (white).
 *
 * <p>Geometry, with padding {@code P = 4} and a caption line {@code C = 16} pixels high when captions are
 * given: each cell is {@code w·scale} wide and {@code h·scale + C} high; the picture is
 * {@code cols·w·scale + (cols+1)·P} wide and {@code rows·(h·scale + C) + (rows+1)·P} high; image {@code i}
 * sits at column {@code i % cols}, row {@code i / cols}, its top-left pixel at
 * {@code (P + col·(w·scale + P), P + row·(h·scale + C + P))}.
 *
 * <pre>{@code
 * display(Images.grid(mnist.xTrain().get(NDArrayIndex.interval(0, 8)), 8, List.of("5","0","4","1","9","2","1","3"), 2).image());
 * }</pre>
 */
public final class Images {
    /** Padding between and around cells, in pixels. */
    public static final int PADDING = 4;
    /** Height of a caption line, in pixels. */
    public static final int CAPTION_HEIGHT = 16;
    /** Most images one grid draws. */
    public static final int MAX_IMAGES = 1024;

    private Images() {
    }

    /** Up to 10 images a row, no captions, each pixel drawn 2×2. */
    public static Png grid(INDArray images) {
        long n = images == null ? 0 : (images.rank() == 2 ? 1 : images.size(0));
        return grid(images, (int) Math.max(1, Math.min(10, n)), null, 2);
    }

    /**
     * A grid of {@code columns} images a row, each pixel drawn {@code scale × scale}, with an optional caption
     * under each image ({@code captions} null, or one per image).
     */
    public static Png grid(INDArray images, int columns, List<String> captions, int scale) {
        return draw(images, columns, captions, scale, false);
    }

    /**
     * The filters of a {@code Conv2D} kernel in Keras's layout {@code (kh, kw, in_channels, filters)}, input
     * channel 0, each stretched from its own minimum (black) to maximum (white): what the first layer looks for.
     * 8 filters a row, each pixel drawn 8×8.
     */
    public static Png filters(INDArray kernel) {
        if (kernel == null || kernel.rank() != 4) {
            throw new IllegalArgumentException("Invalid `kernel`: expected a Conv2D kernel of shape (kh, kw, in_channels, "
                    + "filters). Received: shape=" + (kernel == null ? null : java.util.Arrays.toString(kernel.shape())));
        }
        // (kh, kw, in, f) -> (f, kh, kw) of input channel 0
        INDArray first = kernel.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray perFilter = first.permute(2, 0, 1).dup('c');
        return draw(perFilter, (int) Math.min(8, perFilter.size(0)), null, 8, true);
    }

    private static Png draw(INDArray images, int columns, List<String> captions, int scale, boolean stretchEach) {
        if (images == null) {
            throw new IllegalArgumentException("Invalid `images`: expected an array (n, h, w) or (n, h, w, c). Received: null");
        }
        INDArray x = images.rank() == 2 ? images.reshape(1, images.size(0), images.size(1)) : images;
        long[] shape = x.shape().clone();
        int channels = x.rank() == 4 ? (int) shape[3] : 1;
        if (!(x.rank() == 3 || (x.rank() == 4 && (channels == 1 || channels == 3)))) {
            throw new IllegalArgumentException("Invalid `images`: expected shape (n, h, w), (n, h, w, 1) or (n, h, w, 3). "
                    + "Received: shape=" + java.util.Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        if (n < 1 || n > MAX_IMAGES) {
            throw new IllegalArgumentException("Invalid `images`: expected 1 to " + MAX_IMAGES + " images. Received: n=" + n);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("Invalid `columns`: expected a positive integer. Received: columns=" + columns);
        }
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("Invalid `scale`: expected an integer in [1, 64]. Received: scale=" + scale);
        }
        if (captions != null && captions.size() != n) {
            throw new IllegalArgumentException("Invalid `captions`: expected one per image (" + n + "). Received: "
                    + captions.size() + " captions");
        }
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int caption = captions == null ? 0 : CAPTION_HEIGHT;
        int cellW = w * scale;
        int cellH = h * scale + caption;
        int width = cols * cellW + (cols + 1) * PADDING;
        int height = rows * cellH + (rows + 1) * PADDING;
        Canvas.requireSize("image grid", width, height);

        double[] v = x.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        boolean integers = !x.dataType().isFPType();
        double divisor = integers ? 255 : (min >= 0 && max <= 1 ? 1 : Double.NaN);
        boolean stretch = stretchEach || Double.isNaN(divisor);

        BufferedImage image = Canvas.blank(width, height);
        int per = h * w * channels;
        for (int i = 0; i < n; i++) {
            double lo = 0;
            double span = divisor;
            if (stretch) {
                lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int k = i * per; k < (i + 1) * per; k++) {
                    if (Double.isFinite(v[k])) {
                        lo = Math.min(lo, v[k]);
                        hi = Math.max(hi, v[k]);
                    }
                }
                span = hi > lo ? hi - lo : 1;
                if (lo > hi) {
                    lo = 0;
                }
            }
            int ox = PADDING + (i % cols) * (cellW + PADDING);
            int oy = PADDING + (i / cols) * (cellH + PADDING);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int base = i * per + (r * w + c) * channels;
                    int rgb;
                    if (channels == 1) {
                        int g = level(v[base], lo, span);
                        rgb = (g << 16) | (g << 8) | g;
                    } else {
                        rgb = (level(v[base], lo, span) << 16) | (level(v[base + 1], lo, span) << 8)
                                | level(v[base + 2], lo, span);
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            image.setRGB(ox + c * scale + dx, oy + r * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        if (captions != null) {
            Graphics2D g = Canvas.graphics(image);
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < n; i++) {
                int ox = PADDING + (i % cols) * (cellW + PADDING);
                int oy = PADDING + (i / cols) * (cellH + PADDING) + h * scale;
                String text = captions.get(i) == null ? "" : captions.get(i);
                java.awt.Shape clip = g.getClip();
                g.clipRect(ox, oy, cellW, CAPTION_HEIGHT);
                Canvas.centered(g, text, ox + cellW / 2.0, oy + (CAPTION_HEIGHT + fm.getAscent()) / 2.0 - 1);
                g.setClip(clip);
            }
            g.dispose();
        }
        return Png.of(image);
    }

    private static int level(double value, double lo, double span) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        long g = Math.round((value - lo) / span * 255);
        return (int) Math.max(0, Math.min(255, g));
    }
}
