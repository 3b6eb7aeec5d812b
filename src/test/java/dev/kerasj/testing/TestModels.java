package dev.kerasj.testing;

import dev.kerasj.Model;
import dev.kerasj.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Small data and weight helpers shared by the training-control tests. */
public final class TestModels {
    private TestModels() {
    }

    /** (n, features) uniform in [-1, 1) and a noisy linear target y = x·w + 0.5, shape (n, 1), float32. */
    public static INDArray[] regression(int n, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][features];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            double t = 0.5;
            for (int j = 0; j < features; j++) {
                x[i][j] = (float) (r.nextDouble() * 2 - 1);
                t += x[i][j] * (j + 1) * 0.3;
            }
            y[i][0] = (float) (t + 0.01 * (r.nextDouble() - 0.5));
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }

    /** Copies of every layer's weights, in layer order. */
    public static List<List<INDArray>> weights(Model model) {
        List<List<INDArray>> all = new ArrayList<>();
        for (Layer l : model.layers()) {
            all.add(l.getWeights());
        }
        return all;
    }

    /** Bit-for-bit equality of two weight arrays. */
    public static void assertSameBits(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        assertArrayEquals(expected.castTo(DataType.FLOAT).dup().data().asFloat(), actual.castTo(DataType.FLOAT).dup().data()
                .asFloat(), what);
    }

    public static void assertSameBits(List<INDArray> expected, List<INDArray> actual, String what) {
        if (expected.size() != actual.size()) {
            throw new AssertionError(what + ": " + expected.size() + " arrays vs " + actual.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            assertSameBits(expected.get(i), actual.get(i), what + " #" + i);
        }
    }
}
