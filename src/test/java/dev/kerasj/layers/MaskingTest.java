package dev.kerasj.layers;

import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Masking, Embedding(mask_zero) and Keras's mask propagation, against hand computation. */
class MaskingTest {
    /** Two sequences of lengths 3 and 2 (4 features), values away from 0 so no real step is masked. */
    private static final float[][][] SEQUENCES = {
            {{0.5f, -1f, 0.3f, 0.8f}, {1.2f, 0.4f, -0.7f, 0.2f}, {-0.6f, 0.9f, 0.1f, -1.1f}},
            {{0.7f, 0.2f, -0.4f, 1.0f}, {-0.3f, -0.8f, 0.6f, 0.5f}}};

    /** The sequences padded with {@code pad} to 5 steps, at the start ("pre") or the end ("post"). */
    static INDArray padded(float pad, boolean pre) {
        INDArray x = Nd4j.valueArrayOf(new long[] {2, 5, 4}, pad, DataType.FLOAT);
        for (int s = 0; s < SEQUENCES.length; s++) {
            int len = SEQUENCES[s].length;
            for (int t = 0; t < len; t++) {
                int at = pre ? 5 - len + t : t;
                x.get(NDArrayIndex.point(s), NDArrayIndex.point(at), NDArrayIndex.all())
                        .assign(Nd4j.createFromArray(SEQUENCES[s][t]));
            }
        }
        return x;
    }

    static INDArray unpadded(int s) {
        return Nd4j.createFromArray(new float[][][] {SEQUENCES[s]});
    }

    @Test
    void maskingShapesConfigAndSaveLoad() {
        check(new Masking(), s(5, 4), Expect.of(s(5, 4), 0));
        check(new Masking(-1.5), s(5, 4), Expect.of(s(5, 4), 0), padded(-1.5f, true));
        assertEquals(-1.5, ((Masking) Layers.deserialize(new Masking(-1.5).serialize())).maskValue());
        assertEquals(0.0, new Masking().getConfig().get("mask_value"));
    }

    @Test
    void maskingZeroesStepsWhoseFeaturesAllEqualTheMaskValue() {
        INDArray x = Nd4j.createFromArray(new float[][][] {{{2, 2}, {2, 1}, {0, 2}, {2, 2}}});
        INDArray out = new Sequential(new Input(4, 2), new Masking(2.0)).predict(x);
        // steps 0 and 3 have every feature = 2 → zeros; steps 1 and 2 only some → unchanged
        INDArray expected = Nd4j.createFromArray(new float[][][] {{{0, 0}, {2, 1}, {0, 2}, {0, 0}}});
        assertEquals(expected, out);
    }

    @Test
    void lstmSkipsPreAndPostPaddingAsIfTheSequenceWereUnpadded() {
        Kerasj.setRandomSeed(3);
        int units = 3;
        INDArray w = Nd4j.randn(DataType.FLOAT, 4, 4 * units).muli(0.5);
        INDArray u = Nd4j.randn(DataType.FLOAT, units, 4 * units).muli(0.5);
        INDArray b = Nd4j.randn(DataType.FLOAT, 4 * units).muli(0.5);
        for (float pad : new float[] {0f, -9f}) {
            for (boolean pre : new boolean[] {true, false}) {
                LSTM lstm = new LSTM(units);
                Sequential m = new Sequential(new Input(5, 4), new Masking(pad), lstm);
                lstm.setWeights(w, u, b);
                INDArray got = m.predict(padded(pad, pre));
                for (int s = 0; s < 2; s++) {
                    double[][][] ref = RecurrentTest.lstmReference(unpadded(s), w, u, b);
                    double[] last = ref[0][SEQUENCES[s].length - 1];
                    for (int j = 0; j < units; j++) {
                        assertEquals(last[j], got.getDouble(s, j), 1e-4, (pre ? "pre" : "post") + " pad=" + pad
                                + " sample " + s);
                    }
                }
            }
        }
    }

