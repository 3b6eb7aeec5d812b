package dev.kerasj;

import dev.kerasj.layers.Add;
import dev.kerasj.layers.Average;
import dev.kerasj.layers.Concatenate;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dot;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Conv1D;
import dev.kerasj.layers.LSTM;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Maximum;
import dev.kerasj.layers.Multiply;
import dev.kerasj.layers.Subtract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

import static dev.kerasj.FunctionalModelTest.assertClose;
import static dev.kerasj.FunctionalModelTest.data;
import static dev.kerasj.FunctionalModelTest.dense;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merge layers' numbers, Keras's summary layout for graphs, the temperature model, and the errors of new Model(…). */
class FunctionalGraphTest {
    @BeforeEach
    void seed() {
        Kerasj.setRandomSeed(3);
    }

    @Test
    void elementWiseMergesComputeKerasFormulas() {
        Input a = new Input(3);
        Input b = new Input(3);
        Model model = new Model(List.of(a, b), List.of(new Subtract().apply(a, b), new Multiply().apply(a, b),
                new Average().apply(a, b), new Maximum().apply(a, b), new Dot(1).apply(a, b)));
        INDArray xa = data(1, 6, 3).castTo(DataType.DOUBLE);
        INDArray xb = data(2, 6, 3).castTo(DataType.DOUBLE);
        INDArray[] p = model.predict(new INDArray[] {xa, xb}, 32);
        assertClose(xa.sub(xb), p[0]);
        assertClose(xa.mul(xb), p[1]);
        assertClose(xa.add(xb).div(2), p[2]);
        assertClose(Transforms.max(xa, xb, true), p[3]);
        assertClose(xa.mul(xb).sum(true, 1).reshape(6, 1), p[4]);
        assertEquals(0, model.countParams());
    }

    @Test
    void concatenateJoinsSequencesOnTheFeatureAxis() {
        Input a = new Input(5, 3);
        Input b = new Input(5, 2);
        KerasTensor joined = new Concatenate().apply(a, b);
        assertEquals(List.of(5L, 5L), java.util.Arrays.stream(joined.shape()).boxed().toList());
        Dense head = new Dense(1);
        Model model = new Model(List.of(a, b), List.of(head.apply(new Flatten().apply(joined))));
        assertEquals(26, model.countParams());
        INDArray xa = data(3, 4, 5, 3);
        INDArray xb = data(4, 4, 5, 2);
        // Row-major flatten of [a_t, b_t] for t = 0..4.
        INDArray flat = Nd4j.concat(2, xa, xb).reshape(4, 25);
        assertClose(dense(flat, head), model.predict(new INDArray[] {xa, xb}, 32)[0]);
    }

