package dev.kerasj.testing;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the first images/labels of a gzipped IDX file (MNIST layout) for tests. */
public final class Idx {
    /** The dataset mirror: {@code KERASJ_DATASET_MIRROR}, else {@code ../shared/datasets} beside the checkout. */
    public static final Path DATASETS = mirror();

    private static Path mirror() {
        String env = System.getenv("KERASJ_DATASET_MIRROR");
        if (env != null && !env.isBlank() && !env.startsWith("http")) {
            return Path.of(env);
        }
        return Path.of("..", "shared", "datasets").toAbsolutePath().normalize();
    }

    private Idx() {
    }

    /** The first {@code n} images as float32 (n, rows·cols) scaled to [0, 1]. */
    public static INDArray images(Path gz, int n) throws IOException {
        try (DataInputStream in = open(gz)) {
            if (in.readInt() != 0x00000803) {
                throw new IOException("not an IDX image file: " + gz);
            }
            int count = Math.min(n, in.readInt());
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] buf = new byte[count * rows * cols];
            in.readFully(buf);
            float[] f = new float[buf.length];
            for (int i = 0; i < buf.length; i++) {
                f[i] = (buf[i] & 0xff) / 255f;
            }
            return Nd4j.createFromArray(f).reshape(count, (long) rows * cols);
        }
    }

    /** The first {@code n} labels as ints. */
    public static int[] labels(Path gz, int n) throws IOException {
        try (DataInputStream in = open(gz)) {
            if (in.readInt() != 0x00000801) {
                throw new IOException("not an IDX label file: " + gz);
            }
            int count = Math.min(n, in.readInt());
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = in.readUnsignedByte();
            }
            return out;
        }
    }

    private static DataInputStream open(Path gz) throws IOException {
        InputStream raw = Files.newInputStream(gz);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)));
    }
}
