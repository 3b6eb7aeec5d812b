package dev.kerasj;

import dev.kerasj.layers.Add;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.models.Recipe;
import dev.kerasj.models.Recipes;
import dev.kerasj.models.Variant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every course model saves as Keras 3's {@code .keras}: the zip holds Keras's three entries, h5py (an
 * independent HDF5 reader) finds each weight at Keras 3's path with the right shape and values, and the file
 * loads back into kerasj with identical predictions.
 */
class KerasFileWriterTest {
    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> everyRecipeModelSavesAsKeras3() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Recipe recipe : Recipes.all()) {
            for (Variant v : recipe.allVariants()) {
                String name = (recipe.name() + "-" + v.nonDefaults()).replaceAll("[^A-Za-z0-9_-]", "_");
                tests.add(DynamicTest.dynamicTest(name, () -> roundTrip(recipe.build(v), name)));
            }
        }
        return tests;
    }

    @Test
    void functionalModelWithAMergeSavesItsGraph() throws IOException {
        Input in = new Input(6);
        KerasTensor a = new Dense(4, "relu").name("left").apply(in);
        KerasTensor b = new Dense(4, "tanh").name("right").apply(in);
        KerasTensor out = new Dense(2, "softmax").name("head").apply(new Add().name("sum").apply(a, b));
        Model m = new Model(in, out);
        m.compile("adam", "categorical_crossentropy", "accuracy");
        Path file = roundTrip(m, "functional");
        Map<String, Object> config = readConfig(file);
        assertEquals("Functional", config.get("class_name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<String, Object>) config.get("config")).get("layers");
        Map<String, Object> sum = layers.stream().filter(l -> "sum".equals(l.get("name"))).findFirst().orElseThrow();
        // Keras builds a merge layer from the list of its input shapes
        assertEquals("[[null, 4], [null, 4]]", String.valueOf(((Map<?, ?>) sum.get("build_config")).get("input_shape")));
    }

    @Test
    void keras2HardSigmoidCannotBeWrittenAsKeras3() {
        Sequential m = new Sequential(new Input(3), new Dense(2).activation("keras2_hard_sigmoid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.save(dir.resolve("m.keras")));
        assertTrue(e.getMessage().contains("hard_sigmoid"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("m.keras")), "nothing half-written");
    }

    @Test
    void legacyH5IsNotWritten() {
        Sequential m = new Sequential(new Input(3), new Dense(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.save(dir.resolve("m.h5")));
        assertTrue(e.getMessage().contains(".keras"), e.getMessage());
    }

    private Path roundTrip(Model model, String name) throws IOException {
        Path file = dir.resolve(name + ".keras");
        model.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertTrue(zip.getEntry("metadata.json") != null && zip.getEntry("config.json") != null
                    && zip.getEntry("model.weights.h5") != null, "Keras 3's three entries");
        }
        H5py.requireWeightsAtKerasPaths(file, model, dir);
        long[] shape = model.layers().get(0).builtInputShape();
        long[] batch = new long[shape.length + 1];
        batch[0] = 3;
        System.arraycopy(shape, 0, batch, 1, shape.length);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch);
        INDArray before = model.predict(x);
        Model loaded = Model.load(file);
        assertEquals(model.isCompiled(), loaded.isCompiled());
        assertArrayEquals(before.data().asFloat(), loaded.predict(x).data().asFloat(), 0f, name);
        return file;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readConfig(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return dev.kerasj.internal.Json.read(new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** h5py, Debian's python3-h5py, as the independent reader of what kerasj wrote. */
    static final class H5py {
        static void requireWeightsAtKerasPaths(Path kerasFile, Model model, Path dir) throws IOException {
            Path python = Path.of("/usr/bin/python3");
            assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 with h5py (apt-get install python3-h5py)");
            Path script = dir.resolve("list.py");
            Files.writeString(script, String.join("\n",
                    "import sys, zipfile, io, h5py, numpy",
                    "z = zipfile.ZipFile(sys.argv[1])",
                    "f = h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r')",
                    "def walk(name, obj):",
                    "    if isinstance(obj, h5py.Dataset):",
                    "        a = numpy.asarray(obj)",
                    "        print(name, a.dtype, list(a.shape), repr(float(a.astype('float64').sum())))",
                    "f.visititems(walk)", ""));
            String out;
            try {
                Process p = new ProcessBuilder(python.toString(), script.toString(), kerasFile.toString())
                        .redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes());
                int rc = p.waitFor();
                assumeTrue(!(rc != 0 && out.contains("No module named 'h5py'")), "python3-h5py is not installed");
                assertEquals(0, rc, out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            Map<String, Integer> used = new java.util.HashMap<>();
            int expected = 0;
            for (dev.kerasj.layers.Layer layer : model.layers()) {
                String key = dev.kerasj.internal.keras.KerasPaths.key(layer.className(), used);
                List<INDArray> ws = layer.getWeights();
                List<String> groups = dev.kerasj.internal.keras.KerasPaths.varsGroups(layer.className(), layer.getConfig());
                int per = ws.isEmpty() ? 0 : ws.size() / groups.size();
                for (int i = 0; i < ws.size(); i++) {
                    String path = "layers/" + key + "/" + groups.get(i / per) + "/" + (i % per);
                    INDArray w = ws.get(i);
                    String line = out.lines().filter(l -> l.startsWith(path + " ")).findFirst().orElse(null);
                    assertTrue(line != null, "h5py finds no dataset " + path + " in:\n" + out);
                    String[] parts = line.split(" ", 3);
                    assertEquals("float32", parts[1], path);
                    assertEquals(java.util.Arrays.toString(w.shape()), parts[2].substring(0, parts[2].lastIndexOf(']') + 1)
                            .replace(" ", "").replace(",", ", "), path);
                    double sum = Double.parseDouble(parts[2].substring(parts[2].lastIndexOf(' ') + 1));
                    assertEquals(w.castTo(DataType.DOUBLE).sumNumber().doubleValue(), sum, 1e-3 * (1 + Math.abs(sum)), path);
                    expected++;
                }
            }
            assertEquals(expected, out.lines().filter(l -> !l.isBlank() && !l.startsWith("optimizer/")).count(),
                    "only the model's weights (and, compiled, the optimizer's):\n" + out);
            if (model.isCompiled() && !"Adadelta".equals(model.optimizer().className())) {
                assertTrue(out.contains("optimizer/vars/0 int64 []"), "the step count at optimizer/vars/0:\n" + out);
            }
        }
    }
}
