package dev.kerasj.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingTest {
    private static INDArray ids(int n, int length, int vocab) {
        return Nd4j.createFromArray(new java.util.Random(1).ints((long) n * length, 0, vocab).asDoubleStream()
                .mapToObj(d -> (float) d).toArray(Float[]::new)).reshape(n, length);
    }

    @Test
    void shapesAndParameterCountsMatchKeras() {
        // Embedding: input_dim · output_dim
        check(new Embedding(1000, 8), s(12), Expect.of(s(12, 8), 8000), ids(3, 12, 1000));
        check(new Embedding(5, 3), s(4), Expect.of(s(4, 3), 15), ids(2, 4, 5));
    }

    @Test
    void lookupReturnsTheRowsOfTheTable() {
        Embedding e = new Embedding(4, 2);
        Sequential m = new Sequential(new Input(3), e);
        INDArray table = Nd4j.createFromArray(new float[][] {{0, 1}, {10, 11}, {20, 21}, {30, 31}});
        e.setWeights(table);
        INDArray out = m.predict(Nd4j.createFromArray(new float[][] {{3, 0, 2}, {1, 1, 0}}));
        INDArray expected = Nd4j.createFromArray(new float[][][] {{{30, 31}, {0, 1}, {20, 21}}, {{10, 11}, {10, 11}, {0, 1}}});
        assertTrue(expected.equalsWithEps(out, 0), out.toString());
    }

    @Test
    void defaultsAreKeras() {
        Embedding e = new Embedding(50, 4);
        assertEquals("RandomUniform", e.embeddingsInitializer().className());
        new Sequential(new Input(3), e);
        INDArray w = e.getWeights().get(0);
        assertTrue(w.maxNumber().doubleValue() <= 0.05 && w.minNumber().doubleValue() >= -0.05);
    }

    @Test
    void trainsWithAnRnnOnTop() {
        Kerasj.setRandomSeed(2);
        // class = whether id 1 occurs in the sequence
        int n = 200;
        INDArray x = ids(n, 5, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            boolean has = false;
            for (int t = 0; t < 5; t++) {
                has |= x.getInt(i, t) == 1;
            }
            y.putScalar(i, has ? 1 : 0);
        }
        Sequential m = new Sequential(new Input(5), new Embedding(4, 8), new SimpleRNN(8), new Dense(1, "sigmoid"));
        m.compile("adam", "binary_crossentropy", "accuracy");
        var h = m.fit(x, y, FitOptions.defaults().epochs(30).batchSize(32).verbose(0));
        var acc = h.history().get("accuracy");
        assertTrue(acc.get(acc.size() - 1) > 0.85, acc.toString());
    }

    @Test
    void badInput() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(4, 2), new Embedding(5, 3)));
        assertTrue(e.getMessage().contains("(None, 4, 2)"), e.getMessage());
        assertTrue(new Embedding(5, 3).maskZero(true).maskZero(), "mask_zero is supported (see MaskingTest)");
        assertArrayEquals(s(4, 3), new Sequential(new Input(4), new Embedding(5, 3)).outputShape());
    }
}
