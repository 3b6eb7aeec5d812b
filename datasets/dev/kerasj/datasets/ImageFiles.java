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
        int top = 0;
        int left = 0;
        int ch = image.height();
        int cw = image.width();
        if (cropToAspectRatio) {
            ch = Math.max(Math.min(image.height(), (int) ((double) image.width() * height / width)), 1);
            cw = Math.max(Math.min(image.width(), (int) ((double) image.height() * width / height)), 1);
            top = (int) ((double) (image.height() - ch) / 2);
            left = (int) ((double) (image.width() - cw) / 2);
        }
        int c = image.channels();
        if (ch == height && cw == width) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(image.values(), ((top + y) * image.width() + left) * c, out, offset + y * width * c, width * c);
            }
            return;
        }
        double sy = (double) ch / height;
        double sx = (double) cw / width;
        boolean nearest = interpolation.equals("nearest");
        for (int y = 0; y < height; y++) {
            double fy = (y + 0.5) * sy - 0.5;
            for (int x = 0; x < width; x++) {
                double fx = (x + 0.5) * sx - 0.5;
                int o = offset + (y * width + x) * c;
                if (nearest) {
                    // TF's half-pixel nearest: floor of the centre's source position, clamped
                    int ny = top + Math.min(ch - 1, (int) Math.floor((y + 0.5) * sy));
                    int nx = left + Math.min(cw - 1, (int) Math.floor((x + 0.5) * sx));
                    for (int k = 0; k < c; k++) {
                        out[o + k] = image.at(ny, nx, k);
                    }
                    continue;
                }
                double y0f = Math.floor(fy);
                double x0f = Math.floor(fx);
                double dy = fy - y0f;
                double dx = fx - x0f;
                int y0 = top + Math.max((int) y0f, 0);
                int y1 = top + Math.min((int) Math.ceil(fy), ch - 1);
                int x0 = left + Math.max((int) x0f, 0);
                int x1 = left + Math.min((int) Math.ceil(fx), cw - 1);
                for (int k = 0; k < c; k++) {
                    double topRow = image.at(y0, x0, k) + (image.at(y0, x1, k) - image.at(y0, x0, k)) * dx;
                    double bottomRow = image.at(y1, x0, k) + (image.at(y1, x1, k) - image.at(y1, x0, k)) * dx;
                    out[o + k] = (float) (topRow + (bottomRow - topRow) * dy);
                }
            }
        }
    }
}
