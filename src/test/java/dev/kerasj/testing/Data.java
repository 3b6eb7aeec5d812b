package dev.kerasj.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Small deterministic datasets for tests. */
public final class Data {
    private Data() {
    }

    /** Three well-separated Gaussian blobs in 2-D: x (n, 2), integer labels y (n,). */
    public static INDArray[] blobs(int n, long seed) {
        Random r = new Random(seed);
        double[][] centers = {{-3, 0}, {3, 0}, {0, 4}};
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x[2 * i] = (float) (centers[c][0] + r.nextGaussian() * 0.7);
            x[2 * i + 1] = (float) (centers[c][1] + r.nextGaussian() * 0.7);
            y[i] = c;
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, 2}, 'c'), Nd4j.create(y, new long[] {n}, 'c')};
    }

    /** The four XOR points repeated {@code copies} times: x (4·copies, 2), y (4·copies, 1). */
    public static INDArray[] xor(int copies) {
        float[] x = new float[8 * copies];
        float[] y = new float[4 * copies];
        int[][] pts = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        for (int i = 0; i < 4 * copies; i++) {
            int[] p = pts[i % 4];
            x[2 * i] = p[0];
            x[2 * i + 1] = p[1];
            y[i] = p[0] ^ p[1];
        }
        return new INDArray[] {Nd4j.create(x, new long[] {4L * copies, 2}, 'c'), Nd4j.create(y, new long[] {4L * copies, 1}, 'c')};
    }

    /** Sequential values 0..n·k−1 as float32 (n, k), handy to see which rows went where. */
    public static INDArray arange(int n, int k) {
        return Nd4j.arange(0, (double) n * k).castTo(DataType.FLOAT).reshape('c', n, k);
    }
}
