package dev.kerasj.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The first {@code n} MNIST images and labels read from the shared IDX files (a test helper; the
 * product's loader lives in the datasets package). Images {@code (n, 28, 28, 1)} scaled to [0, 1],
 * labels {@code (n,)}.
 */
public record MnistSample(INDArray x, INDArray y) {
    /** The directory holding the four IDX .gz files, or {@code null} when absent. */
    public static Path directory() {
        Path p = dev.kerasj.testing.Idx.DATASETS.resolve("mnist");
        return Files.isRegularFile(p.resolve("train-images-idx3-ubyte.gz")) ? p : null;
    }

    /** {@code n} samples of the training ({@code "train"}) or test ({@code "t10k"}) split. */
    public static MnistSample load(Path dir, String split, int n) throws IOException {
        float[] pixels = new float[n * 28 * 28];
        float[] labels = new float[n];
        try (DataInputStream in = open(dir.resolve(split + "-images-idx3-ubyte.gz"))) {
            if (in.readInt() != 2051) {
                throw new IOException("not an IDX image file");
            }
            in.readInt();
            in.readInt();
            in.readInt();
            byte[] buf = new byte[n * 28 * 28];
            in.readFully(buf);
            for (int i = 0; i < buf.length; i++) {
                pixels[i] = (buf[i] & 0xff) / 255f;
            }
        }
        try (DataInputStream in = open(dir.resolve(split + "-labels-idx1-ubyte.gz"))) {
            if (in.readInt() != 2049) {
                throw new IOException("not an IDX label file");
            }
            in.readInt();
            for (int i = 0; i < n; i++) {
                labels[i] = in.readUnsignedByte();
            }
        }
        return new MnistSample(Nd4j.create(pixels, new long[] {n, 28, 28, 1}, 'c').castTo(DataType.FLOAT),
                Nd4j.createFromArray(labels));
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = Files.newInputStream(p);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)));
    }
}
