package dev.kerasj;

import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.internal.Json;
import dev.kerasj.internal.keras.Hdf5;
import dev.kerasj.internal.keras.KerasConfigs;
import dev.kerasj.internal.keras.KerasFileException;
import dev.kerasj.internal.keras.KerasPaths;
import dev.kerasj.internal.keras.KerasTraining;
import dev.kerasj.internal.keras.KerasWeights;
import dev.kerasj.internal.keras.WeightArray;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Layers;
import dev.kerasj.layers.WeightSpec;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads what Keras saved, as untrusted input: Keras 3's {@code .keras} zip ({@code config.json},
 * {@code metadata.json}, {@code model.weights.h5}) and Keras 1/2's whole-model {@code .h5} ({@code model_config}
 * and {@code training_config} attributes, weights under {@code model_weights/<layer>} listed by
 * {@code weight_names}), plus Keras 2 weights-only {@code .h5} files for {@link Model#loadWeights}. The config
 * is translated into kerasj's ({@link KerasConfigs}), the model rebuilt, every array checked against the shape
 * its layer expects (sizes are checked before data is read), and only then copied in.
 */
final class KerasFileReader {
    /** The most bytes {@code config.json} or {@code metadata.json} may inflate to. */
    private static final long MAX_JSON_BYTES = 16L << 20;
    /** HDF5 bookkeeping allowed beyond the weights' own bytes in {@code model.weights.h5}. */
    private static final long H5_OVERHEAD_BYTES = 32L << 20;

    private KerasFileReader() {
    }

    /** Which kind of model file {@code path} holds, by its content. */
    enum Kind { KERAS_ZIP, KERASJ_ZIP, HDF5, UNKNOWN }

    static Kind kind(Path path) throws IOException {
        byte[] head = Hdf5.head(path, 8);
        if (Hdf5.isHdf5(head)) {
            return Kind.HDF5;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(path.toFile())) {
                if (zip.getEntry(ModelIO.CONFIG_ENTRY) != null) {
                    return Kind.KERASJ_ZIP;
                }
                if (zip.getEntry("config.json") != null || zip.getEntry("metadata.json") != null) {
                    return Kind.KERAS_ZIP;
                }
                return Kind.KERASJ_ZIP; // ModelReader explains what is wrong with it
            } catch (java.util.zip.ZipException | java.io.EOFException | IllegalArgumentException e) {
                // a damaged end record makes the JDK's reader run off the file's end (EOFException), a damaged
                // entry name fails its UTF-8 decoding (IllegalArgumentException): ModelReader names the damage
                return Kind.KERASJ_ZIP;
            }
        }
        return Kind.UNKNOWN;
    }

    static Model load(Path path, LoadOptions options, Map<String, Function<Map<String, Object>, Model>> modelClasses)
            throws IOException {
        return Layers.withCustomObjects(options.customObjects(), () -> {
            try {
                return switch (kind(path)) {
                    case HDF5 -> loadH5(path, options, modelClasses);
                    case KERAS_ZIP -> loadKeras(path, options, modelClasses);
                    default -> throw new IllegalStateException("not a Keras file: " + path);
                };
            } catch (KerasFileException e) {
                throw new InvalidModelFileException(path, e.getMessage());
            } catch (RuntimeException e) {
                // jHDF's own failures on damaged structures (a truncated object header, a bad B-tree…)
                throw new InvalidModelFileException(path, "it is damaged (" + oneLine(e) + ")");
            }
        });
    }

    // ------------------------------------------------------------------------------------------- legacy .h5

    private static Model loadH5(Path path, LoadOptions options, Map<String, Function<Map<String, Object>, Model>> classes)
            throws IOException, KerasFileException {
        try (HdfFile h5 = Hdf5.open(path)) {
            String modelConfig = Hdf5.string(h5, "model_config");
            if (modelConfig == null) {
                if (Hdf5.strings(h5, "layer_names") != null) {
                    throw new KerasFileException("it holds weights only (Keras's save_weights, no model_config): build the "
                            + "model in kerasj and call model.loadWeights(path)");
                }
                throw new KerasFileException("it is an HDF5 file without Keras's model_config attribute, so not a Keras "
                        + "model");
            }
            Group weightsRoot = h5.getChildren().containsKey("model_weights") ? (Group) h5.getChild("model_weights") : h5;
            String version = firstNonNull(Hdf5.string(h5, "keras_version"), Hdf5.string(weightsRoot, "keras_version"));
            KerasConfigs configs = configs(version);
            Model model = rebuild(configs.model(json(modelConfig, "model_config")), classes);
            model.weightsComeFromFile();
            List<Layer> layers = model.layers();
            refuseTheanoKernels(firstNonNull(Hdf5.string(h5, "backend"), Hdf5.string(weightsRoot, "backend")), layers);
            long limit = parameterLimit(layers);
            for (Layer layer : layers) {
                if (layer.weightSpecs().isEmpty()) {
                    continue;
                }
                // a layer of a nested model: in that model's group, among its weight_names (dense_2/kernel:0…)
                String nested = configs.nestedWeightGroup(layer.name());
                String groupName = nested != null ? nested : layer.name();
                Node group = Hdf5.child(weightsRoot, groupName);
                if (!(group instanceof Group g)) {
                    throw new KerasFileException("the weights of layer '" + layer.name() + "' are missing (no group "
                            + weightsRoot.getPath() + groupName + ")");
                }
                setWeights(layer, h5Arrays(g, layer, limit, nested != null), configs.major());
            }
            String training = Hdf5.string(h5, "training_config");
            if (options.compile() && training != null) {
                compile(model, KerasTraining.fromKeras2(json(training, "training_config")));
            }
            return model;
        }
    }

    /**
     * Theano computes a true convolution (the kernel flipped), TensorFlow a cross-correlation; a file written by
     * Keras's Theano backend holds kernels for the former, so its convolutions would silently give other numbers.
     */
    private static void refuseTheanoKernels(String backend, List<Layer> layers) throws KerasFileException {
        if (!"theano".equals(backend)) {
            return;
        }
        for (Layer l : layers) {
            if (l.className().startsWith("Conv") || l.className().startsWith("SeparableConv")
                    || l.className().startsWith("DepthwiseConv")) {
                throw new KerasFileException("it was written by Keras's Theano backend, whose convolution kernels are "
                        + "flipped (a true convolution, where TensorFlow and kerasj compute a cross-correlation), and layer '"
                        + l.name() + "' is a " + l.className() + "; re-save the model with the TensorFlow backend");
            }
        }
    }

    /** A layer's arrays in the order its {@code weight_names} attribute lists them. */
    private static List<WeightArray> h5Arrays(Group g, Layer layer, long limit, boolean ofNestedModel)
            throws KerasFileException {
        List<String> names = Hdf5.strings(g, "weight_names");
        if (names == null) {
            throw new KerasFileException("the weight group of layer '" + layer.name() + "' has no weight_names attribute");
        }
        List<WeightArray> arrays = new ArrayList<>();
        for (String n : names) {
            if (ofNestedModel && !(n.startsWith(layer.name() + "/") || n.contains("/" + layer.name() + "/"))) {
                continue; // another layer of the nested model
            }
            Node node = Hdf5.child(g, n);
            if (!(node instanceof Dataset d)) {
                throw new KerasFileException("weight '" + n + "' of layer '" + layer.name() + "' is missing");
            }
            arrays.add(Hdf5.read(d, n, limit));
        }
        return arrays;
    }

    /**
     * Keras 2's weights-only {@code .h5} ({@code save_weights}) into {@code model}, as Keras's
     * {@code load_weights} does: layers with weights matched in order (the file's {@code layer_names} that hold
     * weights), each array checked against its layer's shape.
     */
    static void loadWeights(Model model, Path path) throws IOException {
        if (kind(path) != Kind.HDF5) {
            throw new InvalidModelFileException(path, "it is not an HDF5 weights file (Keras's .weights.h5 or .h5)");
        }
        try (HdfFile h5 = Hdf5.open(path)) {
            Group root = h5.getChildren().containsKey("model_weights") ? (Group) h5.getChild("model_weights") : h5;
            if (root.getChildren().containsKey("layers") && Hdf5.strings(root, "layer_names") == null) {
                loadKeras3Weights(model, root, model.layers(), null);
                return;
            }
            List<String> names = Hdf5.strings(root, "layer_names");
            if (names == null) {
                throw new KerasFileException("it has no layer_names attribute, so it is not a Keras weights file");
            }
            String version = firstNonNull(Hdf5.string(root, "keras_version"), Hdf5.string(h5, "keras_version"));
            List<Group> filled = new ArrayList<>();
            for (String n : names) {
                Node node = Hdf5.child(root, n);
                if (node instanceof Group g) {
                    List<String> wn = Hdf5.strings(g, "weight_names");
                    if (wn != null && !wn.isEmpty()) {
                        filled.add(g);
                    }
                }
            }
            int major = KerasConfigs.majorVersion(version);
            List<Layer> withWeights = model.layers().stream().filter(l -> !l.weightSpecs().isEmpty()).toList();
            if (filled.size() != withWeights.size()) {
                throw new KerasFileException("it holds weights for " + filled.size() + " layers, but the model has "
                        + withWeights.size() + " layers with weights");
            }
            long limit = parameterLimit(model.layers());
            for (int i = 0; i < filled.size(); i++) {
                setWeights(withWeights.get(i), h5Arrays(filled.get(i), withWeights.get(i), limit, false), major);
            }
        } catch (KerasFileException e) {
            throw new InvalidModelFileException(path, e.getMessage());
        }
    }

    /**
     * Keras 2's {@code load_weights(path, by_name=True)} on a weights {@code .h5}: each layer of the file with
     * weights goes to the model's layer of the same name (shapes checked); file layers the model lacks and model
     * layers the file lacks are left alone, as Keras does. Fails when no name matches at all.
     */
    static void loadWeightsByName(Model model, Path path) throws IOException {
        if (kind(path) != Kind.HDF5) {
            throw new InvalidModelFileException(path, "it is not an HDF5 weights file (Keras's .h5)");
        }
        try (HdfFile h5 = Hdf5.open(path)) {
            Group root = h5.getChildren().containsKey("model_weights") ? (Group) h5.getChild("model_weights") : h5;
            List<String> names = Hdf5.strings(root, "layer_names");
            if (names == null) {
                throw new KerasFileException("it has no layer_names attribute, so it is not a Keras 2 weights file "
                        + "(loading by name reads Keras 2's layout, which Keras's application weight files use)");
            }
            String version = firstNonNull(Hdf5.string(root, "keras_version"), Hdf5.string(h5, "keras_version"));
            int major = KerasConfigs.majorVersion(version);
            Map<String, Layer> byName = new HashMap<>();
            for (Layer l : model.layers()) {
                if (!l.weightSpecs().isEmpty()) {
                    byName.put(l.name(), l);
                }
            }
            long limit = parameterLimit(model.layers());
            int loaded = 0;
            for (String n : names) {
                Layer layer = byName.get(n);
                if (layer != null && Hdf5.child(root, n) instanceof Group g) {
                    List<String> wn = Hdf5.strings(g, "weight_names");
                    if (wn != null && !wn.isEmpty()) {
                        setWeights(layer, h5Arrays(g, layer, limit, false), major);
                        loaded++;
                    }
                }
            }
            if (loaded == 0) {
                throw new KerasFileException("none of its " + names.size() + " layers has the name of a layer with "
                        + "weights in model '" + model.name() + "'");
            }
        } catch (KerasFileException e) {
            throw new InvalidModelFileException(path, e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------- Keras 3 .keras

    private static Model loadKeras(Path path, LoadOptions options, Map<String, Function<Map<String, Object>, Model>> classes)
            throws IOException, KerasFileException {
        try (ModelArchive archive = ModelArchive.open(path, ModelArchive.KERAS_ENTRIES)) {
            if (!archive.has("config.json")) {
                throw new KerasFileException("it has no config.json entry, so it is not a Keras model");
            }
            Map<String, Object> config = json(new String(archive.readBytes("config.json", MAX_JSON_BYTES),
                    StandardCharsets.UTF_8), "config.json");
            String version = "3";
            if (archive.has("metadata.json")) {
                Map<String, Object> metadata = json(new String(archive.readBytes("metadata.json", MAX_JSON_BYTES),
                        StandardCharsets.UTF_8), "metadata.json");
                if (metadata.get("keras_version") instanceof String v) {
                    version = v;
                }
            }
            if (archive.has("model.weights.npz") && !archive.has("model.weights.h5")) {
                throw new KerasFileException("its weights are in model.weights.npz (Keras's npz weights format); kerasj "
                        + "reads model.weights.h5, Keras's default: re-save the model with Keras's defaults");
            }
            KerasConfigs configs = configs(version);
            Model model = rebuild(configs.model(config), classes);
            if (options.compile() && config.get("compile_config") instanceof Map<?, ?> compile) {
                compile(model, KerasTraining.fromKeras3(compile));
            }
            model.weightsComeFromFile();
            List<Layer> layers = model.layers();
            long weightBytes = parameterLimit(layers) * Double.BYTES;
            if (!archive.has("model.weights.h5")) {
                if (layers.stream().anyMatch(l -> !l.weightSpecs().isEmpty())) {
                    throw new KerasFileException("its model.weights.h5 entry is missing");
                }
            } else {
                // weights, optimizer state (up to 3 slots per weight) and HDF5's own bookkeeping
                // stored as Keras writes it: mapped, no copy of its bytes (a compressed entry is inflated into memory)
                long most = 4 * weightBytes + H5_OVERHEAD_BYTES;
                ByteBuffer h5bytes = archive.mapStored("model.weights.h5", most);
                if (h5bytes == null) {
                    h5bytes = ByteBuffer.wrap(archive.readBytes("model.weights.h5", most));
                }
                try (HdfFile h5 = Hdf5.open(h5bytes, "model.weights.h5")) {
                    loadKeras3Weights(model, h5, layers, configs);
                    KerasOptimizerState.restore(model, h5);
                }
            }
            return model;
        }
    }

    /**
     * Keras 3's weight paths: {@code layers/<snake_case class>[_N]/vars/<i>}, counted per class in the order of
     * the model's layers; recurrent layers under {@code cell/vars}, wrappers under {@code forward_layer},
     * {@code backward_layer} or {@code layer}.
     */
    private static void loadKeras3Weights(Model model, Group h5, List<Layer> layers, KerasConfigs configs)
            throws KerasFileException {
        long limit = parameterLimit(layers);
        Map<String, Integer> used = new HashMap<>();
        for (Layer layer : layers) {
            // a layer of a nested model: under that model's path (layers/functional/layers/dense); else by position
            String nested = configs == null ? null : configs.nestedWeightPath(layer.name());
            String base = nested != null ? nested : "layers/" + KerasPaths.key(layer.className(), used);
            if (layer.weightSpecs().isEmpty()) {
                continue;
            }
            List<WeightArray> arrays = new ArrayList<>();
            for (String vars : KerasPaths.varsGroups(layer.className(), layer.getConfig())) {
                String where = base + "/" + vars;
                Node node = Hdf5.child(h5, where);
                if (!(node instanceof Group g)) {
                    throw new KerasFileException("the weights of layer '" + layer.name() + "' are missing (no group "
                            + where + " in model.weights.h5)");
                }
                for (int i = 0; ; i++) {
                    Node d = Hdf5.child(g, String.valueOf(i));
                    if (!(d instanceof Dataset ds)) {
                        break;
                    }
                    arrays.add(Hdf5.read(ds, where + "/" + i, limit));
                }
            }
            setWeights(layer, arrays, 3);
        }
    }

    // ------------------------------------------------------------------------------------------- shared steps

    private static KerasConfigs configs(String version) {
        List<String> supported = new ArrayList<>(Layers.classNames());
        return new KerasConfigs(version, Layers::isKnown, supported);
    }

    @SuppressWarnings("unchecked")
    private static Model rebuild(Map<String, Object> kerasj, Map<String, Function<Map<String, Object>, Model>> classes)
            throws KerasFileException {
        String cls = (String) kerasj.get("class_name");
        Function<Map<String, Object>, Model> factory = classes.get(cls);
        if (factory == null) {
            throw new KerasFileException("its model class '" + cls + "' cannot be rebuilt");
        }
        try {
            Model m = factory.apply((Map<String, Object>) kerasj.get("config"));
            m.layers(); // fails here, not later, when the graph cannot be built
            return m;
        } catch (RuntimeException e) {
            throw new KerasFileException("its model cannot be rebuilt: " + oneLine(e));
        }
    }

    /** The arrays (Keras 3 layout after {@link KerasWeights}) checked against the layer's weights, then set. */
    private static void setWeights(Layer layer, List<WeightArray> fileArrays, int major) throws KerasFileException {
        List<WeightArray> arrays = KerasWeights.toKeras3(layer.className(), layer.getConfig(), fileArrays, major,
                layer.name());
        List<WeightSpec> specs = layer.weightSpecs();
        if (arrays.size() != specs.size()) {
            throw new KerasFileException("layer '" + layer.name() + "' (" + layer.className() + ") has " + arrays.size()
                    + " weights in the file, but kerasj's " + layer.className() + " has " + specs.size() + " ("
                    + specs.stream().map(WeightSpec::name).toList() + ")");
        }
        INDArray[] ws = new INDArray[arrays.size()];
        // kerasj's own layers only read the arrays they are given: those may view a mapped file without a copy
        boolean ownLayer = layer.getClass().getPackageName().equals("dev.kerasj.layers");
        try {
            for (int k = 0; k < ws.length; k++) {
                WeightArray a = arrays.get(k);
                WeightSpec spec = specs.get(k);
                if (!java.util.Arrays.equals(a.shape(), spec.shape())) {
                    throw new KerasFileException("weight '" + a.name() + "' of layer '" + layer.name() + "' has shape "
                            + a.shapeText() + " in the file, but '" + spec.name() + "' of this " + layer.className()
                            + " has shape " + dev.kerasj.internal.Shapes.tuple(spec.shape()));
                }
                ws[k] = ownLayer ? a.readOnlyView() : a.toINDArray();
            }
            layer.setWeights(ws);
        } catch (IllegalArgumentException e) {
            throw new KerasFileException(oneLine(e));
        } catch (InternalError e) { // a mapped entry's file shrank while it was read
            throw new KerasFileException("the file changed while its weights were read (" + oneLine(e) + ")");
        } finally {
            ModelIO.close(ws);
        }
    }

    private static void compile(Model model, Map<String, Object> compileConfig) throws KerasFileException {
        if (compileConfig.get("loss") == null) {
            return; // compiled in Keras without a loss (for inference only): nothing to train with, left uncompiled
        }
        try {
            CompileConfig.apply(model, compileConfig);
        } catch (IllegalArgumentException e) {
            throw new KerasFileException("its compile config cannot be applied (" + oneLine(e) + "); load it with "
                    + "LoadOptions.defaults().compile(false) and compile it yourself");
        }
    }

    /** The most values one array of this model can hold (its largest weight), bounding what a file makes us read. */
    static long parameterLimit(List<Layer> layers) {
        long most = 1;
        long total = 0;
        for (Layer l : layers) {
            for (WeightSpec s : l.weightSpecs()) {
                most = Math.max(most, s.size());
                total += s.size();
            }
        }
        return Math.max(most, total);
    }

    private static Map<String, Object> json(String text, String what) throws KerasFileException {
        try {
            Map<String, Object> m = Json.read(text);
            if (m == null) {
                throw new KerasFileException("its " + what + " is not a JSON object");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw new KerasFileException("its " + what + " is not valid JSON (" + oneLine(e) + ")");
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").replaceAll("\\.$", "");
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