    /** The last output of {@code make}'s layer on each unpadded sequence, with the given weights. */
    private static INDArray[] unpaddedLast(java.util.function.Supplier<Layer> make, java.util.List<INDArray> weights) {
        INDArray[] out = new INDArray[SEQUENCES.length];
        for (int s = 0; s < SEQUENCES.length; s++) {
            Layer l = make.get();
            Sequential m = new Sequential(new Input(SEQUENCES[s].length, 4), l);
            l.setWeights(weights.toArray(new INDArray[0]));
            out[s] = m.predict(unpadded(s));
        }
        return out;
    }

    /** Masking + the layer on pre- and post-padded batches gives the layer's output on the unpadded sequences. */
    private static void skipsPadding(java.util.function.Supplier<Layer> make) {
        Layer first = make.get();
        new Sequential(new Input(5, 4), first);
        java.util.List<INDArray> weights = first.getWeights();
        INDArray[] expected = unpaddedLast(make, weights);
        for (boolean pre : new boolean[] {true, false}) {
            Layer l = make.get();
            Sequential m = new Sequential(new Input(5, 4), new Masking(), l);
            l.setWeights(weights.toArray(new INDArray[0]));
            INDArray got = m.predict(padded(0f, pre));
            for (int s = 0; s < 2; s++) {
                assertTrue(expected[s].reshape(got.size(1)).equalsWithEps(got.getRow(s), 1e-4), l.className() + " "
                        + (pre ? "pre" : "post") + "-padded sample " + s + ": " + expected[s] + " vs " + got.getRow(s));
            }
        }
    }

    @Test
    void simpleRnnGruAndBidirectionalSkipPreAndPostPadding() {
        Kerasj.setRandomSeed(4);
        skipsPadding(() -> new SimpleRNN(3));
        skipsPadding(() -> new GRU(3));
        skipsPadding(() -> new Bidirectional(new LSTM(2)));
        skipsPadding(() -> new Bidirectional(new SimpleRNN(2)));
    }

