package dev.kerasj.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The course's convolutional networks: Keras's summary figures, and a short MNIST run well above chance. */
class MnistConvnetTest {
    /** Deep Learning with Python, chapter 8: the MNIST convnet, 104,202 parameters. */
    static Sequential bookConvnet() {
        return new Sequential(
                new Input(28, 28, 1),
                new Conv2D(32, 3).activation("relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3).activation("relu"),
                new MaxPooling2D(2),
                new Conv2D(128, 3).activation("relu"),
                new Flatten(),
                new Dense(10, "softmax"));
    }

    @Test
    void bookConvnetSummaryMatchesKeras() {
        Sequential m = bookConvnet();
        long[][] shapes = {s(26, 26, 32), s(13, 13, 32), s(11, 11, 64), s(5, 5, 64), s(3, 3, 128), s(1152), s(10)};
        long[] params = {320, 0, 18_496, 0, 73_856, 0, 11_530};
        for (int i = 0; i < shapes.length; i++) {
            assertArrayEquals(shapes[i], m.layers().get(i).outputShape(), m.layers().get(i).name());
            assertEquals(params[i], m.layers().get(i).countParams(), m.layers().get(i).name());
        }
        assertEquals(104_202, m.countParams());
        String summary = m.summaryString();
        System.out.println(summary);
        for (String expected : new String[] {"conv2d (Conv2D)", "max_pooling2d (MaxPooling2D)", "conv2d_1 (Conv2D)",
                "(None, 26, 26, 32)", "(None, 3, 3, 128)", "(None, 1152)", "73,856", "104,202"}) {
            assertTrue(summary.contains(expected), "summary lacks " + expected + "\n" + summary);
        }
    }

    private static Map<String, Double> trainAndEvaluate(Sequential model, int epochs) throws Exception {
        Path dir = MnistSample.directory();
        Assumptions.assumeTrue(dir != null, "MNIST IDX files not found in the mirror (KERASJ_DATASET_MIRROR or ../shared/datasets)");
        MnistSample train = MnistSample.load(dir, "train", 2000);
        MnistSample test = MnistSample.load(dir, "t10k", 500);
        model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        model.fit(train.x(), train.y(), FitOptions.defaults().epochs(epochs).batchSize(64).verbose(0));
        return model.evaluate(test.x(), test.y());
    }

    @Test
    void bookConvnetTrainsOnMnist() throws Exception {
        Kerasj.setRandomSeed(42);
        Map<String, Double> scores = trainAndEvaluate(bookConvnet(), 1);
        System.out.println("book convnet, 2000 images, 1 epoch: " + scores);
        assertTrue(scores.get("accuracy") > 0.7, "test accuracy (chance: 0.1) " + scores);
    }

    @Test
    void seedCnnTrainsOnMnist() throws Exception {
        Kerasj.setRandomSeed(3);
        Sequential m = new Sequential(new Input(28, 28, 1), new Conv2D(32, 5, 5).activation("relu"),
                new MaxPooling2D(2, 2), new Flatten(), new Dense(10, "softmax"));
        assertEquals(46_922, m.countParams());
        Map<String, Double> scores = trainAndEvaluate(m, 1);
        System.out.println("seed CNN, 2000 images, 1 epoch: " + scores);
        assertTrue(scores.get("accuracy") > 0.7, "test accuracy (chance: 0.1) " + scores);
    }
}
