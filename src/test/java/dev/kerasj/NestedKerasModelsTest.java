package dev.kerasj;

import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.internal.Json;
import dev.kerasj.layers.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models nested in models, as keras.io's transfer-learning guide builds them ({@code x = base(inputs, training=False)})
 * and as a data-augmentation Sequential sits inside a Sequential: flattened into one kerasj model, each nested
 * layer's weights read from the nested model's place (Keras 3: {@code layers/functional/layers/dense/vars}; Keras 2:
 * the nested model's group), a frozen nested model's layers frozen. The fixtures are laid out as Keras's saving code
 * writes them, with outputs computed in numpy ({@code tools/keras-files/nested_fixtures.py}: no Keras here).
 */
class NestedKerasModelsTest {
    private static final Path DIR = Path.of("src/test/resources/keras-files/nested");

    @TempDir
    Path tmp;

    @Test
    void functionalInFunctional() throws IOException {
        check("functional_in_functional", "functional_in_functional.keras");
    }

    @Test
    void sequentialInSequential() throws IOException {
        check("sequential_in_sequential", "sequential_in_sequential.keras");
    }

    @Test
    void functionalInFunctionalFromTf2H5() throws IOException {
        check("functional_in_functional_tf2", "functional_in_functional_tf2.h5");
    }

    @Test
    void sequentialWithoutInputLayerInFunctionalFromTf2H5() throws IOException {
        check("sequential_in_functional_tf2", "sequential_in_functional_tf2.h5");
    }

    @Test
    void flattenedModelSavesAndLoadsBack() throws IOException {
        Model m = Model.load(DIR.resolve("functional_in_functional.keras"));
        Path p = tmp.resolve("flat.keras");
        m.save(p);
        INDArray x = input();
        assertEquals(m.predict(x), Model.load(p).predict(x));
    }

    @Test
    void aNestedModelCalledTwiceIsRefused() throws IOException {
        String config = Files.readString(DIR.resolve("nested-called-twice.json"), StandardCharsets.UTF_8);
        Path p = tmp.resolve("twice.keras");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new java.util.zip.ZipEntry("config.json"));
            z.write(config.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> Model.load(p));
        assertTrue(e.getMessage().contains("'base' is called 2 times"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @SuppressWarnings("unchecked")
    private void check(String key, String file) throws IOException {
        Map<String, Object> expected = (Map<String, Object>) expected().get(key);
        Model m = Model.load(DIR.resolve(file));
        INDArray y = m.predict(input());
        INDArray want = matrix((List<Object>) expected.get("y"));
        assertTrue(want.equalsWithEps(y, 1e-5), file + ": " + y + " vs numpy " + want);
        for (Layer l : m.layers()) {
            if (((List<Object>) expected.get("frozen")).contains(l.name())) {
                assertFalse(l.trainable(), l.name() + " is frozen with its nested model");
            }
            if (((List<Object>) expected.get("trainable")).contains(l.name())) {
                assertTrue(l.trainable(), l.name());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static INDArray input() throws IOException {
        return matrix((List<Object>) expected().get("x"));
    }

    private static Map<String, Object> expected() throws IOException {
        return Json.read(Files.readString(DIR.resolve("expected.json"), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static INDArray matrix(List<Object> rows) {
        double[][] v = new double[rows.size()][];
        for (int i = 0; i < v.length; i++) {
            List<Object> r = (List<Object>) rows.get(i);
            v[i] = r.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
        }
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }
}
