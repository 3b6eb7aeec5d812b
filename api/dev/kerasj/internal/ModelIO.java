package dev.kerasj.internal;

import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Layer;
import dev.kerasj.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
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
    private static final Pattern ALLOWED = Pattern.compile("kerasj\\.json|weights/\\d+/\\d+\\.npy|optimizer/state\\.npy");
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
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
        INDArray state = runtime.optimizerState();
        if (includeOptimizer && model.isCompiled() && !state.isEmpty()) {
            arrays.put(OPTIMIZER_ENTRY, state);
        }
        byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);
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
    }

    @SuppressWarnings("unchecked")
    public static Model load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new java.io.FileNotFoundException("No model file at " + path.toAbsolutePath() + ".");
        }
        try (ZipFile zip = open(path)) {
            Map<String, byte[]> entries = readEntries(zip, path);
            byte[] jsonBytes = entries.get(CONFIG_ENTRY);
            if (jsonBytes == null) {
                throw new InvalidModelFileException(path, "it has no " + CONFIG_ENTRY + " entry, so it is not a kerasj model");
            }
            Map<String, Object> root;
            try {
                root = Json.read(new String(jsonBytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidModelFileException(path, "its " + CONFIG_ENTRY + " is not valid JSON (" + e.getMessage() + ")");
            }
            if (!FORMAT.equals(root.get("format"))) {
                throw new InvalidModelFileException(path, "its format is '" + root.get("format") + "', not '" + FORMAT + "'");
            }
            Object v = root.get("format_version");
            if (!(v instanceof Number num) || num.intValue() != FORMAT_VERSION) {
                throw new InvalidModelFileException(path, "Unsupported encoding version " + v + " (this kerasj "
                        + Kerasj.VERSION + " reads version " + FORMAT_VERSION + ")");
            }
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
            try {
                CompileConfig.apply(model, root.get("compile_config"));
            } catch (IllegalArgumentException e) {
                throw new InvalidModelFileException(path, e.getMessage().replaceAll("\\.$", ""));
            }
            List<Layer> layers = model.layers();
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                int count = layer.weightSpecs().size();
                if (count == 0) {
                    continue;
                }
                INDArray[] ws = new INDArray[count];
                for (int k = 0; k < count; k++) {
                    byte[] b = entries.get("weights/" + i + "/" + k + ".npy");
                    if (b == null) {
                        throw new InvalidModelFileException(path, "weight " + k + " of layer '" + layer.name() + "' is missing");
                    }
                    ws[k] = Nd4j.createNpyFromByteArray(b);
                }
                try {
                    layer.setWeights(ws);
                } catch (IllegalArgumentException e) {
                    throw new InvalidModelFileException(path, e.getMessage());
                }
            }
            if (model.isCompiled()) {
                byte[] opt = entries.get(OPTIMIZER_ENTRY);
                long iterations = root.get("iterations") instanceof Number n ? n.longValue() : 0;
                model.restoreTrainingState(opt == null ? null : Nd4j.createNpyFromByteArray(opt), iterations);
                // A rate set by a callback (ReduceLROnPlateau…) is restored; a schedule recomputes its own.
                if (root.get("learning_rate") instanceof Number lr && lr.doubleValue() > 0
                        && model.optimizer().learningRateSchedule() == null) {
                    model.setLearningRate(lr.doubleValue());
                }
            }
            if (root.get("epoch") instanceof Number epoch) {
                model.setCompletedEpochs(epoch.intValue());
            }
            return model;
        }
    }

    private static ZipFile open(Path path) throws IOException {
        try {
            return new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new InvalidModelFileException(path, "it is not a kerasj model file (not a zip archive: " + e.getMessage() + ")");
        }
    }

    private static Map<String, byte[]> readEntries(ZipFile zip, Path path) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            String name = e.getName();
            if (name.endsWith(".bin") || name.startsWith("objects/") || "configuration.json".equals(name)) {
                throw new InvalidModelFileException(path, "it contains the entry '" + name + "' of a DL4J ModelSerializer "
                        + "file. kerasj refuses such files because DL4J reads preprocessor.bin and objects/* with an "
                        + "unfiltered Java ObjectInputStream, which can run arbitrary code from an untrusted file. Rebuild the "
                        + "model with kerasj and save it with model.save(path)");
            }
            if (!ALLOWED.matcher(name).matches()) {
                throw new InvalidModelFileException(path, "it contains an unexpected entry '" + name + "'");
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(e)) {
                bytes = in.readAllBytes();
            }
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xAC && (bytes[1] & 0xff) == 0xED) {
                throw new InvalidModelFileException(path, "entry '" + name + "' holds Java-serialized data, which kerasj "
                        + "never deserializes (it can run arbitrary code)");
            }
            if (name.endsWith(".npy") && !startsWith(bytes, NPY_MAGIC)) {
                throw new InvalidModelFileException(path, "entry '" + name + "' is not a .npy array");
            }
            out.put(name, bytes);
        }
        return out;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A model file that cannot be loaded; the message says which file and why. */
    public static final class InvalidModelFileException extends IOException {
        public InvalidModelFileException(Path path, String why) {
            super("Cannot load model file " + path + ": " + why + ".");
        }
    }
}
