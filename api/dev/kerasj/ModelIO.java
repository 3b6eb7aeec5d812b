package dev.kerasj;

import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.internal.Json;
import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.internal.AtomicFiles;
import dev.kerasj.layers.Layer;
import dev.kerasj.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .kerasj} file: a zip holding {@code kerasj.json} (format version, the model's Keras-style
 * config, the compile config, the step count) and {@code .npy} arrays (weights in Keras's layout, the
 * optimizer state). Functional models keep Keras's graph config ({@code inbound_nodes}); a layer applied
 * twice stores its weights once. Nothing in it is Java-serialized, and loading refuses files that are: DL4J's
 * {@code ModelSerializer} reads {@code preprocessor.bin} and {@code objects/*} with an unfiltered
 * {@code ObjectInputStream}, which runs code chosen by whoever wrote the file.
 */
final class ModelIO {
    public static final String FORMAT = "kerasj";
    public static final int FORMAT_VERSION = 1;
    static final String CONFIG_ENTRY = "kerasj.json";
    static final String OPTIMIZER_ENTRY = "optimizer/state.npy";
    private static final Map<String, Function<Map<String, Object>, Model>> MODEL_CLASSES = new HashMap<>();

    static {
        MODEL_CLASSES.put("Sequential", Sequential::fromConfig);
    }

    private ModelIO() {
    }

    /** Lets another model class (e.g. functional models) be rebuilt from saved files. */
    public static void registerModelClass(String className, Function<Map<String, Object>, Model> fromConfig) {
        MODEL_CLASSES.put(className, fromConfig);
    }

    public static void save(Model model, NetworkRuntime runtime, Path path) throws IOException {
        save(model, runtime, path, true);
    }

    /**
     * Writes the file atomically. The training state (optimizer state, step count, current learning rate)
     * is written when {@code includeOptimizer}; the completed epochs always, so a checkpoint can be resumed.
     */
    public static void save(Model model, NetworkRuntime runtime, Path path, boolean includeOptimizer) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("kerasj_version", Kerasj.VERSION);
        root.put("class_name", model.className());
        root.put("config", model.getConfig());
        if (model.isCompiled()) {
            root.put("compile_config", model.compileConfig().serialize());
        }
        root.put("epoch", model.completedEpochs());
        if (includeOptimizer) {
            root.put("iterations", runtime.iterations());
            double lr = runtime.learningRate();
            if (model.isCompiled() && Double.isFinite(lr)) {
                root.put("learning_rate", lr);
            }
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        List<Object> weightIndex = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            List<INDArray> ws = layers.get(i).getWeights();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("layer", layers.get(i).name());
            entry.put("count", ws.size());
            weightIndex.add(entry);
            for (int k = 0; k < ws.size(); k++) {
                arrays.put(weightEntry(i, k), ws.get(k));
            }
        }
        root.put("weights", weightIndex);
        if (includeOptimizer && model.isCompiled()) {
            INDArray state = runtime.optimizerState();
            if (state.isEmpty()) {
                close(state);
            } else {
                arrays.put(OPTIMIZER_ENTRY, state);
            }
        }
        byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(path, out -> {
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry(CONFIG_ENTRY));
                    zip.write(json);
                    zip.closeEntry();
                    for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                        zip.putNextEntry(new ZipEntry(e.getKey()));
                        zip.write(Nd4j.toNpyByteArray(e.getValue()));
                        zip.closeEntry();
                    }
                }
            });
        } finally {
            close(arrays.values().toArray(new INDArray[0])); // copies made for the file, freed now
        }
    }

    /**
     * Reads a model file as untrusted input ({@link ModelReader}): a file either loads as it was saved or is
     * refused with an {@link InvalidModelFileException} whose message is one line.
     */
    public static Model load(Path path) throws IOException {
        return load(path, LoadOptions.defaults());
    }

    /**
     * Reads a model file of any format kerasj knows, recognised by its content: {@code .kerasj}, Keras 3's
     * {@code .keras} and Keras 1/2's {@code .h5} ({@link KerasFileReader}).
     */
    public static Model load(Path path, LoadOptions options) throws IOException {
        if (java.nio.file.Files.isRegularFile(path)) {
            KerasFileReader.Kind kind = KerasFileReader.kind(path);
            if (kind == KerasFileReader.Kind.HDF5 || kind == KerasFileReader.Kind.KERAS_ZIP) {
                return KerasFileReader.load(path, options, Collections.unmodifiableMap(MODEL_CLASSES));
            }
            String name = String.valueOf(path.getFileName()).toLowerCase(java.util.Locale.ROOT);
            if (kind == KerasFileReader.Kind.UNKNOWN && (name.endsWith(".h5") || name.endsWith(".hdf5")
                    || name.endsWith(".keras"))) {
                throw new InvalidModelFileException(path, "it is neither an HDF5 file nor a zip archive, so not a Keras "
                        + "model (.h5 or .keras)");
            }
        }
        if (!options.customObjects().isEmpty()) {
            return dev.kerasj.layers.Layers.withCustomObjects(options.customObjects(),
                    () -> ModelReader.load(path, Collections.unmodifiableMap(MODEL_CLASSES)));
        }
        return ModelReader.load(path, Collections.unmodifiableMap(MODEL_CLASSES));
    }

    static String weightEntry(int layer, int k) {
        return "weights/" + layer + "/" + k + ".npy";
    }

    static void close(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** Reads the optimizer state, given the number of values this model's optimizer keeps; null when there is none. */
    public interface StateSource {
        INDArray read(long length) throws IOException;
    }

    }
