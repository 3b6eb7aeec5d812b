package dev.kerasj.datasets;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The file work behind {@link ImageDatasets}: finding the image files of a class folder as Keras's
 * {@code index_directory} does, and decoding one file into channels-last float pixels resized to the
 * requested size as {@code tf.image.resize} does (bilinear or nearest, half-pixel centres, no antialiasing).
 */
final class ImageFiles {
    /** Keras's {@code ALLOWLIST_FORMATS}: the file name endings read, compared in lower case. */
    static final List<String> FORMATS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");

    private ImageFiles() {
    }

    /**
     * The class folders of {@code dir}: its sub-folders not starting with a dot, sorted by name (Python's
     * {@code sorted(os.listdir(dir))}).
     */
    static List<String> classFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list the folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The image files under {@code folder}, at any depth, as Keras walks them: folders in the order of their
     * path names, files sorted by name within each, only the allowed extensions.
     */
    static List<Path> imagesUnder(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            List<Path> files = new ArrayList<>(s.filter(Files::isRegularFile).filter(ImageFiles::allowed).toList());
            files.sort((a, b) -> {
                int byFolder = a.getParent().toString().compareTo(b.getParent().toString());
                return byFolder != 0 ? byFolder : a.getFileName().toString().compareTo(b.getFileName().toString());
            });
            return files;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DatasetException("Cannot list the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    static boolean allowed(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return FORMATS.stream().anyMatch(name::endsWith);
    }

    /** A decoded image: {@code height × width} pixels of {@code channels} values in [0, 255], channels last. */
    record Pixels(int height, int width, int channels, float[] values) {
        float at(int y, int x, int c) {
            return values[(y * width + x) * channels + c];
        }
    }

    /**
     * The image in {@code file} with {@code channels} channels (1 grayscale, 3 RGB, 4 RGBA): a grey image
     * is copied to each colour channel, alpha is dropped for RGB and 255 where the file has none, colour
     * becomes grey by PIL's ITU-R 601-2 luma {@code L = (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16}
     * (what Keras's {@code load_img} uses). A GIF gives its first frame; 16-bit samples are scaled to 8 bits.
     *
     * @throws DatasetException naming the file when it cannot be read or decoded
     */
    static Pixels decode(Path file, int channels) {
        BufferedImage image;
        try {
            byte[] bytes = Files.readAllBytes(file);
            image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        if (image == null) {
            throw unreadable(file, "no image decoder recognises its content", null);
        }
        int h = image.getHeight();
        int w = image.getWidth();
        float[] out = new float[h * w * channels];
        Raster raster = image.getRaster();
        boolean grey = image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && raster.getNumBands() <= 2 && !(image.getColorModel() instanceof java.awt.image.IndexColorModel);
        double scale = raster.getSampleModel().getSampleSize(0) > 8 ? 1.0 / 257 : 1.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r;
                int g;
                int b;
                int a;
                if (grey) {
                    // Raw samples: getRGB would pass grey through a colour-space conversion and change the values.
                    r = (int) Math.round(raster.getSample(x, y, 0) * scale);
                    g = r;
                    b = r;
                    a = raster.getNumBands() == 2 ? (int) Math.round(raster.getSample(x, y, 1) * scale) : 255;
                } else {
                    int argb = image.getRGB(x, y);
                    a = image.getColorModel().hasAlpha() ? argb >>> 24 : 255;
                    r = (argb >> 16) & 0xff;
                    g = (argb >> 8) & 0xff;
                    b = argb & 0xff;
                }
                int o = (y * w + x) * channels;
                if (channels == 1) {
                    out[o] = grey ? r : (19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16;
                } else {
                    out[o] = r;
                    out[o + 1] = g;
                    out[o + 2] = b;
                    if (channels == 4) {
                        out[o + 3] = a;
                    }
                }
            }
        }
        return new Pixels(h, w, channels, out);
    }

    private static DatasetException unreadable(Path file, String why, Throwable cause) {
        return new DatasetException("Cannot read the image " + file + ": " + why + ". Expected a JPEG, PNG, BMP or GIF "
                + "file; remove or replace it.", cause);
    }

    /**
     * {@code image} resized to {@code height × width}, written into {@code out} from {@code offset}:
     * {@code tf.image.resize} with half-pixel centres (source {@code (i + 0.5)·in/out − 0.5}, edges clamped).
     * With {@code cropToAspectRatio} the largest centred window of the target's aspect ratio is cut first,
     * as Keras's {@code smart_resize} does.
     */
    static void resize(Pixels image, int height, int width, String interpolation, boolean cropToAspectRatio,
                       float[] out, int offset) {
        int[] window = cropToAspectRatio
                ? dev.kerasj.internal.ImageResize.aspectWindow(image.height(), image.width(), height, width)
                : new int[] {0, 0, image.height(), image.width()};
        dev.kerasj.internal.ImageResize.resize(image.values(), 1, image.height(), image.width(), image.channels(),
                window[0], window[1], window[2], window[3], height, width, interpolation, out, offset);
    }
}
