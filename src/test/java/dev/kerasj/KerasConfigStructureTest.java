package dev.kerasj;

import dev.kerasj.internal.Json;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kerasj's {@code .keras} against a real Keras 3 file of the same architecture, key by key: the real file is
 * loaded, saved by kerasj, and both {@code config.json} trees must have the same keys at every path (values may
 * differ: names, dates, a fixed batch size), and both {@code model.weights.h5} the same layer datasets.
 */
class KerasConfigStructureTest {
    private static final Path ROOT = Path.of("src/test/resources/keras-files");
    /** Keys Keras writes only to share one serialized object (optional for a writer), and compile options kerasj has no use for. */
    private static final List<String> IGNORED = List.of("shared_object_id");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"CDT406-EMG-2/gru_model.keras", "CDT406-EMG-2/lstm_2states_model.keras",
            "keras-team-keras/masking_lstm_keras_3_8.keras"})
    void savedConfigHasTheKeysOfRealKeras3(String file) throws IOException {
        Path real = ROOT.resolve(file);
        Path saved = dir.resolve("saved.keras");
        Model.load(real).save(saved);
        TreeSet<String> expected = new TreeSet<>();
        TreeSet<String> actual = new TreeSet<>();
        paths("", config(real), expected);
        paths("", config(saved), actual);
        assertEquals(expected, actual, () -> "only in Keras's: " + minus(expected, actual) + "; only in kerasj's: "
                + minus(actual, expected));
        assertEquals(layerDatasets(real), layerDatasets(saved));
    }

    private static TreeSet<String> minus(TreeSet<String> a, TreeSet<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    /** Every key path; list elements by index, so the layers are compared one by one. */
    private static void paths(String prefix, Object value, TreeSet<String> out) {
        if (value instanceof Map<?, ?> m) {
            if ("__tensor__".equals(m.get("class_name"))) {
                return; // a constant's encoding (Keras 3.8+ writes Masking's mask_value so); kerasj writes the number
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (IGNORED.contains(k) || prefix.endsWith("compile_config") && !k.equals("optimizer")
                        && !k.equals("loss") && !k.equals("metrics")) {
                    continue;
                }
                out.add(prefix + "/" + k);
                paths(prefix + "/" + k, e.getValue(), out);
            }
        } else if (value instanceof List<?> l && prefix.endsWith("/layers")) {
            for (int i = 0; i < l.size(); i++) {
                paths(prefix + "[" + i + "]", l.get(i), out);
            }
        }
    }

    private static Map<String, Object> config(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, Object> c = Json.read(new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
                    StandardCharsets.UTF_8));
            // Keras 3.8 records no build_config for a weightless Masking layer, later versions do; kerasj always does
            dropWeightlessBuildConfigs(c);
            return c;
        }
    }

    @SuppressWarnings("unchecked")
    private static void dropWeightlessBuildConfigs(Map<String, Object> c) {
        Object layers = ((Map<String, Object>) c.get("config")).get("layers");
        for (Object o : (List<Object>) layers) {
            Map<String, Object> l = (Map<String, Object>) o;
            if ("Masking".equals(l.get("class_name"))) {
                l.remove("build_config");
            }
        }
    }

    /** The layer variables (not the optimizer's, not empty groups) as path → shape. */
    private static TreeSet<String> layerDatasets(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile());
             HdfFile h5 = HdfFile.fromByteBuffer(ByteBuffer.wrap(zip.getInputStream(zip.getEntry("model.weights.h5"))
                     .readAllBytes()))) {
            TreeSet<String> out = new TreeSet<>();
            walk(h5, out);
            out.removeIf(p -> p.startsWith("/optimizer"));
            return out;
        }
    }

    private static void walk(Group g, TreeSet<String> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset d) {
                out.add(d.getPath() + " " + java.util.Arrays.toString(d.getDimensions()));
            } else if (n instanceof Group sub) {
                walk(sub, out);
            }
        }
    }
}
