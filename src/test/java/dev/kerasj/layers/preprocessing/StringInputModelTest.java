package dev.kerasj.layers.preprocessing;

import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Concatenate;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Hashing;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Normalization;
import dev.kerasj.layers.StringLookup;
import dev.kerasj.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Models whose inputs are raw strings: the StringLookup / Hashing reading an {@code Input.dtype("string")} is
 * applied on the host, so fit, evaluate and predict take string arrays, and the vocabulary is saved.
 */
class StringInputModelTest {
    private static INDArray column(String... v) {
        return Nd4j.create(v).reshape(v.length, 1);
    }

    @Test
    void aStringColumnTrainsPredictsAndSavesWithItsVocabulary() throws Exception {
        Kerasj.setRandomSeed(3);
        String[] colors = {"red", "blue", "green", "red", "blue", "green", "red", "blue"};
        INDArray y = Nd4j.createFromArray(new float[][] {{1}, {0}, {0}, {1}, {0}, {0}, {1}, {0}});
        StringLookup lookup = new StringLookup().outputMode("one_hot");
        lookup.adapt(column(colors));
        assertEquals(List.of("[UNK]", "red", "blue", "green"), lookup.getVocabulary()); // red 3, blue 3 (ties: larger first), green 2
        Sequential model = new Sequential(new Input(1).dtype("string"), lookup, new Dense(1, "sigmoid"));
        assertArrayEquals(new long[] {4}, lookup.outputShape());
        model.compile(new Adam(0.1), "binary_crossentropy", "accuracy");
        model.fit(column(colors), y, 60, 8);
        assertEquals(1.0, model.evaluate(column(colors), y).get("accuracy"), 1e-9);
        INDArray p = model.predict(column("red", "green", "purple"));
        assertTrue(p.getDouble(0) > 0.5 && p.getDouble(1) < 0.5, p.toString());
        Path f = Files.createTempFile("strings", ".kerasj");
        try {
            model.save(f);
            Sequential loaded = Sequential.load(f);
            assertEquals(lookup.getVocabulary(), ((StringLookup) loaded.layers().get(0)).getVocabulary());
            assertArrayEquals(p.toFloatVector(), loaded.predict(column("red", "green", "purple")).toFloatVector(), 1e-6f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void aTableOfStringAndNumericColumnsInAFunctionalModel() {
        Kerasj.setRandomSeed(5);
        Input city = new Input(1).dtype("string").name("city");
        Input age = new Input(1).name("age");
        Normalization norm = new Normalization();
        norm.adapt(Nd4j.createFromArray(new float[][] {{20}, {40}, {60}}));
        KerasTensor features = new Concatenate().apply(new Hashing(8).outputMode("one_hot").apply(city), norm.apply(age));
        Model model = new Model(List.of(city, age), List.of(new Dense(1).apply(features)));
        model.compile("sgd", "mse");
        INDArray[] x = {column("Oslo", "Lima", "Oslo"), Nd4j.createFromArray(new float[][] {{20}, {40}, {60}})};
        model.fit(x, new INDArray[] {Nd4j.createFromArray(new float[][] {{1}, {2}, {3}})},
                dev.kerasj.FitOptions.defaults().epochs(2).batchSize(3));
        assertArrayEquals(new long[] {3, 1}, model.predict(x, 3)[0].shape());
        // the same input as numbers is refused, naming the input
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(
                new INDArray[] {Nd4j.zeros(3, 1), x[1]}, 3));
        assertTrue(e.getMessage().contains("city"), e.getMessage());
    }

    @Test
    void stringsForANumericInputOrANonStringReaderAreRefused() {
        Sequential numeric = new Sequential(new Input(1), new Dense(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> numeric.predict(column("a")));
        assertTrue(e.getMessage().contains("dtype(\"string\")"), e.getMessage());
        Sequential wrong = new Sequential(new Input(1).dtype("string"), new Dense(1));
        e = assertThrows(IllegalArgumentException.class, () -> wrong.predict(column("a")));
        assertTrue(e.getMessage().contains("StringLookup or Hashing"), e.getMessage());
    }
}
