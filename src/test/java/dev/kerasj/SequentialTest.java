package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.Reshape;
import dev.kerasj.testing.Data;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequentialTest {
    private static Sequential seed002() {
        return new Sequential(new Input(784), new Dense(784, "sigmoid"), new Dense(16, "sigmoid"),
                new Dense(16, "sigmoid"), new Dense(10, "softmax"));
    }

    private static FitOptions quiet() {
        return FitOptions.defaults().verbose(0);
    }

    @Test
    void seed002MlpHasKerasParameterCountAndSummary() {
        Sequential m = seed002();
        // (784·784+784) + (784·16+16) + (16·16+16) + (16·10+10)
        assertEquals(615_440 + 12_560 + 272 + 170, m.countParams());
        assertEquals(628_442, m.countParams());
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
                "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
                "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
                "│ dense (Dense)                   │ (None, 784)            │       615,440 │",
                "├─────────────────────────────────┼────────────────────────┼───────────────┤",
                "│ dense_1 (Dense)                 │ (None, 16)             │        12,560 │",
                "├─────────────────────────────────┼────────────────────────┼───────────────┤",
                "│ dense_2 (Dense)                 │ (None, 16)             │           272 │",
                "├─────────────────────────────────┼────────────────────────┼───────────────┤",
                "│ dense_3 (Dense)                 │ (None, 10)             │           170 │",
                "└─────────────────────────────────┴────────────────────────┴───────────────┘",
                " Total params: 628,442 (2.40 MB)",
                " Trainable params: 628,442 (2.40 MB)",
                " Non-trainable params: 0 (0.00 B)",
                "");
        assertEquals(expected, m.summaryString());
        assertEquals(List.of("dense", "dense_1", "dense_2", "dense_3"), m.layers().stream().map(l -> l.name()).toList());
    }

    @Test
    void inputShapeOnFirstLayerAndLayersExcludeInput() {
        Sequential m = new Sequential(new Dense(4, "relu").inputShape(3), new Dense(2));
        assertEquals(2, m.layers().size());
        assertArrayEquals(new long[] {2}, m.layers().get(1).outputShape());
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, m.countParams());
    }

    @Test
    void learnsThreeGaussianBlobs() {
        Kerasj.setRandomSeed(3);
        INDArray[] d = Data.blobs(300, 1);
        Sequential m = new Sequential(new Input(2), new Dense(16, "relu"), new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = m.fit(d[0], d[1], quiet().epochs(30).batchSize(16).seed(1));
        Map<String, Double> scores = m.evaluate(d[0], d[1]);
        assertTrue(scores.get("accuracy") > 0.95, scores.toString());
        List<Double> loss = h.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0) / 3, loss.toString());
    }

    @Test
    void learnsXorWithBinaryCrossentropy() {
        Kerasj.setRandomSeed(5);
        INDArray[] d = Data.xor(4);
        Sequential m = new Sequential(new Input(2), new Dense(8, "tanh"), new Dense(1, "sigmoid"));
        m.compile(new dev.kerasj.optimizers.Adam(0.05), new dev.kerasj.losses.BinaryCrossentropy(),
                new dev.kerasj.metrics.Accuracy());
        m.fit(d[0], d[1], quiet().epochs(150).batchSize(16).seed(2));
        assertEquals(1.0, m.evaluate(d[0], d[1]).get("accuracy"));
        INDArray p = m.predict(d[0]);
        assertArrayEquals(new long[] {16, 1}, p.shape());
        assertTrue(p.getDouble(1, 0) > 0.5 && p.getDouble(0, 0) < 0.5);
    }

    @Test
    void historyKeysAndEvaluateOrderFollowKeras() {
        INDArray[] d = Data.blobs(60, 2);
        Sequential m = new Sequential(new Input(2), new Dense(3, "softmax"));
        m.compile("sgd", "sparse_categorical_crossentropy", "mse", "accuracy");
        History h = m.fit(d[0], d[1], quiet().epochs(2).validationSplit(0.2));
        assertEquals(List.of("loss", "mse", "accuracy", "val_loss", "val_mse", "val_accuracy"),
                List.copyOf(h.history().keySet()));
        assertEquals(2, h.history().get("val_loss").size());
        assertEquals(List.of("loss", "mse", "accuracy"), List.copyOf(m.evaluate(d[0], d[1]).keySet()));
    }

    @Test
    void validationSplitTakesTheLastFractionBeforeShuffling() {
        INDArray[] d = Data.blobs(100, 4);
        Sequential m = new Sequential(new Input(2), new Dense(3, "softmax"));
        m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        History h = m.fit(d[0], d[1], quiet().epochs(1).batchSize(10).validationSplit(0.25).seed(3));
        INDArray xLast = d[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(75, 100),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray yLast = d[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(75, 100));
        INDArray xFirst = d[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 25),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray yFirst = d[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 25));
        double valLoss = h.history().get("val_loss").get(0);
        assertEquals(m.evaluate(xLast, yLast).get("loss"), valLoss, 1e-6);
        assertNotEquals(m.evaluate(xFirst, yFirst).get("loss"), valLoss, 1e-6);
    }

    @Test
    void sparseLabelsAsColumnAndOneHotWithCategoricalGiveTheSameLoss() {
        INDArray[] d = Data.blobs(30, 5);
        Kerasj.setRandomSeed(11);
        Sequential m = new Sequential(new Input(2), new Dense(3, "softmax"));
        m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        double flat = m.evaluate(d[0], d[1]).get("loss");
        double column = m.evaluate(d[0], d[1].reshape(30, 1)).get("loss");
        m.compile("sgd", "categorical_crossentropy", "accuracy");
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 30, 3);
        for (int i = 0; i < 30; i++) {
            oneHot.putScalar(i, d[1].getInt(i), 1.0);
        }
        Map<String, Double> cat = m.evaluate(d[0], oneHot);
        assertEquals(flat, column, 1e-7);
        assertEquals(flat, cat.get("loss"), 1e-6);
        // independent: mean of −log p[label] from predict
        INDArray p = m.predict(d[0]);
        double manual = 0;
        for (int i = 0; i < 30; i++) {
            manual -= Math.log(p.getDouble(i, d[1].getInt(i)));
        }
        assertEquals(manual / 30, flat, 1e-5);
    }

    @Test
    void predictWorksWithoutCompileAndDenseComputesXKernelPlusBias() {
        Sequential m = new Sequential(new Input(3), new Dense(2));
        INDArray kernel = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        INDArray bias = Nd4j.createFromArray(new float[] {0.5f, -1f});
        m.layers().get(0).setWeights(kernel, bias);
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 0, 2}, {0, 1, 1}});
        INDArray y = m.predict(x);
        // [1,0,2]·K + b = [1+10, 2+12] + b ; [0,1,1]·K + b = [3+5, 4+6] + b
        assertArrayEquals(new float[] {11.5f, 13f, 8.5f, 9f}, y.data().asFloat(), 1e-6f);
        List<INDArray> w = m.layers().get(0).getWeights();
        assertEquals(kernel, w.get(0));
        assertArrayEquals(new long[] {2}, w.get(1).shape());
    }

    @Test
    void flattenAndReshapeAreRowMajorLikeKeras() {
        Sequential m = new Sequential(new Input(2, 3), new Flatten(), new Reshape(3, 2), new Flatten());
        INDArray x = Data.arange(4, 6).reshape('c', 4, 2, 3);
        INDArray y = m.predict(x);
        assertArrayEquals(new long[] {4, 6}, y.shape());
        assertEquals(x.reshape('c', 4, 6), y);
        assertArrayEquals(new long[] {3, 2}, m.layers().get(1).outputShape());
    }

    @Test
    void dropoutIsIdentityAtInferenceAndDropsRateWhileTraining() {
        Sequential m = new Sequential(new Input(1000), new Dropout(0.3), new Dense(1).useBias(false));
        m.layers().get(1).setWeights(Nd4j.ones(DataType.FLOAT, 1000, 1));
        INDArray x = Nd4j.ones(DataType.FLOAT, 4, 1000);
        assertEquals(1000.0, m.predict(x).getDouble(0, 0), 1e-3);
        // One SGD step with MSE towards 0: the kernel gradient is 2·(ŷ−y)·x_dropped/n; zeros mark dropped inputs.
        m.compile(new dev.kerasj.optimizers.SGD(1e-9), new dev.kerasj.losses.MeanSquaredError());
        m.fit(Nd4j.ones(DataType.FLOAT, 1, 1000), Nd4j.zeros(DataType.FLOAT, 1, 1), quiet().batchSize(1).seed(9));
        INDArray k = m.layers().get(1).getWeights().get(0);
        long unchanged = 0;
        for (int i = 0; i < 1000; i++) {
            if (k.getDouble(i, 0) == 1.0) {
                unchanged++;
            }
        }
        assertTrue(unchanged > 230 && unchanged < 370, "dropped " + unchanged + " of 1000, expected ≈ 300");
    }

    @Test
    void denseDefaultsAreKeras() {
        Dense d = new Dense(64);
        Map<String, Object> c = d.getConfig();
        assertEquals("linear", c.get("activation"));
        assertEquals(true, c.get("use_bias"));
        assertEquals("GlorotUniform", ((Map<?, ?>) c.get("kernel_initializer")).get("class_name"));
        assertEquals("Zeros", ((Map<?, ?>) c.get("bias_initializer")).get("class_name"));
        Sequential m = new Sequential(new Input(100), d);
        INDArray kernel = d.getWeights().get(0);
        double limit = Math.sqrt(6.0 / (100 + 64));
        assertTrue(kernel.amaxNumber().doubleValue() <= limit);
        assertTrue(kernel.amaxNumber().doubleValue() > 0.9 * limit);
        assertEquals(0.0, d.getWeights().get(1).amaxNumber().doubleValue());
        // uniform on (−l, l): variance l²/3
        double var = kernel.varNumber().doubleValue();
        assertEquals(limit * limit / 3, var, 0.1 * limit * limit / 3);
        assertEquals(m, m); // model keeps the layer bound
    }

    @Test
    void saveAndLoadGiveIdenticalPredictionsAndResumableTraining(@TempDir Path dir) throws IOException {
        Kerasj.setRandomSeed(21);
        INDArray[] d = Data.blobs(60, 6);
        Sequential m = new Sequential(new Input(2), new Dense(8, "relu"), new Dropout(0.1), new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        m.fit(d[0], d[1], quiet().epochs(2).seed(1));
        Path f = dir.resolve("model.kerasj");
        m.save(f);
        Sequential again = Sequential.load(f);
        assertEquals(m.predict(d[0]), again.predict(d[0]));
        assertEquals(m.getConfig(), again.getConfig());
        assertEquals("adam", again.optimizer().name());
        // the optimizer state travelled too: one more identical epoch gives identical weights
        m.fit(d[0], d[1], quiet().epochs(1).seed(7));
        again.fit(d[0], d[1], quiet().epochs(1).seed(7));
        assertEquals(m.layers().get(0).getWeights().get(0), again.layers().get(0).getWeights().get(0));
        assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().equals("model.kerasj")), "no temp file left");
    }

    @Test
    void sameSeedGivesSameWeightsAndHistory() {
        INDArray[] d = Data.blobs(60, 8);
        double[] first = null;
        for (int run = 0; run < 2; run++) {
            Kerasj.setRandomSeed(99);
            Sequential m = new Sequential(new Input(2), new Dense(5, "relu"), new Dropout(0.2), new Dense(3, "softmax"));
            m.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
            INDArray w0 = m.layers().get(0).getWeights().get(0);
            History h = m.fit(d[0], d[1], quiet().epochs(3).batchSize(8).seed(4));
            double[] got = {w0.getDouble(0), h.history().get("loss").get(2), h.history().get("accuracy").get(2)};
            if (first == null) {
                first = got;
            } else {
                assertArrayEquals(first, got, 0.0);
            }
        }
    }

    @Test
    void fitAcceptsADataSetIterator() {
        Kerasj.setRandomSeed(2);
        INDArray[] d = Data.blobs(90, 9);
        Sequential m = new Sequential(new Input(2), new Dense(3, "softmax"));
        m.compile(new dev.kerasj.optimizers.Adam(0.05), new dev.kerasj.losses.SparseCategoricalCrossentropy(),
                new dev.kerasj.metrics.SparseCategoricalAccuracy());
        DataSetIterator it = new SingletonDataSetIterator(new DataSet(d[0], d[1].reshape(90, 1)));
        History h = m.fit(it, quiet().epochs(60));
        assertEquals(60, h.history().get("loss").size());
        List<Double> loss = h.history().get("loss");
        assertTrue(loss.get(59) < loss.get(0) / 2, loss.toString());
        assertTrue(m.evaluate(d[0], d[1]).get("sparse_categorical_accuracy") > 0.9, loss.toString());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void badArgumentsAreReportedKerasStyle() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        assertEquals("Received an invalid value for `units`, expected a positive integer. Received: units=0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertTrue(e.getMessage().contains("`rate`") && e.getMessage().contains("rate=1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(3, "rleu"));
        assertTrue(e.getMessage().contains("'rleu'") && e.getMessage().contains("relu"), e.getMessage());
        Sequential m = seed002();
        e = assertThrows(IllegalArgumentException.class, () -> m.compile("adamm", "mse"));
        assertTrue(e.getMessage().contains("Unknown optimizer: 'adamm'") && e.getMessage().contains("adam, "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compile("adam", "msee"));
        assertTrue(e.getMessage().contains("Unknown loss") && e.getMessage().contains("mse"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compile("adam", "mse", "acuracy"));
        assertTrue(e.getMessage().contains("Unknown metric") && e.getMessage().contains("accuracy"), e.getMessage());
    }

    @Test
    void aScalarXIsRefusedKerasStyleByFitPredictAndEvaluate() {
        // was: IllegalArgumentException "1 > 0" from Arrays.copyOfRange
        Sequential m = new Sequential(new Input(4), new Dense(2, "softmax"));
        m.compile("sgd", "sparse_categorical_crossentropy");
        String expected = "Invalid `x`: expected an array of rank ≥ 2, (samples, ...features) such as shape=(None, 4); "
                + "a scalar has no samples. Received: x with shape=()";
        INDArray scalar = Nd4j.scalar(1f);
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> m.predict(scalar)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> m.fit(scalar, Nd4j.zeros(1), 1, 1))
                .getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> m.evaluate(scalar, Nd4j.zeros(1)))
                .getMessage());
        // a model not built yet cannot show its input shape
        Sequential unbuilt = new Sequential(new Dense(2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> unbuilt.predict(scalar)).getMessage()
                .startsWith("Invalid `x`: expected an array of rank ≥ 2, (samples, ...features); a scalar"));
    }

    @Test
    void fitBeforeCompileTellsWhatToCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> seed002().fit(Nd4j.zeros(2, 784), Nd4j.zeros(2), 1, 1));
        assertTrue(e.getMessage().contains("compile()"), e.getMessage());
    }

    @Test
    void wrongInputShapeNamesLayerAndBothShapes() {
        Sequential m = new Sequential(new Input(4), new Dense(2, "softmax").name("hidden"));
        m.compile("sgd", "sparse_categorical_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(Nd4j.zeros(3, 5), Nd4j.zeros(3), 1, 1));
        assertTrue(e.getMessage().contains("\"hidden\"") && e.getMessage().contains("(None, 4)")
                && e.getMessage().contains("(3, 5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(Nd4j.zeros(3, 5)));
        assertTrue(e.getMessage().contains("(None, 4)"), e.getMessage());
    }

    @Test
    void nanInOneRowViewIsFoundByPredict() {
        // small inputs are checked in Java: a row view must be read at its own offset
        Sequential m = new Sequential(new Input(2), new Dense(3, "softmax"));
        INDArray x = Nd4j.zeros(DataType.FLOAT, 10, 2);
        x.putScalar(5, 1, Double.NaN);
        x.putScalar(7, 0, Double.NEGATIVE_INFINITY);
        for (int row = 0; row < 10; row++) {
            INDArray one = x.get(NDArrayIndex.interval(row, row + 1), NDArrayIndex.all());
            if (row == 5 || row == 7) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(one));
                assertTrue(e.getMessage().contains(row == 5 ? "NaN" : "infinite"), e.getMessage());
            } else {
                assertEquals(1.0, m.predict(one).sumNumber().doubleValue(), 1e-5, "row " + row);
            }
        }
        INDArray column = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).reshape(5, 2);   // not row-major: a copy
        assertThrows(IllegalArgumentException.class, () -> m.predict(column));
    }

    @Test
    void nanOrInfInInputsIsReportedAndAFailedFitLeavesTheModelUsable() {
        Sequential m = new Sequential(new Input(2), new Dense(3, "softmax"));
        m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.zeros(DataType.FLOAT, 4, 2);
        x.putScalar(1, 1, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, Nd4j.zeros(4), 1, 2));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        x.putScalar(1, 1, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, Nd4j.zeros(4), 1, 2));
        assertTrue(e.getMessage().contains("infinite"), e.getMessage());
        x.putScalar(1, 1, Double.NEGATIVE_INFINITY);
        x.putScalar(2, 1, Double.POSITIVE_INFINITY);   // +Inf + −Inf: still refused as infinite
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, Nd4j.zeros(4), 1, 2));
        assertTrue(e.getMessage().contains("infinite"), e.getMessage());
        // large finite values whose float sum overflows are finite data: accepted
        INDArray big = Nd4j.valueArrayOf(new long[] {4, 2}, 3e38, DataType.FLOAT);
        assertTrue(Double.isInfinite(big.sumNumber().doubleValue()) || big.sumNumber().doubleValue() > 3e38);
        assertEquals(4, m.predict(big).size(0));
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(Nd4j.zeros(4, 2), Nd4j.createFromArray(0f, 1f, 5f, 2f), 1, 2));
        assertTrue(e.getMessage().contains("[0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(Nd4j.zeros(4, 2), Nd4j.zeros(3), 1, 2));
        assertTrue(e.getMessage().contains("as many samples"), e.getMessage());
        INDArray[] d = Data.blobs(30, 3);
        History h = m.fit(d[0], d[1], quiet().epochs(1));
        assertEquals(1, h.history().get("loss").size());
    }

    @Test
    void shapeMistakesFailAtAddNamingTheLayer() {
        Sequential m = new Sequential(new Input(28, 28));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(new Dense(10).name("head")));
        assertTrue(e.getMessage().contains("\"head\"") && e.getMessage().contains("(None, 28, 28)")
                && e.getMessage().contains("Flatten"), e.getMessage());
        m.add(new Flatten());
        e = assertThrows(IllegalArgumentException.class, () -> m.add(new Reshape(5, 5)));
        assertTrue(e.getMessage().contains("784"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Dense(2).name("a").inputShape(2),
                new Dense(2).name("a")));
        assertTrue(e.getMessage().contains("unique names"), e.getMessage());
    }

    @Test
    void loadRefusesJavaSerializedAndForeignFiles(@TempDir Path dir) throws IOException {
        Path dl4j = dir.resolve("dl4j.zip");
        try (OutputStream out = Files.newOutputStream(dl4j); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("configuration.json"));
            zip.write("{}".getBytes());
            zip.putNextEntry(new ZipEntry("preprocessor.bin"));
            zip.write(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        }
        IOException e = assertThrows(InvalidModelFileException.class, () -> Sequential.load(dl4j));
        assertTrue(e.getMessage().contains("ObjectInputStream") && e.getMessage().contains("dl4j.zip"), e.getMessage());
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        e = assertThrows(InvalidModelFileException.class, () -> Sequential.load(text));
        assertTrue(e.getMessage().contains("not a kerasj model file"), e.getMessage());
    }
}