    @Test
    void temperatureModelHas2001ParametersTrainsAndPredicts() {
        // The course's model: Input(120, 14) → LSTM(16) → Dense(1).
        Layer lstm = new LSTM(16);
        Input inputs = new Input(120, 14);
        KerasTensor x = lstm.apply(inputs);
        KerasTensor outputs = new Dense(1).apply(x);
        Model model = new Model(inputs, outputs);
        assertEquals(2001, model.countParams());                     // 4·16·(14 + 16 + 1) + (16 + 1)
        assertEquals(String.join("",
                "Model: \"functional\"\n",
                "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n",
                "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n",
                "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n",
                "│ input_layer (InputLayer)        │ (None, 120, 14)        │             0 │\n",
                "├─────────────────────────────────┼────────────────────────┼───────────────┤\n",
                "│ lstm (LSTM)                     │ (None, 16)             │         1,984 │\n",
                "├─────────────────────────────────┼────────────────────────┼───────────────┤\n",
                "│ dense (Dense)                   │ (None, 1)              │            17 │\n",
                "└─────────────────────────────────┴────────────────────────┴───────────────┘\n",
                " Total params: 2,001 (7.82 KB)\n",
                " Trainable params: 2,001 (7.82 KB)\n",
                " Non-trainable params: 0 (0.00 B)\n"), model.summaryString());
        model.compile("rmsprop", "mse", "mse");
        INDArray xs = data(5, 32, 120, 14);
        INDArray ys = xs.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(119),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1)).reshape(32, 1);
        double before = model.evaluate(xs, ys).get("loss");
        var history = model.fit(xs, ys, FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
        assertEquals(List.of("loss", "mse"), List.copyOf(history.history().keySet()));
        assertTrue(model.evaluate(xs, ys).get("loss") < before);
        assertEquals(List.of(32L, 1L), java.util.Arrays.stream(model.predict(xs).shape()).boxed().toList());
    }

    /** Keras's Conv1D with "same" padding, stride 1, written out: out[t,f] = b[f] + Σ_k Σ_c x[t+k-(K-1)/2, c]·W[k,c,f]. */
    static INDArray conv1dSame(INDArray x, Layer conv) {
        INDArray w = conv.getWeights().get(0).castTo(DataType.DOUBLE);
        INDArray bias = conv.getWeights().get(1).castTo(DataType.DOUBLE);
        long n = x.size(0), steps = x.size(1), channels = x.size(2), kernel = w.size(0), filters = w.size(2);
        INDArray out = Nd4j.zeros(DataType.DOUBLE, n, steps, filters);
        for (long i = 0; i < n; i++) {
            for (long t = 0; t < steps; t++) {
                for (long f = 0; f < filters; f++) {
                    double v = bias.getDouble(f);
                    for (long k = 0; k < kernel; k++) {
                        long src = t + k - (kernel - 1) / 2;
                        if (src < 0 || src >= steps) {
                            continue;
                        }
                        for (long c = 0; c < channels; c++) {
                            v += x.getDouble(i, src, c) * w.getDouble(k, c, f);
                        }
                    }
                    out.putScalar(new long[] {i, t, f}, v);
                }
            }
        }
        return out;
    }

    @Test
    void conv1dResidualBlockOnSequences() {
        // Conv1D runs as a 2-D convolution in DL4J; the graph reshapes its output back to Keras's (steps, filters).
        Input x = new Input(8, 4);
        Conv1D conv = new Conv1D(4, 3).padding("same");
        KerasTensor block = new Add().apply(x, conv.apply(x));
        Dense head = new Dense(1);
        Model model = new Model(x, head.apply(new Flatten().apply(block)));
        assertEquals(3 * 4 * 4 + 4 + 33, model.countParams());
        INDArray xs = data(7, 5, 8, 4);
        INDArray expected = dense(xs.castTo(DataType.DOUBLE).add(conv1dSame(xs, conv)).reshape(5, 32), head);
        assertClose(expected, model.predict(xs));
        model.compile("adam", "mse");
        INDArray ys = xs.sum(true, 1, 2).reshape(5, 1);
        double before = model.evaluate(xs, ys).get("loss");
        model.fit(xs, ys, FitOptions.defaults().epochs(5).batchSize(5).verbose(0));
        assertTrue(model.evaluate(xs, ys).get("loss") < before);
    }

    @Test
    void sequenceOutputBesideAVectorOutput() {
        // A (None, 6, 2) output: Keras's loss is the mean over batch, steps and features.
        Input x = new Input(6, 3);
        Conv1D perStep = new Conv1D(2, 1);
        Dense head = new Dense(1);
        Model model = new Model(List.of(x), List.of(perStep.apply(x), head.apply(new Flatten().apply(x))));
        model.compile("sgd", List.of("mse", "mse"), new double[] {1.0, 2.0});
        INDArray xs = data(8, 4, 6, 3);
        INDArray ySeq = data(9, 4, 6, 2);
        INDArray yVec = data(10, 4, 1);
        INDArray[] p = model.predict(new INDArray[] {xs}, 32);
        assertClose(conv1dSame(xs, perStep), p[0]);
        double seqLoss = p[0].castTo(DataType.DOUBLE).sub(ySeq.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        seqLoss = seqLoss * seqLoss / (4 * 6 * 2);
        double vecLoss = p[1].castTo(DataType.DOUBLE).sub(yVec.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        vecLoss = vecLoss * vecLoss / 4;
        Map<String, Double> scores = model.evaluate(new INDArray[] {xs}, new INDArray[] {ySeq, yVec}, 32);
        assertEquals(seqLoss, scores.get("conv1d_loss"), 1e-5);
        assertEquals(vecLoss, scores.get("dense_loss"), 1e-5);
        assertEquals(seqLoss + 2 * vecLoss, scores.get("loss"), 1e-5);
        // The engine minimises the same number: its training loss on one full batch, before the step.
        var h = model.fit(new INDArray[] {xs}, new INDArray[] {ySeq, yVec},
                FitOptions.defaults().epochs(1).batchSize(4).shuffle(false).verbose(0));
        assertEquals(seqLoss + 2 * vecLoss, h.history().get("loss").get(0), 1e-4);
    }

    @Test
    void temperatureShapedInputWorksThroughAGraph() {
        // The same input shape (sequences of 120 steps × 14 features) through Flatten → Dense(1).
        Input inputs = new Input(120, 14);
        Dense head = new Dense(1);
        Model model = new Model(inputs, head.apply(new Flatten().apply(inputs)));
        assertEquals(120 * 14 + 1, model.countParams());
        INDArray xs = data(6, 8, 120, 14);
        assertClose(dense(xs.reshape(8, 1680), head), model.predict(xs));
        model.compile("adam", "mse");
        Map<String, Double> scores = model.evaluate(xs, xs.sum(true, 1, 2).reshape(8, 1));
        assertTrue(Double.isFinite(scores.get("loss")));
    }

    @Test
    void graphSummaryHasKerasConnectedToColumnAndInputRows() {
        Input x = new Input(4);
        Model model = new Model(x, new Add().apply(x, new Dense(4).apply(x)));
        assertEquals(String.join("",
                "Model: \"functional\"\n",
                "┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓\n",
                "┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃\n",
                "┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩\n",
                "│ input_layer         │ (None, 4)         │          0 │ -                 │\n",
                "│ (InputLayer)        │                   │            │                   │\n",
                "├─────────────────────┼───────────────────┼────────────┼───────────────────┤\n",
                "│ dense (Dense)       │ (None, 4)         │         20 │ input_layer[0][0] │\n",
                "├─────────────────────┼───────────────────┼────────────┼───────────────────┤\n",
                "│ add (Add)           │ (None, 4)         │          0 │ input_layer[0][0] │\n",
                "│                     │                   │            │ , dense[0][0]     │\n",
                "└─────────────────────┴───────────────────┴────────────┴───────────────────┘\n",
                " Total params: 20 (80.00 B)\n",
                " Trainable params: 20 (80.00 B)\n",
                " Non-trainable params: 0 (0.00 B)\n"), model.summaryString());
    }

    @Test
    void chainSummaryUsesTheSequentialLayoutWithTheInputRow() {
        Input x = new Input(6);
        Model model = new Model(x, new Dense(2).apply(new Dense(5).apply(x))).name("chain");
        assertEquals(String.join("",
                "Model: \"chain\"\n",
                "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n",
                "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n",
                "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n",
                "│ input_layer (InputLayer)        │ (None, 6)              │             0 │\n",
                "├─────────────────────────────────┼────────────────────────┼───────────────┤\n",
                "│ dense (Dense)                   │ (None, 5)              │            35 │\n",
                "├─────────────────────────────────┼────────────────────────┼───────────────┤\n",
                "│ dense_1 (Dense)                 │ (None, 2)              │            12 │\n",
                "└─────────────────────────────────┴────────────────────────┴───────────────┘\n",
                " Total params: 47 (188.00 B)\n",
                " Trainable params: 47 (188.00 B)\n",
                " Non-trainable params: 0 (0.00 B)\n"), model.summaryString());
    }

    @Test
    void layersAreOrderedAsKerasMapGraphOrdersThem() {
        // b feeds the merge directly, so it is shallower than a's Dense: Keras lists input_layer, dense,
        // input_layer_1, concatenate, dense_1.
        Input a = new Input(3);
        Input b = new Input(2);
        Model model = new Model(List.of(a, b), List.of(new Dense(1).apply(new Concatenate().apply(new Dense(4).apply(a), b))));
        String s = model.summaryString();
        int[] at = {s.indexOf("│ input_layer "), s.indexOf("│ dense (Dense)"), s.indexOf("│ input_layer_1"),
                s.indexOf("│ concatenate"), s.indexOf("│ dense_1 (Dense)")};
        for (int i = 1; i < at.length; i++) {
            assertTrue(at[i - 1] >= 0 && at[i - 1] < at[i], s);
        }
        assertTrue(s.contains("dense[0][0],"), s);
        assertEquals(List.of("dense", "concatenate", "dense_1"), model.layers().stream().map(Layer::name).toList());
        assertEquals("input_layer_1", b.name());
    }

    // ---------------------------------------------------------------- errors at new Model(…)

    static void assertFails(Class<? extends Throwable> type, Runnable r, String... fragments) {
        Throwable e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks \"" + f + "\": " + e.getMessage());
        }
    }

    @Test
    void outputFromAnInputNotPassedToTheModelFails() {
        Input a = new Input(3).name("a");
        Input b = new Input(3).name("b");
        KerasTensor out = new Dense(1).name("head").apply(new Add().name("sum").apply(a, b));
        assertFails(IllegalArgumentException.class, () -> new Model(a, out),
                "Graph disconnected", "\"b[0][0]\" of shape (None, 3)", "layer \"sum\" (Add)", "\"a[0][0]\"");
    }

    @Test
    void inputNotConnectedToTheOutputsFails() {
        Input a = new Input(3).name("a");
        Input unused = new Input(2).name("unused");
        KerasTensor out = new Dense(1).apply(a);
        assertFails(IllegalArgumentException.class, () -> new Model(List.of(a, unused), List.of(out)),
                "Graph disconnected", "\"unused[0][0]\" of shape (None, 2)", "not connected");
    }

    @Test
    void incompatibleMergeShapesFailNamingLayerAndShapes() {
        Input a = new Input(3);
        Input b = new Input(4);
        assertFails(IllegalArgumentException.class, () -> new Add().name("join").apply(a, b),
                "\"join\" (Add)", "[(None, 3), (None, 4)]");
        assertFails(IllegalArgumentException.class, () -> new Concatenate().apply(new Input(2, 3), new Input(4, 3)),
                "Concatenate", "[(None, 2, 3), (None, 4, 3)]");
        assertFails(IllegalArgumentException.class, () -> new Add().apply(a),
                "at least 2 inputs", "(None, 3)");
        assertFails(IllegalArgumentException.class, () -> new Dense(2).apply(a, b),
                "expects 1 input", "[(None, 3), (None, 4)]");
        assertFails(IllegalArgumentException.class, () -> new Sequential(new Input(3), new Add()),
                "merge layer should be called on a list of inputs", "(None, 3)");
        assertFails(IllegalArgumentException.class, () -> new Concatenate(1).apply(new Input(2, 3), new Input(2, 3)),
                "last axis only", "axis=1");
    }

    @Test
    void tensorsFromTwoDifferentModelsFailUnlessBothInputsArePassed() {
        Input a = new Input(3).name("a");
        KerasTensor left = new Dense(2).name("left").apply(a);
        Model first = new Model(a, left);
        Input b = new Input(3).name("b");
        KerasTensor right = new Dense(2).name("right").apply(b);
        Model second = new Model(b, right);
        KerasTensor mixed = new Add().name("mix").apply(left, right);
        assertFails(IllegalArgumentException.class, () -> new Model(a, mixed),
                "Graph disconnected", "\"b[0][0]\" of shape (None, 3)", "layer \"right\" (Dense)");
        // Passing both inputs makes a valid graph, as in Keras; the layers keep the weights they had.
        INDArray leftKernel = first.getLayer("left").getWeights().get(0);
        INDArray rightKernel = second.getLayer("right").getWeights().get(0);
        Model both = new Model(List.of(a, b), List.of(mixed));
        assertEquals(16, both.countParams());
        assertEquals(leftKernel, both.getLayer("left").getWeights().get(0));
        assertEquals(rightKernel, both.getLayer("right").getWeights().get(0));
    }

    @Test
    void nonInputAsModelInputAndSharedLayerOnItsOwnOutputFail() {
        Input x = new Input(4);
        KerasTensor h = new Dense(4).apply(x);
        assertFails(IllegalArgumentException.class, () -> new Model(h, new Dense(1).apply(h)),
                "must be `Input` objects", "dense");
        Dense d = new Dense(4);
        Input y = new Input(4);
        KerasTensor twice = d.apply(d.apply(y));
        assertFails(IllegalArgumentException.class, () -> new Model(y, twice), "Shared layer \"dense", "its own output");
    }

    @Test
    void compileChecksOneLossPerOutput() {
        Input x = new Input(2);
        Model model = new Model(List.of(x), List.of(new Dense(1).apply(x), new Dense(1).apply(x)));
        assertFails(IllegalArgumentException.class, () -> model.compile("adam", List.of("mse"), null),
                "one Loss per model output (2", "dense, dense_1");
        assertFails(IllegalArgumentException.class, () -> model.compile("adam", List.of("mse", "mse"), new double[] {1}),
                "loss_weights");
        assertFails(IllegalArgumentException.class, () -> model.predict(Nd4j.ones(3, 2)), "2 outputs");
        model.compile("sgd", "mse");                                 // one loss for every output, as Keras
        assertEquals(2, model.losses().size());
        assertFails(IllegalArgumentException.class,
                () -> model.fit(new INDArray[] {Nd4j.ones(3, 2)}, new INDArray[] {Nd4j.ones(3, 1)}, FitOptions.defaults()),
                "expects 2 label array(s)");
    }
}
