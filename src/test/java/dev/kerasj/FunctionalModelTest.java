package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.layers.Add;
import dev.kerasj.layers.Concatenate;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.optimizers.SGD;
import dev.kerasj.losses.MeanSquaredError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The functional API end to end: graphs built from Input → apply → Model train, predict and save like Sequential. */
class FunctionalModelTest {
    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        Kerasj.setRandomSeed(7);
    }

    static INDArray data(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
    }

    /** x·W + b from a Dense layer's Keras-layout weights, computed here in double precision. */
    static INDArray dense(INDArray x, Layer layer) {
        List<INDArray> w = layer.getWeights();
        return x.castTo(DataType.DOUBLE).mmul(w.get(0).castTo(DataType.DOUBLE)).addRowVector(w.get(1).castTo(DataType.DOUBLE));
    }

    static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "max difference " + diff);
    }

    @Test
    void residualBlockComputesInputPlusDenseAndTrains() {
        Input x = new Input(4);
        Dense d = new Dense(4);
        KerasTensor out = new Add().apply(x, d.apply(x));
        Model model = new Model(x, out);
        assertEquals("Functional", model.className());
        assertEquals("functional", model.name());
        assertEquals(20, model.countParams());                      // 4·4 + 4
        assertEquals(List.of("dense", "add"), model.layers().stream().map(Layer::name).toList());

        INDArray xs = data(1, 64, 4);
        assertClose(xs.castTo(DataType.DOUBLE).add(dense(xs, d)), model.predict(xs));

        // Target: 2x, reachable exactly (W = I, b = 0): loss must fall well below its start.
        INDArray ys = xs.mul(2);
        model.compile(new SGD(0.5), new MeanSquaredError());
        double before = model.evaluate(xs, ys).get("loss");
        History h = model.fit(xs, ys, FitOptions.defaults().epochs(30).batchSize(16).verbose(0));
        double after = model.evaluate(xs, ys).get("loss");
        assertTrue(after < before / 10, before + " -> " + after);
        assertEquals(30, h.history().get("loss").size());
        // evaluate's loss is the mean squared error of predict, computed here.
        double mse = model.predict(xs).castTo(DataType.DOUBLE).sub(ys.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertEquals(mse * mse / (64 * 4), after, 1e-5);
        assertClose(xs.castTo(DataType.DOUBLE).add(dense(xs, d)), model.predict(xs));
    }

    @Test
    void twoInputConcatenateModelComputesAndTrains() {
        Input a = new Input(3);
        Input b = new Input(2);
        Dense hidden = new Dense(4, "relu");
        Dense head = new Dense(1);
        KerasTensor out = head.apply(new Concatenate().apply(hidden.apply(a), b));
        Model model = new Model(List.of(a, b), List.of(out));
        assertEquals(16 + 7, model.countParams());                   // (3·4 + 4) + (6·1 + 1)
        assertEquals(2, model.inputShapes().size());

        INDArray xa = data(2, 50, 3);
        INDArray xb = data(3, 50, 2);
        INDArray h = org.nd4j.linalg.ops.transforms.Transforms.relu(dense(xa, hidden), true);
        INDArray expected = dense(Nd4j.concat(1, h, xb.castTo(DataType.DOUBLE)), head);
        assertClose(expected, model.predict(new INDArray[] {xa, xb}, 32)[0]);

        INDArray y = xa.sum(true, 1).reshape(50, 1).sub(xb.sum(true, 1).reshape(50, 1));
        model.compile(new SGD(0.05), new MeanSquaredError());
        double before = model.evaluate(new INDArray[] {xa, xb}, new INDArray[] {y}, 32).get("loss");
        model.fit(new INDArray[] {xa, xb}, new INDArray[] {y}, FitOptions.defaults().epochs(40).batchSize(10).verbose(0));
        double after = model.evaluate(new INDArray[] {xa, xb}, new INDArray[] {y}, 32).get("loss");
        assertTrue(after < before / 2, before + " -> " + after);
    }

    @Test
    void sharedLayerIsCountedOnceAndSharesItsWeightsThroughTraining() {
        Input a = new Input(4);
        Input b = new Input(4);
        Dense shared = new Dense(3);
        KerasTensor out = new Add().apply(shared.apply(a), shared.apply(b));
        Model model = new Model(List.of(a, b), List.of(out));
        assertEquals(15, model.countParams());                       // one kernel 4·3 and one bias 3, not two
        assertEquals(List.of("dense", "add"), model.layers().stream().map(Layer::name).toList());

        INDArray xa = data(4, 40, 4);
        INDArray xb = data(5, 40, 4);
        model.compile(new SGD(0.1), new MeanSquaredError());
        model.fit(new INDArray[] {xa, xb}, new INDArray[] {xa.sub(xb).getColumns(0, 1, 2)},
                FitOptions.defaults().epochs(3).batchSize(8).verbose(0));
        // After training, both branches still use the one set of weights: out = (a·W + b) + (b'·W + b).
        assertClose(dense(xa, shared).add(dense(xb, shared)), model.predict(new INDArray[] {xa, xb}, 32)[0]);
    }

    @Test
    void multiOutputModelUsesPerOutputLossesWeightsAndKerasMetricNames() {
        Input x = new Input(5);
        Dense trunk = new Dense(8, "tanh");
        KerasTensor h = trunk.apply(x);
        Dense cls = new Dense(3, "softmax");
        Dense reg = new Dense(1);
        Model model = new Model(List.of(x), List.of(cls.apply(h), reg.apply(h)));
        assertEquals(List.of("dense_1", "dense_2"), model.outputNames());
        model.compile("adam", List.of("sparse_categorical_crossentropy", "mse"), new double[] {1.0, 0.5}, "accuracy");

        INDArray xs = data(6, 60, 5);
        INDArray labels = Nd4j.createFromArray(new float[60]);
        for (int i = 0; i < 60; i++) {
            labels.putScalar(i, i % 3);
        }
        INDArray target = xs.sum(true, 1).reshape(60, 1);
        INDArray[] y = {labels, target};

        Map<String, Double> scores = model.evaluate(new INDArray[] {xs}, y, 16);
        assertEquals(List.of("loss", "dense_1_loss", "dense_2_loss", "dense_1_accuracy", "dense_2_accuracy"),
                List.copyOf(scores.keySet()));
        INDArray[] p = model.predict(new INDArray[] {xs}, 16);
        double ce = 0;
        double se = 0;
        double correct = 0;
        for (int i = 0; i < 60; i++) {
            INDArray row = p[0].getRow(i);
            ce -= Math.log(row.getDouble(i % 3));
            correct += row.argMax().getInt(0) == i % 3 ? 1 : 0;
            double diff = p[1].getDouble(i, 0) - target.getDouble(i, 0);
            se += diff * diff;
        }
        assertEquals(ce / 60, scores.get("dense_1_loss"), 1e-5);
        assertEquals(se / 60, scores.get("dense_2_loss"), 1e-5);
        assertEquals(ce / 60 + 0.5 * se / 60, scores.get("loss"), 1e-5);
        assertEquals(correct / 60, scores.get("dense_1_accuracy"), 1e-9);

        History hist = model.fit(new INDArray[] {xs}, y, FitOptions.defaults().epochs(2).batchSize(20).verbose(0)
                .validationSplit(0.25));
        assertEquals(List.of("loss", "dense_1_loss", "dense_2_loss", "dense_1_accuracy", "dense_2_accuracy", "val_loss",
                "val_dense_1_loss", "val_dense_2_loss", "val_dense_1_accuracy", "val_dense_2_accuracy"),
                List.copyOf(hist.history().keySet()));
    }

    @Test
    void zeroLossWeightLeavesThatHeadUntouched() {
        Input x = new Input(3);
        KerasTensor h = new Dense(4, "tanh").apply(x);
        Dense first = new Dense(1);
        Dense second = new Dense(1);
        Model model = new Model(List.of(x), List.of(first.apply(h), second.apply(h)));
        model.compile(new SGD(0.1), List.of(new MeanSquaredError(), new MeanSquaredError()), new double[] {1.0, 0.0});
        INDArray before = second.getWeights().get(0).dup();
        INDArray firstBefore = first.getWeights().get(0).dup();
        INDArray xs = data(8, 30, 3);
        model.fit(new INDArray[] {xs}, new INDArray[] {xs.sum(true, 1).reshape(30, 1), xs.sum(true, 1).reshape(30, 1)},
                FitOptions.defaults().epochs(2).batchSize(10).verbose(0));
        assertEquals(before, second.getWeights().get(0));
        assertTrue(!firstBefore.equals(first.getWeights().get(0)));
    }

    @Test
    void saveAndLoadRoundTripPredictionsExactly() throws Exception {
        Input a = new Input(4).name("left");
        Input b = new Input(4).name("right");
        Dense shared = new Dense(3, "relu");
        KerasTensor merged = new Concatenate().apply(shared.apply(a), shared.apply(b), new Dense(2).apply(a));
        Model model = new Model(List.of(a, b), List.of(new Dense(1).name("out").apply(merged)));
        model.compile("adam", "mse");
        INDArray xa = data(9, 20, 4);
        INDArray xb = data(10, 20, 4);
        INDArray[] x = {xa, xb};
        model.fit(x, new INDArray[] {xa.sum(true, 1).reshape(20, 1)}, FitOptions.defaults().epochs(2).batchSize(5).verbose(0));
        INDArray expected = model.predict(x, 32)[0];

        Path f = dir.resolve("graph.kerasj");
        model.save(f);
        Model loaded = Model.load(f);
        assertInstanceOf(Model.class, loaded);
        assertEquals("Functional", loaded.className());
        assertEquals(model.countParams(), loaded.countParams());
        assertEquals(model.summaryString(), loaded.summaryString());
        assertEquals(expected, loaded.predict(x, 32)[0]);
        assertTrue(loaded.isCompiled());
        // Training continues from the saved optimizer state in both: same next step.
        INDArray[] y = {xb.sum(true, 1).reshape(20, 1)};
        model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(20).shuffle(false).verbose(0));
        loaded.fit(x, y, FitOptions.defaults().epochs(1).batchSize(20).shuffle(false).verbose(0));
        assertEquals(model.predict(x, 32)[0], loaded.predict(x, 32)[0]);
    }

    @Test
    void sequentialModelUsedAsAChainOfAFunctionalModelAgrees() {
        // A chain built with the functional API gives the same numbers as Sequential with the same weights.
        Input x = new Input(6);
        Dense d1 = new Dense(5, "relu");
        Dense d2 = new Dense(2, "softmax");
        Model functional = new Model(x, d2.apply(d1.apply(x)));
        Sequential seq = new Sequential(new Input(6), new Dense(5, "relu"), new Dense(2, "softmax"));
        seq.layers().get(0).setWeights(d1.getWeights().toArray(new INDArray[0]));
        seq.layers().get(1).setWeights(d2.getWeights().toArray(new INDArray[0]));
        INDArray xs = data(11, 10, 6);
        assertClose(seq.predict(xs), functional.predict(xs));
    }

    @Test
    void nestedSequentialAndFunctionalModelsKeepTheirWeights() {
        Sequential block = new Sequential(new Input(4), new Dense(6, "relu"), new Dense(4));
        INDArray xs = data(12, 10, 4);
        INDArray blockOut = block.predict(xs);                       // weights drawn before nesting
        Input x = new Input(4);
        Model outer = new Model(x, new Add().apply(x, block.apply(x)));
        assertEquals(block.countParams(), outer.countParams());     // 30 + 28, the block's own layers
        assertClose(xs.castTo(DataType.DOUBLE).add(blockOut.castTo(DataType.DOUBLE)), outer.predict(xs));

        Input i = new Input(4);
        Dense innerDense = new Dense(3, "tanh");
        Model inner = new Model(i, innerDense.apply(i)).name("inner");
        Input a = new Input(4);
        Dense head = new Dense(1);
        Model composed = new Model(a, head.apply(inner.apply(a)));
        assertEquals(15 + 4, composed.countParams());
        INDArray hidden = org.nd4j.linalg.ops.transforms.Transforms.tanh(dense(xs, innerDense), true);
        assertClose(dense(hidden, head), composed.predict(xs));
    }

    @Test
    void fitsFromAMultiDataSetIteratorLikeFromArrays() {
        INDArray xa = data(13, 12, 3);
        INDArray xb = data(14, 12, 2);
        INDArray y = xa.sum(true, 1).reshape(12, 1);
        Model[] models = new Model[2];
        for (int k = 0; k < 2; k++) {
            Input a = new Input(3);
            Input b = new Input(2);
            models[k] = new Model(List.of(a, b), List.of(new Dense(1).apply(new Concatenate().apply(a, b))));
            models[k].compile(new SGD(0.1), new MeanSquaredError());
        }
        Layer d0 = models[0].layers().get(1);
        models[1].layers().get(1).setWeights(d0.getWeights().toArray(new INDArray[0]));
        FitOptions o = FitOptions.defaults().epochs(2).batchSize(4).shuffle(false).verbose(0);
        models[0].fit(new INDArray[] {xa, xb}, new INDArray[] {y}, o);
        var batches = new java.util.ArrayList<org.nd4j.linalg.dataset.api.MultiDataSet>();
        for (int from = 0; from < 12; from += 5) {                   // iterator batches differ from the fit batches
            int to = Math.min(12, from + 5);
            batches.add(new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[] {xa.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)),
                            xb.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to))},
                    new INDArray[] {y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to))}));
        }
        models[1].fit(listIterator(batches), o);
        assertEquals(models[0].predict(new INDArray[] {xa, xb}, 32)[0], models[1].predict(new INDArray[] {xa, xb}, 32)[0]);
    }

    static org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator listIterator(
            List<org.nd4j.linalg.dataset.api.MultiDataSet> batches) {
        return new org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator() {
            int next;

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
                return next();
            }

            @Override
            public void setPreProcessor(org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor preProcessor) {
            }

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor getPreProcessor() {
                return null;
            }

            @Override
            public boolean resetSupported() {
                return true;
            }

            @Override
            public boolean asyncSupported() {
                return false;
            }

            @Override
            public void reset() {
                next = 0;
            }

            @Override
            public boolean hasNext() {
                return next < batches.size();
            }

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSet next() {
                return batches.get(next++);
            }
        };
    }

    @Test
    void namedInputsAndOutputsTakeMapsAndNameTheLogs() throws Exception {
        Input age = new Input(1);
        Input text = new Input(4);
        KerasTensor h = new Dense(3, "relu").apply(new Concatenate().apply(age, text));
        var inputs = new java.util.LinkedHashMap<String, KerasTensor>();
        inputs.put("age", age);
        inputs.put("text", text);
        var outputs = new java.util.LinkedHashMap<String, KerasTensor>();
        outputs.put("score", new Dense(1).apply(h));
        outputs.put("label", new Dense(2, "softmax").apply(h));
        Model model = new Model(inputs, outputs);
        assertEquals(List.of("age", "text"), model.inputNames());
        assertEquals(List.of("score", "label"), model.outputNames());
        model.compile("adam", List.of("mse", "sparse_categorical_crossentropy"), null, "accuracy");

        INDArray xa = data(15, 16, 1);
        INDArray xt = data(16, 16, 4);
        Map<String, INDArray> x = Map.of("text", xt, "age", xa);           // any map order
        Map<String, INDArray> y = Map.of("score", xt.sum(true, 1).reshape(16, 1),
                "label", Nd4j.zeros(DataType.FLOAT, 16));
        History hist = model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        assertEquals(List.of("loss", "score_loss", "label_loss", "score_accuracy", "label_accuracy"),
                List.copyOf(hist.history().keySet()));
        Map<String, INDArray> p = model.predict(x, 32);
        assertEquals(List.of("score", "label"), List.copyOf(p.keySet()));
        assertEquals(model.predict(new INDArray[] {xa, xt}, 32)[1], p.get("label"));
        FunctionalGraphTest.assertFails(IllegalArgumentException.class, () -> model.predict(Map.of("age", xa), 32),
                "[age, text]", "Received keys: [age]");

        Path f = dir.resolve("named.kerasj");
        model.save(f);
        Model loaded = Model.load(f);
        assertEquals(List.of("age", "text"), loaded.inputNames());
        assertEquals(List.of("score", "label"), loaded.outputNames());
        assertEquals(p.get("score"), loaded.predict(x, 32).get("score"));
    }
}
