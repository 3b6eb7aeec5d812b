package dev.kerasj;

import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.internal.Json;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.testing.ZipBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad Keras files get one clear line each, and loading reads no more than the model's declared sizes: a
 * truncated zip, bytes that are neither HDF5 nor zip, missing weights, wrong shapes, an unknown layer, a Lambda
 * layer, a weights entry that inflates far beyond what its model can hold.
 */
class KerasFilesHostileTest {
    @TempDir
    Path dir;
    private byte[] good;

    @BeforeEach
    void aGoodFile() throws IOException {
        Sequential m = new Sequential(new Input(4), new Dense(3, "relu").name("hidden"), new Dense(2).name("out"));
        m.compile("adam", "mse");
        Path p = dir.resolve("good.keras");
        m.save(p);
        good = Files.readAllBytes(p);
        Model.load(p); // the unmodified file loads
    }

    @Test
    void truncatedZip() throws IOException {
        String m = refusal("truncated.keras", java.util.Arrays.copyOf(good, good.length / 2));
        assertTrue(m.contains("truncated.keras"), m);
    }

    @Test
    void bytesThatAreNeitherHdf5NorZip() throws IOException {
        String m = refusal("model.h5", "this is not a model\n".repeat(10).getBytes(StandardCharsets.UTF_8));
        assertTrue(m.contains("HDF5") || m.contains("zip"), m);
    }

    @Test
    void damagedHdf5() throws IOException {
        byte[] h5 = entry("model.weights.h5");
        byte[] cut = java.util.Arrays.copyOf(h5, 600); // signature and superblock, then nothing
        refusal("damaged.keras", replace("model.weights.h5", cut));
    }

    @Test
    void missingWeights() throws IOException {
        Sequential other = new Sequential(new Input(4), new Dense(3, "relu").name("hidden"));
        Path p = dir.resolve("other.keras");
        other.save(p);
        byte[] onlyFirst = ZipBytes.content(ZipBytes.read(Files.readAllBytes(p)).stream()
                .filter(e -> e.name().equals("model.weights.h5")).findFirst().orElseThrow());
        String m = refusal("missing.keras", replace("model.weights.h5", onlyFirst));
        assertTrue(m.contains("'out'") && m.contains("missing"), m);
    }

    @Test
    void wrongShapes() throws IOException {
        String config = new String(entry("config.json"), StandardCharsets.UTF_8).replaceFirst("\"units\"\\s*:\\s*2", "\"units\": 5");
        assertTrue(config.contains("\"units\": 5"));
        String m = refusal("shapes.keras", replace("config.json", config.getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.contains("shape") && m.contains("(3, 2)") && m.contains("(3, 5)"), m);
    }

    @Test
    void unknownLayerClass() throws IOException {
        String config = new String(entry("config.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"class_name\"\\s*:\\s*\"Dense\"", "\"class_name\":\"FancyDense\"");
        String m = refusal("unknown.keras", replace("config.json", config.getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.contains("FancyDense") && m.contains("'hidden'") && m.contains("Supported classes") && m.contains("Dense"), m);
    }

    @Test
    void lambdaLayerIsNeverRun() throws IOException {
        String config = new String(entry("config.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"class_name\"\\s*:\\s*\"Dense\"", "\"class_name\":\"Lambda\"");
        String m = refusal("lambda.keras", replace("config.json", config.getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.contains("Lambda") && m.contains("Python code"), m);
    }

    @Test
    void customClassCanBeMappedByTheCaller() throws IOException {
        String config = new String(entry("config.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"class_name\"\\s*:\\s*\"Dense\"", "\"class_name\":\"MyDense\"");
        Path p = dir.resolve("custom.keras");
        Files.write(p, replace("config.json", config.getBytes(StandardCharsets.UTF_8)));
        Model m = Model.load(p, LoadOptions.defaults().customObjects(Map.of("MyDense", Dense::fromConfig)));
        assertTrue(m.layers().get(0) instanceof Dense);
        // the mapping held for that call only
        assertThrows(InvalidModelFileException.class, () -> Model.load(p));
    }

    @Test
    void weightsEntryInflatingBeyondTheModelIsNotRead() throws IOException {
        List<ZipBytes.Entry> entries = new ArrayList<>();
        for (ZipBytes.Entry e : ZipBytes.read(good)) {
            if (e.name().equals("model.weights.h5")) {
                byte[] head = ZipBytes.content(e);
                int mib = 96; // the model holds 23 weights: far beyond 4 × its bytes + 32 MiB of HDF5 bookkeeping
                entries.add(new ZipBytes.Entry(e.name(), ZipBytes.DEFLATED, ZipBytes.deflateHeadThenZeros(head, mib),
                        ZipBytes.crcHeadThenZeros(head, mib), head.length + ((long) mib << 20)));
            } else {
                entries.add(e);
            }
        }
        String m = refusal("bomb.keras", ZipBytes.write(entries));
        assertTrue(m.contains("model.weights.h5") && m.contains("bytes"), m);
    }

    @Test
    void weightsOnlyH5IsPointedToLoadWeights() throws IOException {
        Path p = Path.of("src/test/resources/keras-files/dl4j-test-resources/weights/dense_tensorflow_2.h5");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p));
        Model m = Model.load(p); // a whole-model file loads
        assertFalse(m.layers().isEmpty());
    }

    private byte[] entry(String name) throws IOException {
        return ZipBytes.content(ZipBytes.read(good).stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow());
    }

    private byte[] replace(String name, byte[] content) throws IOException {
        List<ZipBytes.Entry> entries = new ArrayList<>();
        for (ZipBytes.Entry e : ZipBytes.read(good)) {
            entries.add(e.name().equals(name) ? ZipBytes.deflated(name, content) : e);
        }
        return ZipBytes.write(entries);
    }

    /** Loads {@code bytes} as {@code name}: refused with one line naming the file. */
    private String refusal(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> Model.load(p));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("Cannot load model file " + p), m);
        return m;
    }

    static Map<String, Object> json(byte[] b) {
        return Json.read(new String(b, StandardCharsets.UTF_8));
    }
}