    @Test
    void gruCarriesItsStateOverMaskedStepsInTheMiddle() {
        Kerasj.setRandomSeed(6);
        // sample 0 with a masked step between its 2nd and 3rd steps: Keras's GRU = the GRU on the 3 real steps
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 5, 4);
        x.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all()).assign(Nd4j.createFromArray(SEQUENCES[0][0]));
        x.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).assign(Nd4j.createFromArray(SEQUENCES[0][1]));
        x.get(NDArrayIndex.point(0), NDArrayIndex.point(3), NDArrayIndex.all()).assign(Nd4j.createFromArray(SEQUENCES[0][2]));
        GRU seq = new GRU(3).returnSequences(true);
        Sequential masked = new Sequential(new Input(5, 4), new Masking(), seq);
        GRU plain = new GRU(3).returnSequences(true);
        Sequential reference = new Sequential(new Input(3, 4), plain);
        plain.setWeights(seq.getWeights().toArray(new INDArray[0]));
        INDArray ref = reference.predict(unpadded(0));
        INDArray got = masked.predict(x);
        // output at each step = the state after the last unmasked step so far (Keras repeats it at masked steps)
        int[] source = {0, 1, 1, 2, 2};
        for (int t = 0; t < 5; t++) {
            assertTrue(ref.get(NDArrayIndex.point(0), NDArrayIndex.point(source[t]), NDArrayIndex.all()).equalsWithEps(
                    got.get(NDArrayIndex.point(0), NDArrayIndex.point(t), NDArrayIndex.all()), 1e-4), "step " + t);
        }
    }

    @Test
    void lstmRefusesMaskedStepsBetweenUnmaskedOnes() {
        INDArray x = padded(0f, false);
        x.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).assign(0);
        Sequential m = new Sequential(new Input(5, 4), new Masking(), new LSTM(2).name("rnn"));
        var e = assertThrows(IllegalArgumentException.class, () -> m.predict(x));
        assertTrue(e.getMessage().contains("Sample 0") && e.getMessage().contains("[1, 0, 1, 0, 0]")
                && e.getMessage().contains("'rnn' (LSTM)") && e.getMessage().contains("GRU"), e.getMessage());
    }

    /** Keras's masked mean squared error: the mean over the unmasked steps of the per-step mean over features. */
    private static double maskedMse(INDArray p, INDArray y, int[] lengths) {
        double sum = 0;
        int count = 0;
        for (int s = 0; s < lengths.length; s++) {
            for (int t = 0; t < lengths[s]; t++) {
                double step = 0;
                for (int k = 0; k < p.size(2); k++) {
                    double d = p.getDouble(s, t, k) - y.getDouble(s, t, k);
                    step += d * d;
                }
                sum += step / p.size(2);
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void lossOnAMaskedSequenceOutputIsTheMeanOverUnmaskedSteps() {
        Kerasj.setRandomSeed(8);
        INDArray x = padded(0f, false);                       // lengths 3 and 2, post-padded to 5
        INDArray y = Nd4j.randn(DataType.FLOAT, 2, 5, 2);
        Sequential m = new Sequential(new Input(5, 4), new Masking(), new TimeDistributed(new Dense(2)));
        m.compile("sgd", "mse", "mae");
        INDArray p = m.predict(x);
        double expected = maskedMse(p, y, new int[] {3, 2});
        var scores = m.evaluate(x, y);
        assertEquals(expected, scores.get("loss"), 1e-5);
        double mae = 0;
        for (int[] st : new int[][] {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}}) {
            for (int k = 0; k < 2; k++) {
                mae += Math.abs(p.getDouble(st[0], st[1], k) - y.getDouble(st[0], st[1], k)) / 2;
            }
        }
        assertEquals(mae / 5, scores.get("mae"), 1e-5, "metrics skip the masked steps too");
        // the training loss of one full batch is the loss before its update
        var h = m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(1).batchSize(2).shuffle(false).verbose(0));
        assertEquals(expected, h.history().get("loss").get(0), 1e-5);
        assertEquals(mae / 5, h.history().get("mae").get(0), 1e-5);
    }

    @Test
    void labelsAtMaskedStepsDoNotChangeTraining() {
        INDArray x = padded(0f, true);
        INDArray y = Nd4j.randn(DataType.FLOAT, 2, 5, 1);
        INDArray y2 = y.dup();
        y2.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 2), NDArrayIndex.all()).assign(100); // masked (pre)
        java.util.List<INDArray> after = new java.util.ArrayList<>();
        for (INDArray labels : new INDArray[] {y, y2}) {
            Kerasj.setRandomSeed(9);
            Sequential m = new Sequential(new Input(5, 4), new Masking(), new LSTM(3).returnSequences(true),
                    new TimeDistributed(new Dense(1)));
            m.compile("adam", "mse");
            m.fit(x, labels, dev.kerasj.FitOptions.defaults().epochs(3).batchSize(2).shuffle(false).verbose(0));
            after.add(m.layers().get(1).getWeights().get(0));
        }
        assertTrue(after.get(0).equalsWithEps(after.get(1), 1e-7), "same weights whatever the masked labels");
    }

    @Test
    void embeddingMaskZeroKeepsInputDimAndFeedsTheLstmOnlyRealIds() {
        // Keras reserves id 0 for padding but keeps input_dim as given: 10·4 parameters
        INDArray ids = Nd4j.createFromArray(new float[][] {{0, 0, 3, 7, 2}, {5, 1, 0, 0, 0}});
        check(new Embedding(10, 4).maskZero(true), s(5), Expect.of(s(5, 4), 40), ids);
        Embedding copy = (Embedding) Layers.deserialize(new Embedding(10, 4).maskZero(true).serialize());
        assertTrue(copy.maskZero());

        Kerasj.setRandomSeed(12);
        int units = 3;
        Embedding emb = new Embedding(10, 4).maskZero(true);
        LSTM lstm = new LSTM(units);
        Sequential m = new Sequential(new Input(5), emb, lstm);
        INDArray table = emb.getWeights().get(0);
        List<INDArray> w = lstm.getWeights();
        INDArray got = m.predict(ids);
        // the Embedding's own output looks id 0 up like any id (Keras): embeddings[0] at the padded steps
        Embedding alone = new Embedding(10, 4).maskZero(true);
        Sequential lookup = new Sequential(new Input(5), alone);
        alone.setWeights(table);
        INDArray vectors = lookup.predict(ids);
        assertTrue(table.getRow(0).equalsWithEps(vectors.get(NDArrayIndex.point(1), NDArrayIndex.point(4),
                NDArrayIndex.all()), 1e-7));
        assertTrue(table.getRow(7).equalsWithEps(vectors.get(NDArrayIndex.point(0), NDArrayIndex.point(3),
                NDArrayIndex.all()), 1e-7));
        int[][] real = {{3, 7, 2}, {5, 1}};
        for (int s = 0; s < 2; s++) {
            INDArray seq = Nd4j.create(DataType.FLOAT, 1, real[s].length, 4);
            for (int t = 0; t < real[s].length; t++) {
                seq.get(NDArrayIndex.point(0), NDArrayIndex.point(t), NDArrayIndex.all()).assign(table.getRow(real[s][t]));
            }
            double[][][] ref = RecurrentTest.lstmReference(seq, w.get(0), w.get(1), w.get(2));
            for (int j = 0; j < units; j++) {
                assertEquals(ref[0][real[s].length - 1][j], got.getDouble(s, j), 1e-4, "sample " + s);
            }
        }
    }

    @Test
    void functionalModelMasksLikeSequential() {
        Kerasj.setRandomSeed(13);
        Input in = new Input(5, 4);
        LSTM lstm = new LSTM(3);
        KerasTensor h = lstm.apply(new Masking().apply(in));
        Dense head = new Dense(1);
        Model model = new Model(in, head.apply(h));
        Sequential reference = new Sequential(new Input(5, 4), new Masking(), new LSTM(3), new Dense(1));
        reference.layers().get(1).setWeights(lstm.getWeights().toArray(new INDArray[0]));
        reference.layers().get(2).setWeights(head.getWeights().toArray(new INDArray[0]));
        for (boolean pre : new boolean[] {true, false}) {
            INDArray x = padded(0f, pre);
            assertTrue(reference.predict(x).equalsWithEps(model.predict(x), 1e-5), pre ? "pre" : "post");
            // and both equal the unpadded sequences through the same weights
            for (int s = 0; s < 2; s++) {
                Sequential plain = new Sequential(new Input(SEQUENCES[s].length, 4), new LSTM(3), new Dense(1));
                plain.layers().get(0).setWeights(lstm.getWeights().toArray(new INDArray[0]));
                plain.layers().get(1).setWeights(head.getWeights().toArray(new INDArray[0]));
                assertEquals(plain.predict(unpadded(s)).getDouble(0), model.predict(x).getDouble(s), 1e-4);
            }
        }
        // a masked sequence output of a functional model: loss over the unmasked steps
        Input in2 = new Input(5, 4);
        Model seq = new Model(in2, new TimeDistributed(new Dense(2)).apply(new Masking().apply(in2)));
        seq.compile("sgd", "mse");
        INDArray x = padded(0f, false);
        INDArray y = Nd4j.randn(DataType.FLOAT, 2, 5, 2);
        double expected = maskedMse(seq.predict(x), y, new int[] {3, 2});
        assertEquals(expected, seq.evaluate(x, y).get("loss"), 1e-5);
        var hist = seq.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(1).batchSize(2).shuffle(false).verbose(0));
        assertEquals(expected, hist.history().get("loss").get(0), 1e-5);
    }

    @Test
    void learnsTheSumOfVariableLengthSequences() {
        Kerasj.setRandomSeed(21);
        java.util.Random r = new java.util.Random(21);
        int n = 128;
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 8, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 1);
        for (int s = 0; s < n; s++) {
            int len = 1 + r.nextInt(8);
            double sum = 0;
            for (int t = 0; t < len; t++) {
                double v = 0.1 + 0.9 * r.nextDouble();   // never 0: only padding is masked
                x.putScalar(new long[] {s, 8 - len + t, 0}, v);   // 'pre' padding, as pad_sequences
                sum += v;
            }
            y.putScalar(s, 0, sum / 4);
        }
        Sequential m = new Sequential(new Input(8, 1), new Masking(), new LSTM(8), new Dense(1));
        m.compile(new dev.kerasj.optimizers.Adam(0.01), "mse");
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(30).batchSize(32).verbose(0));
        double after = m.evaluate(x, y).get("loss");
        assertTrue(after < before / 10, "loss " + before + " → " + after);
    }

    @Test
    void badInputAndUnsupportedLayersFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(6), new Masking().name("pad")));
        assertTrue(e.getMessage().contains("\"pad\" (Masking)") && e.getMessage().contains("(None, 6)")
                && e.getMessage().contains("timesteps, features"), e.getMessage());
        // refused when the model is built, as Keras fails when a layer is called
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(5, 4), new Masking().name("m"),
                new Flatten().name("flat"), new Dense(1)));
        assertTrue(e.getMessage().contains("'flat' (Flatten) does not support masking") && e.getMessage().contains("'m'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(5, 4),
                new LSTM(4).returnSequences(true), new Masking().name("late"), new LSTM(2)));
        assertTrue(e.getMessage().contains("'late' (Masking) must read a model Input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(5, 4), new Masking(),
                new GlobalMaxPooling1D().name("gmp")));
        assertTrue(e.getMessage().contains("'gmp' (GlobalMaxPooling1D) does not support masking"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Masking(Double.NaN));
        assertTrue(e.getMessage().contains("mask_value=NaN"), e.getMessage());
    }

    @Test
    void sequenceOutputsAtMaskedStepsAreKeras() {
        Kerasj.setRandomSeed(14);
        // LSTM with return_sequences: Keras repeats the last unmasked output over trailing masked steps and
        // outputs zeros over leading ones (its initial output); the real steps are the unpadded run's
        LSTM lstm = new LSTM(2).returnSequences(true);
        Sequential m = new Sequential(new Input(5, 4), new Masking(), lstm);
        LSTM plainLayer = new LSTM(2).returnSequences(true);
        Sequential plain = new Sequential(new Input(2, 4), plainLayer);
        plainLayer.setWeights(lstm.getWeights().toArray(new INDArray[0]));
        INDArray ref = plain.predict(unpadded(1));                    // sample 1: 2 real steps
        INDArray post = m.predict(padded(0f, false));
        INDArray pre = m.predict(padded(0f, true));
        for (int t = 0; t < 5; t++) {
            INDArray postStep = post.get(NDArrayIndex.point(1), NDArrayIndex.point(t), NDArrayIndex.all());
            INDArray refPost = ref.get(NDArrayIndex.point(0), NDArrayIndex.point(Math.min(t, 1)), NDArrayIndex.all());
            assertTrue(refPost.equalsWithEps(postStep, 1e-4), "post-padded step " + t);
            INDArray preStep = pre.get(NDArrayIndex.point(1), NDArrayIndex.point(t), NDArrayIndex.all());
            INDArray refPre = t < 3 ? Nd4j.zeros(DataType.FLOAT, 2)
                    : ref.get(NDArrayIndex.point(0), NDArrayIndex.point(t - 3), NDArrayIndex.all());
            assertTrue(refPre.equalsWithEps(preStep, 1e-4), "pre-padded step " + t);
        }
        // TimeDistributed(Dense) computes every step, as Keras's Dense: at Masking's zeroed steps, the bias
        TimeDistributed td = new TimeDistributed(new Dense(2));
        Sequential d = new Sequential(new Input(5, 4), new Masking(), td);
        td.setWeights(Nd4j.ones(DataType.FLOAT, 4, 2), Nd4j.createFromArray(0.5f, -0.5f));
        INDArray out = d.predict(padded(0f, false));
        assertEquals(0.7 + 0.2 - 0.4 + 1.0 + 0.5, out.getDouble(1, 0, 0), 1e-5);
        assertEquals(0.5, out.getDouble(1, 4, 0), 1e-6);
        assertEquals(-0.5, out.getDouble(1, 4, 1), 1e-6);
    }

    @Test
    void globalAveragePooling1DAveragesTheUnmaskedStepsOnly() {
        Sequential m = new Sequential(new Input(5, 4), new Masking(), new GlobalAveragePooling1D());
        for (boolean pre : new boolean[] {true, false}) {
            INDArray got = m.predict(padded(0f, pre));
            for (int s = 0; s < 2; s++) {
                for (int k = 0; k < 4; k++) {
                    double sum = 0;
                    for (float[] step : SEQUENCES[s]) {
                        sum += step[k];
                    }
                    assertEquals(sum / SEQUENCES[s].length, got.getDouble(s, k), 1e-5, "sample " + s + " feature " + k);
                }
            }
        }
        // and it trains through the masked average (Keras's sentiment-style Embedding → pooling → Dense)
        Kerasj.setRandomSeed(15);
        Sequential clf = new Sequential(new Input(6), new Embedding(20, 8).maskZero(true), new GlobalAveragePooling1D(),
                new Dense(1, "sigmoid"));
        clf.compile("adam", "binary_crossentropy", "accuracy");
        java.util.Random r = new java.util.Random(15);
        INDArray ids = Nd4j.zeros(DataType.FLOAT, 64, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 1);
        for (int s = 0; s < 64; s++) {
            int len = 1 + r.nextInt(6);
            boolean positive = s % 2 == 0;
            for (int t = 0; t < len; t++) {
                ids.putScalar(s, 6 - len + t, positive ? 1 + r.nextInt(9) : 10 + r.nextInt(10));
            }
            y.putScalar(s, 0, positive ? 1 : 0);
        }
        clf.fit(ids, y, dev.kerasj.FitOptions.defaults().epochs(20).batchSize(16).verbose(0));
        assertTrue(clf.evaluate(ids, y).get("accuracy") > 0.95, clf.evaluate(ids, y).toString());
    }

    @Test
    void perStepLayersPassTheMaskOn() {
        Kerasj.setRandomSeed(16);
        LSTM lstm = new LSTM(3);
        Sequential direct = new Sequential(new Input(5, 4), new Masking(), lstm);
        java.util.List<java.util.function.Supplier<Layer>> mids = List.of(() -> new Dropout(0.3),
                () -> new Activation("linear"), () -> new GaussianNoise(0.2));
        for (var mid : mids) {
            LSTM l = new LSTM(3);
            Sequential m = new Sequential(new Input(5, 4), new Masking(), mid.get(), l);
            l.setWeights(lstm.getWeights().toArray(new INDArray[0]));
            for (boolean pre : new boolean[] {true, false}) {
                INDArray x = padded(0f, pre);
                assertTrue(direct.predict(x).equalsWithEps(m.predict(x), 1e-5), m.layers().get(1).className() + " "
                        + (pre ? "pre" : "post"));
            }
            m.compile("adam", "mse");
            var h = m.fit(padded(0f, false), Nd4j.zeros(DataType.FLOAT, 2, 3),
                    dev.kerasj.FitOptions.defaults().epochs(2).batchSize(2).verbose(0));
            assertTrue(Double.isFinite(h.history().get("loss").get(1)));
        }
    }

    @Test
    void maskedModelSurvivesSaveAndLoad() throws Exception {
        Kerasj.setRandomSeed(17);
        Sequential m = new Sequential(new Input(5, 4), new Masking(-1.0), new LSTM(3), new Dense(1));
        INDArray x = padded(-1f, true);
        INDArray before = m.predict(x);
        java.nio.file.Path f = java.nio.file.Files.createTempFile("masking", ".kerasj");
        try {
            m.save(f);
            Sequential loaded = Sequential.load(f);
            assertEquals(-1.0, ((Masking) loaded.layers().get(0)).maskValue());
            assertTrue(before.equalsWithEps(loaded.predict(x), 1e-6));
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    @Test
    void functionalModelsRefuseWhatTheyCannotMask() {
        Input in = new Input(5, 4);
        KerasTensor masked = new Masking().name("m").apply(in);
        KerasTensor out = new Add().apply(new LSTM(2).apply(masked), new Dense(2).apply(new Flatten().apply(in)));
        var e = assertThrows(IllegalArgumentException.class, () -> new Model(in, out));
        assertTrue(e.getMessage().contains("also layer"), e.getMessage());
        Input in2 = new Input(5, 4);
        KerasTensor m2 = new Masking().apply(in2);
        KerasTensor sum = new Add().name("add").apply(new LSTM(2).returnSequences(true).apply(m2),
                new LSTM(2).returnSequences(true).apply(m2));
        e = assertThrows(IllegalArgumentException.class, () -> new Model(in2, sum));
        assertTrue(e.getMessage().contains("'add' (Add) does not support masking"), e.getMessage());
    }

    @Test
    void sgdStepFollowsTheGradientOfTheMaskedMean() {
        // L = (1/N) Σ_{unmasked (s,t)} (1/K) Σ_k (x·W + b − y)²  (N = 5 unmasked steps, K = 2):
        // dL/dW = (1/N) Σ xᵀ·(2/K)(p − y), dL/db = (1/N) Σ (2/K)(p − y)
        INDArray x = padded(0f, false);
        INDArray y = Nd4j.createFromArray(new float[][][] {
                {{0.2f, -0.1f}, {0.5f, 0.3f}, {-0.4f, 0.6f}, {9f, 9f}, {9f, 9f}},
                {{1.0f, -0.5f}, {0.1f, 0.2f}, {9f, 9f}, {9f, 9f}, {9f, 9f}}});
        INDArray w = Nd4j.createFromArray(new float[][] {{0.1f, -0.2f}, {0.3f, 0.05f}, {-0.15f, 0.2f}, {0.25f, -0.1f}});
        INDArray b = Nd4j.createFromArray(0.05f, -0.05f);
        TimeDistributed td = new TimeDistributed(new Dense(2));
        Sequential m = new Sequential(new Input(5, 4), new Masking(), td);
        td.setWeights(w, b);
        m.compile(new dev.kerasj.optimizers.SGD(0.1), "mse");
        double[][] dw = new double[4][2];
        double[] db = new double[2];
        int[] lengths = {3, 2};
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < lengths[s]; t++) {
                for (int k = 0; k < 2; k++) {
                    double p = b.getDouble(k);
                    for (int f = 0; f < 4; f++) {
                        p += x.getDouble(s, t, f) * w.getDouble(f, k);
                    }
                    double g = 2.0 / 2 * (p - y.getDouble(s, t, k)) / 5;
                    db[k] += g;
                    for (int f = 0; f < 4; f++) {
                        dw[f][k] += x.getDouble(s, t, f) * g;
                    }
                }
            }
        }
        m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(1).batchSize(2).shuffle(false).verbose(0));
        List<INDArray> after = td.getWeights();
        for (int f = 0; f < 4; f++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(w.getDouble(f, k) - 0.1 * dw[f][k], after.get(0).getDouble(f, k), 1e-6, "kernel " + f + "," + k);
            }
        }
        for (int k = 0; k < 2; k++) {
            assertEquals(b.getDouble(k) - 0.1 * db[k], after.get(1).getDouble(k), 1e-6, "bias " + k);
        }
    }

    @Test
    void bidirectionalSequencesAreZeroAtMaskedSteps() {
        Kerasj.setRandomSeed(18);
        Bidirectional bi = new Bidirectional(new LSTM(2).returnSequences(true));
        Sequential m = new Sequential(new Input(5, 4), new Masking(), bi);
        Bidirectional plainBi = new Bidirectional(new LSTM(2).returnSequences(true));
        Sequential plain = new Sequential(new Input(2, 4), plainBi);
        plainBi.setWeights(bi.getWeights().toArray(new INDArray[0]));
        INDArray ref = plain.predict(unpadded(1));                    // sample 1: 2 real steps
        for (boolean pre : new boolean[] {true, false}) {
            INDArray got = m.predict(padded(0f, pre));
            for (int t = 0; t < 5; t++) {
                int real = pre ? t - 3 : t;
                INDArray expected = real >= 0 && real < 2
                        ? ref.get(NDArrayIndex.point(0), NDArrayIndex.point(real), NDArrayIndex.all())
                        : Nd4j.zeros(DataType.FLOAT, 4);              // Keras: zeros at masked steps
                assertTrue(expected.equalsWithEps(got.get(NDArrayIndex.point(1), NDArrayIndex.point(t),
                        NDArrayIndex.all()), 1e-4), (pre ? "pre" : "post") + " step " + t);
            }
        }
    }

    @Test
    void sameDiffLstmAndSimpleRnnSkipPaddingAsIfUnpadded() {
        // recurrent_dropout (at inference) and SimpleRNN dropout run kerasj's SameDiff implementation
        Kerasj.setRandomSeed(21);
        int units = 3;
        INDArray w = Nd4j.randn(DataType.FLOAT, 4, 4 * units).muli(0.5);
        INDArray u = Nd4j.randn(DataType.FLOAT, units, 4 * units).muli(0.5);
        INDArray b = Nd4j.randn(DataType.FLOAT, 4 * units).muli(0.5);
        for (boolean pre : new boolean[] {true, false}) {
            LSTM lstm = new LSTM(units).recurrentDropout(0.4).returnSequences(true);
            Sequential m = new Sequential(new Input(5, 4), new Masking(), lstm);
            lstm.setWeights(w, u, b);
            INDArray got = m.predict(padded(0f, pre));
            for (int s = 0; s < 2; s++) {
                int len = SEQUENCES[s].length;
                double[][] ref = RecurrentTest.lstmReference(unpadded(s), w, u, b)[0];
                for (int t = 0; t < 5; t++) {
                    // Keras: zeros before the first real step, the real outputs, then the last one repeated
                    int real = pre ? t - (5 - len) : Math.min(t, len - 1);
                    for (int j = 0; j < units; j++) {
                        assertEquals(real < 0 ? 0.0 : ref[real][j], got.getDouble(s, t, j), 1e-4,
                                (pre ? "pre" : "post") + " sample " + s + " step " + t);
                    }
                }
            }
        }
        skipsPadding(() -> new SimpleRNN(3).dropout(0.3));
        skipsPadding(() -> new LSTM(3).recurrentDropout(0.3));
    }

    @Test
    void returnStateGivesTheStatesAfterTheLastUnmaskedStep() {
        Kerasj.setRandomSeed(22);
        int units = 3;
        INDArray w = Nd4j.randn(DataType.FLOAT, 4, 4 * units).muli(0.5);
        INDArray u = Nd4j.randn(DataType.FLOAT, units, 4 * units).muli(0.5);
        INDArray b = Nd4j.randn(DataType.FLOAT, 4 * units).muli(0.5);
        for (boolean pre : new boolean[] {true, false}) {
            Input in = new Input(5, 4);
            LSTM lstm = new LSTM(units).returnState(true);
            List<KerasTensor> outs = lstm.applyAll(new Masking().apply(in));
            Model m = new Model(List.of(in), outs);
            lstm.setWeights(w, u, b);
            INDArray[] p = m.predict(new INDArray[] {padded(0f, pre)}, 32);
            for (int s = 0; s < 2; s++) {
                int len = SEQUENCES[s].length;
                double[] h = RecurrentTest.lstmReference(unpadded(s), w, u, b)[0][len - 1];
                double[] c = ReturnStateTest.lstmFinalCarry(unpadded(s), w, u, b)[0];
                for (int j = 0; j < units; j++) {
                    String what = (pre ? "pre" : "post") + " sample " + s;
                    assertEquals(h[j], p[0].getDouble(s, j), 1e-4, "output " + what);
                    assertEquals(h[j], p[1].getDouble(s, j), 1e-4, "state_h " + what);
                    assertEquals(c[j], p[2].getDouble(s, j), 1e-4, "state_c " + what);
                }
            }
        }
        // with return_sequences too the mask cannot follow the packed sequence yet: refused at build
        Input in = new Input(5, 4);
        List<KerasTensor> outs = new GRU(2).returnSequences(true).returnState(true).name("gs")
                .applyAll(new Masking().apply(in));
        var e = assertThrows(IllegalArgumentException.class, () -> new Model(List.of(in), outs));
        assertTrue(e.getMessage().contains("'gs' (GRU) does not support masking")
                && e.getMessage().contains("return_state=true and return_sequences=true"), e.getMessage());
    }
}
