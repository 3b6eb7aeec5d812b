package dev.kerasj.testing;

import org.junit.jupiter.api.Assumptions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Image folders for tests, in the layout {@code image_dataset_from_directory} reads: Fashion-MNIST images
 * written as 28×28 greyscale PNG files, one sub-folder per class (the mirror's IDX files; the test is
 * skipped with a message without them), and small coloured pictures drawn pixel by pixel.
 */
public final class ImageFolders {
    /** Fashion-MNIST's class names, by label. */
    public static final String[] FASHION_CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
        "sneaker", "bag", "ankle-boot"};

    private ImageFolders() {
    }

    /**
     * Writes the first {@code perClass} training images of each class in {@code labels} as
     * {@code dir/<class name>/<index>.png}; returns {@code dir}.
     */
    public static Path fashionMnist(Path dir, int perClass, int... labels) throws IOException {
        Path images = Idx.DATASETS.resolve("fashion-mnist/train-images-idx3-ubyte.gz");
        Path labelFile = Idx.DATASETS.resolve("fashion-mnist/train-labels-idx1-ubyte.gz");
        Assumptions.assumeTrue(Files.isRegularFile(images) && Files.isRegularFile(labelFile), "Skipped: no Fashion-MNIST "
                + "IDX files in the mirror (KERASJ_DATASET_MIRROR or ../shared/datasets); run scripts/fetch-datasets "
                + "fashion-mnist.");
        int[] written = new int[10];
        boolean[] wanted = new boolean[10];
        for (int l : labels) {
            wanted[l] = true;
            Files.createDirectories(dir.resolve(FASHION_CLASSES[l]));
        }
        try (DataInputStream img = open(images); DataInputStream lab = open(labelFile)) {
            img.readInt();
            int count = img.readInt();
            int rows = img.readInt();
            int cols = img.readInt();
            lab.readInt();
            lab.readInt();
            byte[] pixels = new byte[rows * cols];
            int done = 0;
            for (int i = 0; i < count && done < labels.length; i++) {
                img.readFully(pixels);
                int l = lab.readUnsignedByte();
                if (!wanted[l] || written[l] >= perClass) {
                    continue;
                }
                BufferedImage b = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
                b.getRaster().setDataElements(0, 0, cols, rows, pixels);
                ImageIO.write(b, "png", dir.resolve(FASHION_CLASSES[l]).resolve(String.format("%05d.png", i)).toFile());
                if (++written[l] == perClass) {
                    done++;
                }
            }
        }
        return dir;
    }

    /** A {@code width × height} RGB picture where pixel (x, y) is {@code rgb.at(x, y)} (0xRRGGBB), saved as {@code format}. */
    public static Path picture(Path file, int width, int height, String format, Colour rgb) throws IOException {
        BufferedImage b = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                b.setRGB(x, y, rgb.at(x, y));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(b, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    /** A greyscale PNG whose pixel (x, y) is {@code grey[y][x]}. */
    public static Path greyPng(Path file, int[][] grey) throws IOException {
        BufferedImage b = new BufferedImage(grey[0].length, grey.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < grey.length; y++) {
            for (int x = 0; x < grey[0].length; x++) {
                b.getRaster().setSample(x, y, 0, grey[y][x]);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(b, "png", file.toFile());
        return file;
    }

    /** The colour of a pixel. */
    @FunctionalInterface
    public interface Colour {
        int at(int x, int y);
    }

    private static DataInputStream open(Path gz) throws IOException {
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(Files.newInputStream(gz))));
    }
}
