package dev.kerasj.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark's data, read the way torch_ref.py reads it: MNIST from the IDX files (gzip), scaled to
 * [0, 1]; the hourly Seattle normals cut into 120-step windows predicting the temperature 24 h later.
 */
final class BenchData {
    private BenchData() {
    }

    /** MNIST as flat row-major arrays: images {@code n*784} floats in [0, 1], labels {@code n} ints. */
    record Mnist(float[] xTrain, int[] yTrain, float[] xTest, int[] yTest) {
        int nTrain() {
            return yTrain.length;
        }

        int nTest() {
            return yTest.length;
        }
    }

    /** Windows {@code (n, 120, 3)} row-major (time-major per sample) and targets {@code (n,)}. */
    record Weather(float[] x, float[] y, int n, int steps, int features) {
    }

    static Mnist mnist(Path dir) throws IOException {
        Path d = dir.resolve("mnist");
        return new Mnist(images(d.resolve("train-images-idx3-ubyte.gz")), labels(d.resolve("train-labels-idx1-ubyte.gz")),
                images(d.resolve("t10k-images-idx3-ubyte.gz")), labels(d.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    private static byte[] idx(Path f, int magic) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 1 << 16);
             DataInputStream data = new DataInputStream(in)) {
            int m = data.readInt();
            if (m != magic) {
                throw new IOException(f + ": not an IDX file with magic " + magic + " (found " + m + ")");
            }
            int dims = magic & 0xff;
            long size = 1;
            for (int i = 0; i < dims; i++) {
                size *= data.readInt();
            }
            byte[] b = new byte[(int) size];
            data.readFully(b);
            return b;
        }
    }

    private static float[] images(Path f) throws IOException {
        byte[] b = idx(f, 0x0803);
        float[] x = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            x[i] = (b[i] & 0xff) / 255f;
        }
        return x;
    }

    private static int[] labels(Path f) throws IOException {
        byte[] b = idx(f, 0x0801);
        int[] y = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            y[i] = b[i] & 0xff;
        }
        return y;
    }

    /** Training windows of torch_ref.py's {@code lstm} case: first half of the year, z-scored inputs. */
    static Weather weather(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("weather/seattle-weather-hourly-normals.csv"));
        int n = lines.size() - 1;
        int f = 3;
        float[][] a = new float[n][f];
        for (int i = 0; i < n; i++) {
            String[] c = lines.get(i + 1).split(",");
            for (int j = 0; j < f; j++) {
                a[i][j] = Float.parseFloat(c[j + 1]);
            }
        }
        int ntr = (int) (0.5 * n);
        double[] mean = new double[f];
        double[] std = new double[f];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < ntr; i++) {
                mean[j] += a[i][j];
            }
            mean[j] /= ntr;
            for (int i = 0; i < ntr; i++) {
                std[j] += (a[i][j] - mean[j]) * (a[i][j] - mean[j]);
            }
            std[j] = Math.sqrt(std[j] / ntr);
        }
        int seq = 120;
        int delay = 24;
        int windows = ntr - seq - delay + 1;
        float[] x = new float[windows * seq * f];
        float[] y = new float[windows];
        for (int s = 0; s < windows; s++) {
            for (int t = 0; t < seq; t++) {
                for (int j = 0; j < f; j++) {
                    x[(s * seq + t) * f + j] = (float) ((a[s + t][j] - mean[j]) / std[j]);
                }
            }
            y[s] = a[s + seq + delay - 1][1];
        }
        return new Weather(x, y, windows, seq, f);
    }
}
