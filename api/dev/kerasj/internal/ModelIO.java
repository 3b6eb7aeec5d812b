package dev.kerasj.internal;

import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.WeightSpec;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.Metric;
import dev.kerasj.metrics.Metrics;
import dev.kerasj.optimizers.Optimizers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
public final class ModelIO {
    public static final String FORMAT = "kerasj";
    public static final int FORMAT_VERSION = 1;
    private static final String CONFIG_ENTRY = "kerasj.json";
    private static final String OPTIMIZER_ENTRY = "optimizer/state.npy";
    /** The most bytes {@code kerasj.json} may inflate to (a model's config is a few kilobytes). */
    static final long MAX_CONFIG_BYTES = 16L << 20;
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
            Map<String, Object> compile = new LinkedHashMap<>();
            compile.put("optimizer", model.optimizer().serialize());
            if (model.losses().size() == 1) {
                compile.put("loss", model.loss().serialize());
            } else {
                List<Object> losses = new ArrayList<>();
                model.losses().forEach(l -> losses.add(l.serialize()));
                compile.put("loss", losses);
            }
            if (model.lossWeights() != null) {
                List<Object> weights = new ArrayList<>();
                for (double w : model.lossWeights()) {
                    weights.add(w);
                }
                compile.put("loss_weights", weights);
            }
            List<Object> metrics = new ArrayList<>();
            for (Metric m : model.metrics()) {
                metrics.add(m.serialize());
            }
            compile.put("metrics", metrics);
            root.put("compile_config", compile);
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
                arrays.put("weights/" + i + "/" + k + ".npy", ws.get(k));
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
     * Reads a model file as untrusted input. Nothing is handed to native code before it is checked: the zip's
     * entries must be exactly those the config implies, each is read through a bounded stream and checked
     * against its CRC-32, each array's header is parsed in Java ({@link Npy}) and must have the shape the
     * layer expects, and the network is built only once every weight has been read. Anything else is an
     * {@link InvalidModelFileException} with a one-line reason.
     */
    public static Model load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new java.io.FileNotFoundException("No model file at " + path.toAbsolutePath() + ".");
        }
        try (ModelArchive archive = ModelArchive.open(path)) {
            if (!archive.has(CONFIG_ENTRY)) {
                throw new InvalidModelFileException(path, "it has no " + CONFIG_ENTRY + " entry, so it is not a kerasj model");
            }
            Map<String, Object> root = readConfig(archive, path);
            Model model = rebuild(root, path);
            List<Layer> layers = model.layers();
            Set<String> expected = new HashSet<>();
            expected.add(CONFIG_ENTRY);
            for (int i = 0; i < layers.size(); i++) {
                for (int k = 0; k < layers.get(i).weightSpecs().size(); k++) {
                    expected.add(weightEntry(i, k));
                }
            }
            if (model.isCompiled()) {
                expected.add(OPTIMIZER_ENTRY);
            }
            archive.requireOnly(expected);
            checkWeightIndex(root.get("weights"), layers, path);
            checkParameterCount(layers, path);
            List<Npy.Array[]> weights = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                weights.add(readWeights(archive, i, layers.get(i), path));
            }
            for (int i = 0; i < layers.size(); i++) {
                setWeights(layers.get(i), weights.get(i), path);
                weights.set(i, null);
            }
            restoreTrainingState(model, root, archive, path);
            return model;
        }
    }

    private static Map<String, Object> readConfig(ModelArchive archive, Path path) throws IOException {
        byte[] jsonBytes = archive.readBytes(CONFIG_ENTRY, MAX_CONFIG_BYTES);
        Map<String, Object> root;
        try {
            root = Json.read(new String(jsonBytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(path, "its " + CONFIG_ENTRY + " is not valid JSON (" + e.getMessage() + ")");
        }
        if (root == null) {
            throw new InvalidModelFileException(path, "its " + CONFIG_ENTRY + " is not a JSON object");
        }
        if (!FORMAT.equals(root.get("format"))) {
            throw new InvalidModelFileException(path, "its format is '" + root.get("format") + "', not '" + FORMAT + "'");
        }
        Object v = root.get("format_version");
        if (!(v instanceof Number num) || num.intValue() != FORMAT_VERSION) {
            throw new InvalidModelFileException(path, "Unsupported encoding version " + v + " (this kerasj "
                    + Kerasj.VERSION + " reads version " + FORMAT_VERSION + ")");
        }
        return root;
    }

    /** The model of the config, compiled as saved; no weights are allocated yet (the network is built lazily). */
    @SuppressWarnings("unchecked")
    private static Model rebuild(Map<String, Object> root, Path path) throws InvalidModelFileException {
        String cls = String.valueOf(root.get("class_name"));
        Function<Map<String, Object>, Model> factory = MODEL_CLASSES.get(cls);
        if (factory == null) {
            throw new InvalidModelFileException(path, "unknown model class '" + cls + "'; known: " + MODEL_CLASSES.keySet());
        }
        Model model;
        try {
            model = factory.apply((Map<String, Object>) root.get("config"));
        } catch (RuntimeException e) {
            throw new InvalidModelFileException(path, "its model config cannot be rebuilt: " + e.getMessage());
        }
        Object compile = root.get("compile_config");
        if (compile != null) {
            try {
                compile(model, (Map<String, Object>) compile);
            } catch (RuntimeException e) {
                throw new InvalidModelFileException(path, "its compile_config cannot be rebuilt: " + e);
            }
        }
        return model;
    }

    @SuppressWarnings("unchecked")
    private static void compile(Model model, Map<String, Object> c) {
        List<Metric> metrics = new ArrayList<>();
        for (Object m : (List<Object>) c.get("metrics")) {
            metrics.add(Metrics.deserialize(m));
        }
        List<dev.kerasj.losses.Loss> losses = new ArrayList<>();
        if (c.get("loss") instanceof List<?> list) {
            list.forEach(l -> losses.add(Losses.deserialize(l)));
        } else {
            losses.add(Losses.deserialize(c.get("loss")));
        }
        double[] weights = null;
        if (c.get("loss_weights") instanceof List<?> list) {
            weights = new double[list.size()];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = ((Number) list.get(k)).doubleValue();
            }
        }
        if (losses.size() == 1 && weights == null) {
            model.compile(Optimizers.deserialize(c.get("optimizer")), losses.get(0), metrics.toArray(new Metric[0]));
        } else {
            model.compile(Optimizers.deserialize(c.get("optimizer")), losses, weights, metrics.toArray(new Metric[0]));
        }
    }

    private static String weightEntry(int layer, int k) {
        return "weights/" + layer + "/" + k + ".npy";
    }

    /** The saved weight index (layer names and weight counts) must describe the model the config builds. */
    private static void checkWeightIndex(Object index, List<Layer> layers, Path path) throws InvalidModelFileException {
        if (index == null) {
            return;
        }
        if (!(index instanceof List<?> list) || list.size() != layers.size()) {
            throw new InvalidModelFileException(path, "its weight index does not list the " + layers.size()
                    + " layers its config builds");
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!(list.get(i) instanceof Map<?, ?> e) || !Objects.equals(e.get("layer"), layer.name())
                    || !(e.get("count") instanceof Number n) || n.longValue() != layer.weightSpecs().size()) {
                throw new InvalidModelFileException(path, "its weight index entry " + i + " (" + list.get(i) + ") does not "
                        + "match layer '" + layer.name() + "' with " + layer.weightSpecs().size() + " weights");
            }
        }
    }

    /** Refuses a config whose weights alone would exceed what one file may hold, before anything is allocated. */
    private static void checkParameterCount(List<Layer> layers, Path path) throws InvalidModelFileException {
        long total = 0;
        try {
            for (Layer layer : layers) {
                for (WeightSpec spec : layer.weightSpecs()) {
                    long n = 1;
                    for (long d : spec.shape()) {
                        n = Math.multiplyExact(n, d);
                    }
                    total = Math.addExact(total, n);
                }
            }
        } catch (ArithmeticException e) {
            total = Long.MAX_VALUE;
        }
        long most = ModelArchive.MAX_TOTAL_BYTES / Float.BYTES;
        if (total > most) {
            throw new InvalidModelFileException(path, "its config declares " + (total == Long.MAX_VALUE ? "more than 2^63"
                    : String.valueOf(total)) + " weights, more than kerasj loads from one file (" + most + ")");
        }
    }

    /** The layer's arrays, each checked against the shape the layer expects before its data is read. */
    private static Npy.Array[] readWeights(ModelArchive archive, int i, Layer layer, Path path) throws IOException {
        List<WeightSpec> specs = layer.weightSpecs();
        Npy.Array[] out = new Npy.Array[specs.size()];
        for (int k = 0; k < out.length; k++) {
            WeightSpec spec = specs.get(k);
            String name = weightEntry(i, k);
            if (!archive.has(name)) {
                throw new InvalidModelFileException(path, "weight " + k + " of layer '" + layer.name() + "' is missing");
            }
            out[k] = archive.readNpy(name, spec.size() * Double.BYTES, header -> {
                if (!Arrays.equals(header.shape(), spec.shape())) {
                    throw new InvalidModelFileException(path, "entry '" + name + "' has shape " + header.shapeText()
                            + ", but weight '" + spec.name() + "' of layer '" + layer.name() + "' has shape "
                            + Shapes.tuple(spec.shape()));
                }
            });
        }
        return out;
    }

    /** Copies the arrays into the network and frees them at once (they would otherwise wait for a GC). */
    private static void setWeights(Layer layer, Npy.Array[] arrays, Path path) throws InvalidModelFileException {
        if (arrays.length == 0) {
            return;
        }
        INDArray[] ws = new INDArray[arrays.length];
        try {
            for (int k = 0; k < ws.length; k++) {
                ws[k] = arrays[k].toINDArray();
            }
            layer.setWeights(ws);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(path, e.getMessage());
        } finally {
            close(ws);
        }
    }

    private static void restoreTrainingState(Model model, Map<String, Object> root, ModelArchive archive, Path path)
            throws IOException {
        try {
            if (model.isCompiled()) {
                long iterations = root.get("iterations") instanceof Number n ? n.longValue() : 0;
                model.restoreTrainingState(length -> archive.has(OPTIMIZER_ENTRY)
                        ? readOptimizerState(archive, length, path) : null, iterations);
                // A rate set by a callback (ReduceLROnPlateau…) is restored; a schedule recomputes its own.
                if (root.get("learning_rate") instanceof Number lr && lr.doubleValue() > 0
                        && model.optimizer().learningRateSchedule() == null) {
                    model.setLearningRate(lr.doubleValue());
                }
            }
            if (root.get("epoch") instanceof Number epoch) {
                model.setCompletedEpochs(epoch.intValue());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(path, e.getMessage());
        }
    }

    private static INDArray readOptimizerState(ModelArchive archive, long length, Path path) throws IOException {
        return archive.readNpy(OPTIMIZER_ENTRY, length * Double.BYTES, header -> {
            if (header.length() != length) {
                throw new InvalidModelFileException(path, "its optimizer state holds " + header.length() + " values, but "
                        + "this model's optimizer keeps " + length + "; was it saved with another optimizer?");
            }
        }).toINDArray();
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

    /** A model file that cannot be loaded; the message says which file and why, on one line. */
    public static final class InvalidModelFileException extends IOException {
        public InvalidModelFileException(Path path, String why) {
            super(("Cannot load model file " + path + ": " + why + (why.matches("(?s).*[.?!]") ? "" : "."))
                    .replaceAll("\\s*[\\r\\n]+\\s*", " "));
        }
    }
}
