package dev.kerasj;

import dev.kerasj.internal.Shapes;
import dev.kerasj.internal.Npy;
import dev.kerasj.internal.Json;
import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.WeightSpec;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.Metric;
import dev.kerasj.metrics.Metrics;
import dev.kerasj.optimizers.Optimizers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads a {@code .kerasj} file as untrusted input, for {@link ModelIO#load}: the config is rebuilt first
 * (no weights allocated), then the arrays it implies are read through {@link ModelArchive} and {@link Npy},
 * each checked against its layer, and only then copied into the network.
 */
final class ModelReader {
    /** The most bytes {@code kerasj.json} may inflate to (a model's config is a few kilobytes). */
    static final long MAX_CONFIG_BYTES = 16L << 20;

    private ModelReader() {
    }

    /**
     * Reads a model file as untrusted input. Nothing is handed to native code before it is checked: the zip's
     * entries must be exactly those the config implies, each is read through a bounded stream and checked
     * against its CRC-32, each array's header is parsed in Java ({@link Npy}) and must have the shape the
     * layer expects, and the network is built only once every weight has been read. Anything else is an
     * {@link InvalidModelFileException} with a one-line reason.
     */
    static Model load(Path path, Map<String, Function<Map<String, Object>, Model>> modelClasses) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new java.io.FileNotFoundException("No model file at " + path.toAbsolutePath() + ".");
        }
        try {
            return read(path, modelClasses);
        } catch (InvalidModelFileException e) {
            throw e;
        } catch (IOException e) {
            // any other I/O failure of a file that exists (a zip structure the JDK reads past its end…) is damage
            throw new InvalidModelFileException(path, "it is damaged (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static Model read(Path path, Map<String, Function<Map<String, Object>, Model>> modelClasses) throws IOException {
        try (ModelArchive archive = ModelArchive.open(path)) {
            if (!archive.has(ModelIO.CONFIG_ENTRY)) {
                throw new InvalidModelFileException(path, "it has no " + ModelIO.CONFIG_ENTRY
                        + " entry, so it is not a kerasj model");
            }
            Map<String, Object> root = readConfig(archive, path);
            Model model = rebuild(root, modelClasses, path);
            model.weightsComeFromFile();
            List<Layer> layers = model.layers();
            Set<String> expected = new HashSet<>();
            expected.add(ModelIO.CONFIG_ENTRY);
            for (int i = 0; i < layers.size(); i++) {
                for (int k = 0; k < layers.get(i).weightSpecs().size(); k++) {
                    expected.add(ModelIO.weightEntry(i, k));
                }
            }
            if (model.isCompiled()) {
                expected.add(ModelIO.OPTIMIZER_ENTRY);
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
        byte[] jsonBytes = archive.readBytes(ModelIO.CONFIG_ENTRY, MAX_CONFIG_BYTES);
        Map<String, Object> root;
        try {
            root = Json.read(new String(jsonBytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(path, "its " + ModelIO.CONFIG_ENTRY + " is not valid JSON ("
                    + e.getMessage() + ")");
        }
        if (root == null) {
            throw new InvalidModelFileException(path, "its " + ModelIO.CONFIG_ENTRY + " is not a JSON object");
        }
        if (!ModelIO.FORMAT.equals(root.get("format"))) {
            throw new InvalidModelFileException(path, "its format is '" + root.get("format") + "', not '" + ModelIO.FORMAT + "'");
        }
        Object v = root.get("format_version");
        if (!(v instanceof Number num) || num.intValue() != ModelIO.FORMAT_VERSION) {
            throw new InvalidModelFileException(path, "Unsupported encoding version " + v + " (this kerasj "
                    + Kerasj.VERSION + " reads version " + ModelIO.FORMAT_VERSION + ")");
        }
        return root;
    }

    /** The model of the config, compiled as saved; no weights are allocated yet (the network is built lazily). */
    @SuppressWarnings("unchecked")
    private static Model rebuild(Map<String, Object> root, Map<String, Function<Map<String, Object>, Model>> modelClasses,
            Path path) throws InvalidModelFileException {
        String cls = String.valueOf(root.get("class_name"));
        Function<Map<String, Object>, Model> factory = modelClasses.get(cls);
        if (factory == null) {
            throw new InvalidModelFileException(path, "unknown model class '" + cls + "'; known: " + modelClasses.keySet());
        }
        Model model;
        try {
            model = factory.apply((Map<String, Object>) root.get("config"));
        } catch (RuntimeException e) {
            throw new InvalidModelFileException(path, "its model config cannot be rebuilt: " + e.getMessage());
        }
        try {
            CompileConfig.apply(model, root.get("compile_config"));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(path, e.getMessage().replaceAll("\\.$", ""));
        }
        return model;
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
            String name = ModelIO.weightEntry(i, k);
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
            ModelIO.close(ws);
        }
    }

    private static void restoreTrainingState(Model model, Map<String, Object> root, ModelArchive archive, Path path)
            throws IOException {
        try {
            if (model.isCompiled()) {
                long iterations = root.get("iterations") instanceof Number n ? n.longValue() : 0;
                model.restoreTrainingState(length -> archive.has(ModelIO.OPTIMIZER_ENTRY)
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
        return archive.readNpy(ModelIO.OPTIMIZER_ENTRY, length * Double.BYTES, header -> {
            if (header.length() != length) {
                throw new InvalidModelFileException(path, "its optimizer state holds " + header.length() + " values, but "
                        + "this model's optimizer keeps " + length + "; was it saved with another optimizer?");
            }
        }).toINDArray();
    }
}
