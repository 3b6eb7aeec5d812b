package dev.kerasj;

import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.Layer;
import dev.kerasj.losses.SparseCategoricalCrossentropy;
import dev.kerasj.metrics.SparseCategoricalAccuracy;
import dev.kerasj.optimizers.Adam;
import dev.kerasj.testing.Idx;
import dev.kerasj.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The course's transfer-learning recipe on a real split: a body trained on MNIST digits 0-4, frozen, with
 * a new head trained on 500 examples of digits 5-9, beats the same head trained on raw pixels.
 */
class TransferLearningMnistTest {
    private static final Path MNIST = Idx.DATASETS.resolve("mnist");

    /** Images and labels (shifted by {@code offset}) whose label is in [lo, hi], at most {@code max}. */
    private static INDArray[] digits(INDArray x, int[] y, int lo, int hi, int max) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < y.length && rows.size() < max; i++) {
            if (y[i] >= lo && y[i] <= hi) {
                rows.add(i);
            }
        }
        int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = y[idx[i]] - lo;
        }
        return new INDArray[] {x.getRows(idx), Nd4j.createFromArray(labels)};
    }

    @Test
    void aFrozenBodyFromDigits0to4BeatsRawPixelsOnDigits5to9() throws Exception {
        assumeTrue(Files.exists(MNIST.resolve("train-images-idx3-ubyte.gz")), "MNIST not available");
        INDArray xTrain = Idx.images(MNIST.resolve("train-images-idx3-ubyte.gz"), 10000);
        int[] yTrain = Idx.labels(MNIST.resolve("train-labels-idx1-ubyte.gz"), 10000);
        INDArray xTest = Idx.images(MNIST.resolve("t10k-images-idx3-ubyte.gz"), 2000);
        int[] yTest = Idx.labels(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), 2000);
        INDArray[] low = digits(xTrain, yTrain, 0, 4, 5000);
        INDArray[] highFew = digits(xTrain, yTrain, 5, 9, 500);
        INDArray[] highTest = digits(xTest, yTest, 5, 9, 1000);
        FitOptions opts = FitOptions.defaults().verbose(0).seed(1).batchSize(32);

        // 1. The body learns digits 0-4 (about 97% on their test images).
        Kerasj.setRandomSeed(1);
        Sequential base = new Sequential(new Input(784), new Dense(512, "relu").name("features"), new Dense(5, "softmax"));
        base.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        base.fit(low[0], low[1], opts.epochs(5));
        List<INDArray> trained = base.getLayer("features").getWeights();

        // 2. Its frozen body gets a new head for digits 5-9, trained on 500 examples.
        Layer body = base.getLayer("features").trainable(false);
        Sequential transfer = new Sequential(new Input(784), body, new Dense(5, "softmax").name("new_head"));
        transfer.compile(new Adam(0.01), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy());
        transfer.fit(highFew[0], highFew[1], opts.epochs(20));
        double transferAcc = transfer.evaluate(highTest[0], highTest[1]).get("sparse_categorical_accuracy");
        TestModels.assertSameBits(trained, body.getWeights(), "the frozen body");

        // 3. The same head on raw pixels, with the same data, optimizer and epochs.
        Kerasj.setRandomSeed(1);
        Sequential raw = new Sequential(new Input(784), new Dense(5, "softmax"));
        raw.compile(new Adam(0.01), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy());
        raw.fit(highFew[0], highFew[1], opts.epochs(20));
        double rawAcc = raw.evaluate(highTest[0], highTest[1]).get("sparse_categorical_accuracy");

        System.out.printf("digits 5-9 test accuracy: frozen 0-4 body + head %.4f, head on raw pixels %.4f%n", transferAcc,
                rawAcc);
        assertTrue(transferAcc > rawAcc + 0.02, "transfer " + transferAcc + " vs raw " + rawAcc);
    }
}
