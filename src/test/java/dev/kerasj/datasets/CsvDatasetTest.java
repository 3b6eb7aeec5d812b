package dev.kerasj.datasets;

import dev.kerasj.testing.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CsvDataset} on real tables: types, vocabularies, classes, missing rows and split sizes against counts
 * and statistics computed independently (Python's csv module and NumPy 2.4 over the same files), and the
 * errors for bad files.
 */
class CsvDatasetTest {
    @TempDir
    Path tmp;

    private static final CsvDataset.Options PENGUINS = CsvDataset.options().target("Species");

    @Test
    void penguinsMissingValueIsNamed() {
        String m = assertThrows(DatasetException.class, () -> CsvDataset.read(Tables.penguins(), PENGUINS)).getMessage();
        assertTrue(m.contains("Missing value in column 'Beak Length (mm)'") && m.contains("penguins.csv, line 5"), m);
        assertTrue(m.contains("missing(\"drop\")"), m);
    }

    @Test
    void penguinsTypesVocabulariesAndClasses() {
        CsvDataset t = CsvDataset.read(Tables.penguins(), PENGUINS.missing("drop"));
        assertEquals(334, t.size());   // 344 rows, 10 with a missing value
        assertTrue(t.missingReport().startsWith("Left out 10 of 344 rows with missing values (Beak Length (mm): 2, "
                + "Beak Depth (mm): 2, Flipper Length (mm): 2, Body Mass (g): 2, Sex: 10); lines [5, 10, 11, 12, 13, 49, "
                + "248, 288, 326, 341]"), t.missingReport());
        assertEquals("string", t.columnType("Island"));
        assertEquals("numeric", t.columnType("Flipper Length (mm)"));   // integers, but many distinct values
        assertEquals(List.of("Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"),
                t.numericColumns());
        assertEquals(List.of("Island", "Sex"), t.categoricalColumns());
        assertEquals(List.of("Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)",
                "Sex"), t.featureColumns());
        assertEquals(List.of("Island", "Beak_Length__mm_", "Beak_Depth__mm_", "Flipper_Length__mm_", "Body_Mass__g_",
                "Sex"), t.inputNames());
        // counts: Biscoe 164, Dream 123, Torgersen 47; MALE 168, FEMALE 165, "." 1
        assertEquals(List.of("[UNK]", "Biscoe", "Dream", "Torgersen"), t.vocabulary("Island"));
        assertEquals(List.of("[UNK]", "MALE", "FEMALE", "."), t.vocabulary("Sex"));
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), t.classNames());
        assertEquals(11, t.cardinality());

        CsvDataset unshuffled = CsvDataset.read(Tables.penguins(), PENGUINS.missing("drop").shuffle(false));
        Batch b;
        try (Dataset.Passes p = unshuffled.iterator()) {
            b = p.next();
        }
        // first complete row: Adelie,Torgersen,39.1,18.7,181,3750,MALE
        INDArray[] in = b.inputs();
        assertEquals(6, in.length);
        assertArrayEquals(new long[] {32, 1}, in[1].shape());
        assertArrayEquals(new float[] {39.1f, 18.7f, 181, 3750}, new float[] {in[1].getFloat(0, 0), in[2].getFloat(0, 0),
            in[3].getFloat(0, 0), in[4].getFloat(0, 0)});
        assertEquals(3, in[0].getFloat(0, 0), 0);   // Torgersen
        assertEquals(1, in[5].getFloat(0, 0), 0);   // MALE
        assertEquals(DataType.INT, b.y().dataType());
        assertArrayEquals(new long[] {32}, b.y().shape());
        assertEquals(0, b.y().getInt(0));

        // NumPy over the 334 complete rows: mean and population variance
        double[][] stats = t.numericStatistics();
        assertArrayEquals(new double[] {43.99431138, 17.16047904, 201.01497006, 4209.05688623}, stats[0], 1e-5);
        assertArrayEquals(new double[] {29.7280215, 3.86107282, 196.032710, 645821.790}, stats[1], 1e-3);
    }

    /** 334 rows at 0.2: int(66.8) = 66 held out; NumPy's RandomState(1337) order decides which. */
    @Test
    void splitAsKeras() {
        CsvDataset t = CsvDataset.read(Tables.penguins(), PENGUINS.missing("drop").seed(1337));
        List<CsvDataset> s = t.split(0.2, 1337);
        assertEquals(268, s.get(0).size());
        assertEquals(66, s.get(1).size());
        double[][] stats = s.get(0).numericStatistics();
        assertArrayEquals(new double[] {43.99440299, 17.17201493, 200.78358209, 4194.96268657}, stats[0], 1e-5);
        assertArrayEquals(new double[] {29.2934388, 3.74134370, 191.639730, 652054.849}, stats[1], 1e-3);
        // a shuffled pass visits every training row once
        long rows = 0;
        double classSum = 0;
        for (Batch b : s.get(0)) {
            rows += b.size();
            classSum += b.y().castTo(DataType.DOUBLE).sumNumber().doubleValue();
        }
        assertEquals(268, rows);
        long[] perClass = new long[3];
        for (Batch b : s.get(0).batchSize(1000)) {
            for (int v : b.y().toIntVector()) {
                perClass[v]++;
            }
        }
        assertEquals(classSum, perClass[1] + 2.0 * perClass[2], 0);
    }

    @Test
    void breastCancerIsBinary() throws IOException {
        Path csv = Tables.sklearn("breast_cancer", tmp.resolve("breast_cancer.csv"));
        CsvDataset t = CsvDataset.read(csv, CsvDataset.options().target("target"));
        assertEquals(569, t.size());
        assertEquals(30, t.numericColumns().size());
        assertEquals(List.of("benign", "malignant"), t.classNames());
        assertTrue(t.binary());
        Batch b;
        try (Dataset.Passes p = t.iterator()) {
            b = p.next();
        }
        assertArrayEquals(new long[] {32, 1}, b.y().shape());
        assertEquals(DataType.FLOAT, b.y().dataType());
    }

    /** Integer codes with few values are categories; the target's integers are classes in numeric order. */
    @Test
    void integerColumnsAndOverrides() throws IOException {
        Path csv = tmp.resolve("codes.csv");
        List<String> lines = new ArrayList<>(List.of("age,cp,label"));
        for (int i = 0; i < 30; i++) {
            lines.add((20 + i) + "," + (i % 3) + "," + (i % 2 == 0 ? 10 : 2));
        }
        Files.write(csv, lines);
        CsvDataset t = CsvDataset.read(csv, CsvDataset.options().target("label"));
        assertEquals("numeric", t.columnType("age"));
        assertEquals("integer", t.columnType("cp"));
        assertEquals(List.of("[UNK]", "2", "1", "0"), t.vocabulary("cp"));   // 10 each: ties, the larger first (Keras)
        assertEquals(List.of("2", "10"), t.classNames());
        CsvDataset o = CsvDataset.read(csv, CsvDataset.options().target("label").columnType("cp", "numeric")
                .columnType("age", "string"));
        assertEquals(List.of("cp"), o.numericColumns());
        assertEquals(List.of("age"), o.categoricalColumns());
        // ages 20…49 once each, read as text: ties, the larger first: "49" at index 1 … "21" at 29; unseen: 0
        assertEquals(29, o.encode(Map.of("age", "21", "cp", "2"))[0].getFloat(0), 0);
        assertEquals(0, o.encode(Map.of("age", "99", "cp", "2"))[0].getFloat(0), 0);
    }

    /** encodeCategories(false): string columns as UTF-8 arrays, for StringLookup inside the model. */
    @Test
    void rawCategories() {
        CsvDataset t = CsvDataset.read(Tables.penguins(), PENGUINS.missing("drop").shuffle(false).encodeCategories(false));
        Batch b;
        try (Dataset.Passes p = t.iterator()) {
            b = p.next();
        }
        assertEquals(DataType.UTF8, b.inputs()[0].dataType());
        assertEquals("Torgersen", b.inputs()[0].getString(0));
        assertEquals("MALE", b.inputs()[5].getString(0));
        assertArrayEquals(new long[] {32, 1}, b.inputs()[5].shape());
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path ragged = Files.writeString(tmp.resolve("ragged.csv"), "a,b,y\n1,2,x\n3,4\n5,6,z\n");
        String m = assertThrows(DatasetException.class, () -> CsvDataset.read(ragged, CsvDataset.options().target("y")))
                .getMessage();
        assertTrue(m.contains("Ragged row in " + ragged + ", line 3: expected 3 fields") && m.contains("2 fields"), m);

        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i == 13 ? "abc" : String.valueOf(i * 1.5)).append(',').append(i % 2).append('\n');
        }
        Path word = Files.writeString(tmp.resolve("word.csv"), sb.toString());   // "abc" on line 15
        m = assertThrows(DatasetException.class, () -> CsvDataset.read(word, CsvDataset.options().target("y")))
                .getMessage();
        assertTrue(m.contains("Non-numeric value 'abc' in the numeric column 'x'") && m.contains("line 15"), m);

        m = assertThrows(IllegalArgumentException.class, () -> CsvDataset.read(Tables.penguins(),
                CsvDataset.options().target("species"))).getMessage();
        assertTrue(m.contains("Unknown target column 'species'") && m.contains("[Species, Island,"), m);
        m = assertThrows(DatasetException.class, () -> CsvDataset.read(Tables.penguins(), PENGUINS.missing("drop")
                .columnType("Island", "numeric"))).getMessage();
        assertTrue(m.contains("Non-numeric value 'Torgersen' in the numeric column 'Island'") && m.contains("line 2"), m);
    }
}
