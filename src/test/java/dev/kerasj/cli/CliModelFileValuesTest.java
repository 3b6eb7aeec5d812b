package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.internal.Json;
import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model files whose JSON is well-formed but whose values are not: a malformed {@code compile_config}, sizes
 * beyond the int range, absurd learning rates. Each is exit 4 with one line naming the key, from the CLI,
 * and an {@code InvalidModelFileException} or {@code IllegalArgumentException} naming it from the library.
 */
class CliModelFileValuesTest {
    @TempDir
    static Path dir;
    static CliRunner cli;
    static Path good;
    static Path input;

    @BeforeAll
    static void setUp() throws Exception {
        cli = new CliRunner(dir);
        Sequential m = new Sequential(new Input(4), new Dense(3, "relu"), new Dense(2, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        good = dir.resolve("good.kerasj");
        m.save(good);
        input = dir.resolve("x.csv");
        Files.writeString(input, "0.1,0.2,0.3,0.4\n");
    }

    /** A copy of the good file with its kerasj.json changed by {@code edit}. */
    @SuppressWarnings("unchecked")
    static Path edited(String name, Consumer<Map<String, Object>> edit) throws IOException {
        Path out = dir.resolve(name + ".kerasj");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(good.toFile()); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Enumeration<? extends ZipEntry> en = in.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                byte[] b = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("kerasj.json")) {
                    Map<String, Object> root = Json.read(new String(b, StandardCharsets.UTF_8));
                    edit.accept(root);
                    b = Json.write(root).getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(b);
                zip.closeEntry();
            }
        }
        Files.write(out, bytes.toByteArray());
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> compileConfig(Map<String, Object> root) {
        return (Map<String, Object>) root.get("compile_config");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> denseConfig(Map<String, Object> root) {
        Map<String, Object> config = (Map<String, Object>) root.get("config");
        List<Object> layers = (List<Object>) config.get("layers");
        for (Object l : layers) {
            Map<String, Object> layer = (Map<String, Object>) l;
            if ("Dense".equals(layer.get("class_name"))) {
                return (Map<String, Object>) layer.get("config");
            }
        }
        throw new AssertionError("no Dense layer in " + config);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> optimizerConfig(Map<String, Object> root) {
        return (Map<String, Object>) ((Map<String, Object>) compileConfig(root).get("optimizer")).get("config");
    }

    /** {@code predict} on the file: exit 4, one line, no stack trace, naming {@code fragments}. */
    static void assertBadModelFile(Path file, String... fragments) {
        CliRunner.Result r = cli.run("predict", "--model", file.toString(), "--input", input.toString());
        assertEquals(ExitCodes.BAD_MODEL_FILE, r.code(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), () -> "one line:\n" + r);
        assertFalse(r.err().contains("Exception"), () -> "no raw exception name:\n" + r);
        assertTrue(r.err().startsWith("Error: Cannot load model file " + file), r::toString);
        for (String f : fragments) {
            assertTrue(r.err().contains(f), () -> "'" + f + "' missing from\n" + r);
        }
    }

    @Test
    void theUneditedFilePredicts() {
        CliRunner.Result r = cli.run("predict", "--model", good.toString(), "--input", input.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void metricsThatAreNotAListNameTheKey() throws Exception {
        // was: exit 1, ClassCastException: class java.lang.String cannot be cast to class java.util.List
        assertBadModelFile(edited("metrics-string", root -> compileConfig(root).put("metrics", "accuracy")),
                "`compile_config.metrics`: expected a list of metric names or configs. Received: accuracy");
    }

    @Test
    void aMissingOptimizerNamesTheKey() throws Exception {
        assertBadModelFile(edited("no-optimizer", root -> compileConfig(root).remove("optimizer")),
                "`compile_config.optimizer`: it is missing");
    }

    @Test
    void aMissingMetricsListIsNoMetrics() throws Exception {
        // was: NullPointerException; Keras's compile_config may omit metrics
        Path file = edited("no-metrics", root -> compileConfig(root).remove("metrics"));
        CliRunner.Result r = cli.run("predict", "--model", file.toString(), "--input", input.toString());
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void nonNumericLossWeightsNameTheKey() throws Exception {
        assertBadModelFile(edited("loss-weights", root -> compileConfig(root).put("loss_weights", List.of("x"))),
                "`compile_config.loss_weights`: expected a list of finite numbers");
    }

    @Test
    void anOptimizerConfigThatIsNotAMapNamesTheKey() throws Exception {
        assertBadModelFile(edited("optimizer-config", root -> compileConfig(root).put("optimizer",
                Map.of("class_name", "Adam", "config", 5))), "`compile_config.optimizer`", "`config` of 'Adam'");
    }

    @Test
    void anUnknownLossNamesTheKeyAndTheValidNames() throws Exception {
        assertBadModelFile(edited("loss-name", root -> compileConfig(root).put("loss", "sparse_categorical_crosentropy")),
                "`compile_config.loss`", "Valid names are:");
    }

    @Test
    void unitsBeyondTheIntRangeAreRefusedNotWrapped() throws Exception {
        long wraps = (1L << 32) + 784;   // (int) wraps to 784
        assertEquals(784, (int) wraps);
        assertBadModelFile(edited("units-wrap", root -> denseConfig(root).put("units", wraps)),
                "`units` must be an integer between -2147483648 and 2147483647. Received: units=4294968080");
    }

    @Test
    void fractionalUnitsAreRefused() throws Exception {
        assertBadModelFile(edited("units-fraction", root -> denseConfig(root).put("units", 2.5)),
                "`units` must be an integer");
    }

    @Test
    void zeroAndNegativeUnitsAreRefused() throws Exception {
        assertBadModelFile(edited("units-zero", root -> denseConfig(root).put("units", 0)),
                "expected a positive integer. Received: units=0");
        assertBadModelFile(edited("units-negative", root -> denseConfig(root).put("units", -3)),
                "expected a positive integer. Received: units=-3");
    }

    @Test
    void anInputShapeBeyondTheIntRangeIsRefused() throws Exception {
        List<Object> shape = new ArrayList<>();
        shape.add(null);
        shape.add(1L << 40);
        assertBadModelFile(edited("input-huge", root -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) root.get("config");
            @SuppressWarnings("unchecked")
            Map<String, Object> in = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) config.get("layers"))
                    .get(0)).get("config");
            in.put("batch_shape", shape);
        }), "no larger than 2147483647");
    }

    @Test
    void anAbsurdLearningRateInTheCompileConfigIsRefused() throws Exception {
        assertBadModelFile(edited("lr-compile", root -> optimizerConfig(root).put("learning_rate", 1e308)),
                "`compile_config.optimizer`", "`learning_rate`", "Received: learning_rate=1.0E308");
    }

    @Test
    void anAbsurdSavedLearningRateIsRefused() throws Exception {
        assertBadModelFile(edited("lr-root", root -> root.put("learning_rate", 1e308)),
                "`learning_rate`", "Received: learning_rate=1.0E308");
    }

    @Test
    void theLibraryNamesTheKeyToo() throws Exception {
        Path file = edited("lib-metrics", root -> compileConfig(root).put("metrics", 3));
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> Model.load(file));
        assertEquals("Cannot load model file " + file + ": Invalid `compile_config.metrics`: expected a list of metric "
                + "names or configs. Received: 3.", e.getMessage());
    }
}
