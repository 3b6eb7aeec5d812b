package dev.kerasj.layers.preprocessing;

import dev.kerasj.layers.CategoryEncoding;
import dev.kerasj.layers.Discretization;
import dev.kerasj.layers.Hashing;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.IntegerLookup;
import dev.kerasj.layers.LayerTestSupport;
import dev.kerasj.layers.Layers;
import dev.kerasj.layers.StringLookup;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.*;

/**
 * CategoryEncoding, Discretization, Hashing, StringLookup and IntegerLookup against the examples of Keras's
 * docstrings (keras/src/layers/preprocessing/*.py) and hand-computed values.
 */
class CategoricalLayersTest {
    private static INDArray f(float[][] v) {
        return Nd4j.createFromArray(v);
    }

    private static INDArray str(String[][] rows) {
        int n = rows.length;
        int k = rows[0].length;
        String[] flat = new String[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * k, k);
        }
        return Nd4j.create(flat).reshape(n, k);
    }

    private static float[][] m(INDArray a) {
        return a.toFloatMatrix();
    }

    // ---------------------------------------------------------------- CategoryEncoding

    @Test
    void categoryEncodingModesFromKerasDocs() {
        assertArrayEquals(new float[][] {{0, 0, 0, 1}, {0, 0, 1, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}},
                m(new CategoryEncoding(4, "one_hot").call(f(new float[][] {{3}, {2}, {0}, {1}}))));
        float[][] pairs = {{0, 1}, {0, 0}, {1, 2}, {3, 1}};
        assertArrayEquals(new float[][] {{1, 1, 0, 0}, {1, 0, 0, 0}, {0, 1, 1, 0}, {0, 1, 0, 1}},
                m(new CategoryEncoding(4).call(f(pairs))));
        assertArrayEquals(new float[][] {{1, 1, 0, 0}, {2, 0, 0, 0}, {0, 1, 1, 0}, {0, 1, 0, 1}},
                m(new CategoryEncoding(4, "count").call(f(pairs))));
        assertEquals("multi_hot", new CategoryEncoding(3).getConfig().get("output_mode"));
        LayerTestSupport.check(new CategoryEncoding(5, "one_hot"), s(1), LayerTestSupport.Expect.of(s(5), 0),
                f(new float[][] {{4}, {0}}));
        LayerTestSupport.check(new CategoryEncoding(5, "one_hot"), s(3), LayerTestSupport.Expect.of(s(3, 5), 0),
                f(new float[][] {{4, 1, 2}}));
        LayerTestSupport.check(new CategoryEncoding(6, "count"), s(3), LayerTestSupport.Expect.of(s(6), 0),
                f(new float[][] {{4, 1, 1}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CategoryEncoding(3, "one_hot").call(f(new float[][] {{3}})));
        assertTrue(e.getMessage().contains("[0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(3, "tf_idf"));
    }

    // ---------------------------------------------------------------- Discretization

    @Test
    void discretizationBinsFromKerasDocs() {
        float[][] x = {{-1.5f, 1.0f, 3.4f, .5f}, {0.0f, 3.0f, 1.3f, 0.0f}};
        // bins (-inf, 0), [0, 1), [1, 2), [2, inf)
        assertArrayEquals(new float[][] {{0, 2, 3, 1}, {1, 3, 2, 1}},
                m(new Discretization(new double[] {0, 1, 2}).call(f(x))));
        // num_bins=4, epsilon=0.01, adapted: quartile boundaries [0, 0.5, 1.3] of the 8 values
        Discretization d = new Discretization(4).epsilon(0.01);
        d.adapt(f(x));
        assertArrayEquals(new double[] {0, 0.5, 1.3}, d.binBoundaries(), 1e-6);
        assertArrayEquals(new float[][] {{0, 2, 3, 2}, {1, 3, 3, 1}}, m(d.call(f(x))));
        // the boundaries are config: saved and restored (Keras saves both num_bins and bin_boundaries)
        Discretization copy = (Discretization) Layers.deserialize(d.serialize());
        assertArrayEquals(d.binBoundaries(), copy.binBoundaries());
        LayerTestSupport.check(new Discretization(new double[] {0, 1}).outputMode("one_hot"), s(1),
                LayerTestSupport.Expect.of(s(3), 0), f(new float[][] {{-1}, {0.5f}, {7}}));
        assertArrayEquals(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, m(new Discretization(new double[] {0, 1})
                .outputMode("one_hot").call(f(new float[][] {{-1}, {0.5f}, {7}}))));
        assertThrows(IllegalStateException.class, () -> new Discretization(new double[] {1}).adapt(f(x)));
        assertThrows(IllegalArgumentException.class, () -> new Discretization(new double[] {2, 1}));
    }

    // ---------------------------------------------------------------- Hashing

    @Test
    void hashingExamplesFromKerasDocs() {
        INDArray abcde = str(new String[][] {{"A"}, {"B"}, {"C"}, {"D"}, {"E"}});
        assertArrayEquals(new float[][] {{1}, {0}, {1}, {1}, {2}}, m(new Hashing(3).call(abcde)));
        assertArrayEquals(new float[][] {{1}, {1}, {0}, {2}, {2}},
                m(new Hashing(3).maskValue("").call(str(new String[][] {{"A"}, {"B"}, {""}, {"C"}, {"D"}}))));
        assertArrayEquals(new float[][] {{1}, {2}, {1}, {0}, {2}}, m(new Hashing(3).salt(133, 137).call(abcde)));
        assertArrayEquals(new float[][] {{0}, {0}, {2}, {1}, {0}}, m(new Hashing(3).salt(133).call(abcde)));
        // numbers are hashed as their decimal text (floats truncated), as Keras's tf.as_string
        Hashing h = new Hashing(5);
        assertEquals(h.bin("12"), h.call(f(new float[][] {{12.7f}})).getDouble(0));
        LayerTestSupport.check(new Hashing(4).outputMode("one_hot"), s(1), LayerTestSupport.Expect.of(s(4), 0),
                f(new float[][] {{3}, {40}}));
        Hashing salted = (Hashing) Layers.deserialize(new Hashing(3).salt(133, 137).maskValue("").serialize());
        assertArrayEquals(new float[][] {{1}, {2}, {1}, {0}, {2}}, m(new Hashing(3).salt(133, 137).call(abcde)));
        assertEquals(List.of(133L, 137L), salted.getConfig().get("salt"));
    }

    // ---------------------------------------------------------------- StringLookup

    @Test
    void stringLookupFromKerasDocs() {
        List<String> vocab = List.of("a", "b", "c", "d");
        INDArray data = str(new String[][] {{"a", "c", "d"}, {"d", "z", "b"}});
        assertArrayEquals(new float[][] {{1, 3, 4}, {4, 0, 2}}, m(new StringLookup(vocab).call(data)));
        // adapt: by frequency, ties larger-first; OOV "[UNK]" at index 0 with num_oov_indices=1
        StringLookup adapted = new StringLookup().adapt(data);
        assertEquals(List.of("[UNK]", "d", "z", "c", "b", "a"), adapted.getVocabulary());
        assertArrayEquals(new float[][] {{5, 3, 1}, {1, 2, 4}}, m(adapted.call(data)));
        // two OOV slots: unknown strings spread by FarmHash
        assertArrayEquals(new float[][] {{2, 4, 5}, {0, 1, 3}}, m(new StringLookup(vocab).numOovIndices(2)
                .call(str(new String[][] {{"a", "c", "d"}, {"m", "z", "b"}}))));
        // mask token: 0, OOV 1, vocabulary from 2
        assertArrayEquals(new float[][] {{2, 4, 5}, {5, 0, 3}}, m(new StringLookup(vocab).maskToken("")
                .call(str(new String[][] {{"a", "c", "d"}, {"d", "", "b"}}))));
        assertArrayEquals(new float[][] {{0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}, {1, 0, 0, 0, 0}},
                m(new StringLookup(vocab).outputMode("one_hot").call(str(new String[][] {{"a"}, {"b"}, {"c"}, {"d"}, {"z"}}))));
        INDArray four = str(new String[][] {{"a", "c", "d", "d"}, {"d", "z", "b", "z"}});
        assertArrayEquals(new float[][] {{0, 1, 0, 1, 1}, {1, 0, 1, 0, 1}},
                m(new StringLookup(vocab).outputMode("multi_hot").call(four)));
        assertArrayEquals(new float[][] {{0, 1, 0, 1, 2}, {2, 0, 1, 0, 1}},
                m(new StringLookup(vocab).outputMode("count").call(four)));
        // a vocabulary given with its special tokens first (as get_vocabulary() returns it) is accepted
        assertEquals(4, new StringLookup(List.of("[UNK]", "a", "b", "c")).vocabularySize());
        assertThrows(IllegalArgumentException.class, () -> new StringLookup(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> new StringLookup(vocab).numOovIndices(0)
                .call(str(new String[][] {{"q"}})));
        StringLookup copy = (StringLookup) Layers.deserialize(adapted.serialize());
        assertEquals(adapted.getVocabulary(), copy.getVocabulary());
        assertEquals("[UNK]", copy.getConfig().get("oov_token"));
    }

    // ---------------------------------------------------------------- IntegerLookup

    @Test
    void integerLookupFromKerasDocs() {
        IntegerLookup l = new IntegerLookup(List.of(12L, 36L, 1138L, 42L));
        float[][] data = {{12, 1138, 42}, {42, 1000, 36}};
        assertArrayEquals(new float[][] {{1, 3, 4}, {4, 0, 2}}, m(l.call(f(data))));
        IntegerLookup adapted = new IntegerLookup().adapt(f(data));
        assertEquals(List.of(-1L, 42L, 1138L, 1000L, 36L, 12L), adapted.getVocabulary());
        assertArrayEquals(new float[][] {{5, 2, 1}, {1, 3, 4}}, m(adapted.call(f(data))));
        // mask token 0 → index 0, OOV 1
        assertArrayEquals(new float[][] {{2, 4, 5}, {5, 0, 3}}, m(new IntegerLookup(List.of(12L, 36L, 1138L, 42L))
                .maskToken(0L).call(f(new float[][] {{12, 1138, 42}, {42, 0, 36}}))));
        // two OOV slots for integers: value mod 2
        assertArrayEquals(new float[][] {{2, 4, 5}, {1, 0, 3}}, m(new IntegerLookup(List.of(12L, 36L, 1138L, 42L))
                .numOovIndices(2).call(f(new float[][] {{12, 1138, 42}, {1001, 1000, 36}}))));
        LayerTestSupport.check(new IntegerLookup(List.of(7L, 9L)).outputMode("multi_hot"), s(2),
                LayerTestSupport.Expect.of(s(3), 0), f(new float[][] {{7, 9}, {9, 5}}));
        LayerTestSupport.check(new IntegerLookup(List.of(7L, 9L)), s(2), LayerTestSupport.Expect.of(s(2), 0),
                f(new float[][] {{7, 9}, {9, 5}}));
        assertEquals(-1L, adapted.getConfig().get("oov_token"));
        assertEquals(Map.class, Map.class);
    }

    @Test
    void numbersAreRefusedWhereStringsAreNeededAndViceVersa() {
        assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(3).call(str(new String[][] {{"a"}})));
        assertThrows(IllegalArgumentException.class, () -> new StringLookup().adapt(f(new float[][] {{1}})));
        assertThrows(IllegalArgumentException.class, () -> new Input(1).dtype("text"));
    }
}
