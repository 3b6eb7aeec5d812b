package dev.kerasj.internal.keras;

import dev.kerasj.internal.Json;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes what Keras 3's {@code keras.saving.load_model} reads: {@code config.json} (every object as
 * {@code {"module", "class_name", "config", "registered_name"}}, layers with {@code build_config}, the model with
 * {@code compile_config}), {@code metadata.json}, and {@code model.weights.h5} with each layer's variables at
 * {@code layers/<snake_case class>[_N]/vars/<i>} ({@link KerasPaths}).
 *
 * <p>A config holds only the arguments Keras 3's class accepts (its {@code __init__} refuses others): the lists
 * in {@code keras3-args.json} were read from Keras's source by {@code tools/keras-files/keras3_layer_args.py}.
 * What Keras 3 cannot express is refused with a {@link KerasFileException}: a layer class Keras lacks, Keras 2's
 * hard_sigmoid (a loaded Keras 2 model), anything else that would change the numbers.
 */
public final class Keras3Writer {
    static {
        Hdf5.quietLogging();
    }

    /** The Keras version written into {@code metadata.json}: the 3.x layout this writer follows. */
    public static final String KERAS_VERSION = "3.6.0";
    private static final Map<String, Set<String>> LAYER_ARGS;
    private static final Map<String, Set<String>> OPTIMIZER_ARGS;
    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "SimpleRNN");
    /** Keras 3 optimizers' base arguments at their defaults, which its get_config always writes. */
    private static final Map<String, Object> OPTIMIZER_DEFAULTS = optimizerDefaults();
    /** A loss config at these values is Keras's loss with its defaults, written as its name (as compile(loss="…")). */
    private static final Map<String, Object> LOSS_DEFAULTS = Map.of("reduction", "sum_over_batch_size",
            "from_logits", false, "label_smoothing", 0.0, "axis", -1);
    private static final Set<String> INITIALIZER_KEYS = Set.of("kernel_initializer", "bias_initializer",
            "recurrent_initializer", "embeddings_initializer", "gamma_initializer", "beta_initializer",
            "moving_mean_initializer", "moving_variance_initializer", "depthwise_initializer", "pointwise_initializer");

    static {
        Map<String, Set<String>> layers = new HashMap<>();
        Map<String, Set<String>> optimizers = new HashMap<>();
        try (InputStream in = Keras3Writer.class.getResourceAsStream("keras3-args.json")) {
            if (in == null) {
                throw new IllegalStateException("keras3-args.json is missing from kerasj's resources");
            }
            Map<String, Object> all = Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            read(all.get("layers"), layers);
            read(all.get("optimizers"), optimizers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LAYER_ARGS = Map.copyOf(layers);
        OPTIMIZER_ARGS = Map.copyOf(optimizers);
    }

    @SuppressWarnings("unchecked")
    private static void read(Object section, Map<String, Set<String>> into) {
        for (Map.Entry<String, Object> e : ((Map<String, Object>) section).entrySet()) {
            into.put(e.getKey(), Set.copyOf((List<String>) e.getValue()));
        }
    }

    private Keras3Writer() {
    }

    private static Map<String, Object> optimizerDefaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("weight_decay", null);
        d.put("clipnorm", null);
        d.put("global_clipnorm", null);
        d.put("clipvalue", null);
        d.put("use_ema", false);
        d.put("ema_momentum", 0.99);
        d.put("ema_overwrite_frequency", null);
        d.put("loss_scale_factor", null);
        d.put("gradient_accumulation_steps", null);
        return d;
    }

    /** {@code metadata.json}: the Keras version whose layout this is and when it was written. */
    public static Map<String, Object> metadata(String date) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keras_version", KERAS_VERSION);
        m.put("date_saved", date);
        return m;
    }

    /**
     * {@code config.json} for a model whose kerasj config is {@code config} ("Sequential" or "Functional").
     *
     * @param inputShapes   each layer's input shape without the batch axis, by layer name (for build_config)
     * @param compileConfig kerasj's compile config, or null
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> config(String className, Map<String, Object> config,
                                             Map<String, List<long[]>> inputShapes, Map<String, Object> compileConfig)
            throws KerasFileException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", config.get("name"));
        c.put("trainable", true);
        c.put("dtype", dtypePolicy());
        List<Object> layers = new ArrayList<>();
        List<Object> firstShape = null;
        for (Object o : (List<Object>) config.get("layers")) {
            Map<String, Object> entry = (Map<String, Object>) o;
            Map<String, Object> layer = layer(entry, inputShapes);
            if ("Functional".equals(className)) {
                layer.put("name", entry.get("name"));
                layer.put("inbound_nodes", entry.get("inbound_nodes"));
            }
            if (firstShape == null && "InputLayer".equals(entry.get("class_name"))) {
                firstShape = (List<Object>) ((Map<String, Object>) layer.get("config")).get("batch_shape");
            }
            layers.add(layer);
        }
        c.put("layers", layers);
        if ("Sequential".equals(className)) {
            root.put("module", "keras");
            root.put("class_name", "Sequential");
            c.put("build_input_shape", firstShape);
            root.put("config", c);
            root.put("registered_name", null);
            root.put("build_config", Map.of("input_shape", firstShape == null ? List.of() : firstShape));
        } else {
            c.put("input_layers", unwrapSingle((List<Object>) config.get("input_layers")));
            c.put("output_layers", unwrapSingle((List<Object>) config.get("output_layers")));
            root.put("module", "keras.src.models.functional");
            root.put("class_name", "Functional");
            root.put("config", c);
            root.put("registered_name", "Functional");
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("input_shape", null);
            root.put("build_config", build);
        }
        if (compileConfig != null) {
            root.put("compile_config", compile(compileConfig));
        }
        return root;
    }

    /** Keras 3 writes one input/output as its history, several as a list of them. */
    private static Object unwrapSingle(List<Object> histories) {
        return histories.size() == 1 ? histories.get(0) : histories;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layer(Map<String, Object> entry, Map<String, List<long[]>> inputShapes)
            throws KerasFileException {
        String cls = (String) entry.get("class_name");
        Map<String, Object> config = (Map<String, Object>) entry.get("config");
        String name = String.valueOf(config.get("name"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.layers");
        out.put("class_name", cls);
        if ("InputLayer".equals(cls)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("batch_shape", config.get("batch_shape"));
            c.put("dtype", config.getOrDefault("input_dtype", "float32"));
            c.put("sparse", false);
            c.put("ragged", false);
            c.put("name", config.get("name") == null ? "input_layer" : name); // Keras's name for an unnamed input
            out.put("config", c);
            out.put("registered_name", null);
            return out;
        }
        out.put("config", layerConfig(cls, config, name));
        out.put("registered_name", null);
        Object fromGraph = graphInputShape(entry.get("inbound_nodes"));
        List<long[]> shapes = inputShapes.get(name);
        if (fromGraph != null) {
            out.put("build_config", Map.of("input_shape", fromGraph));
        } else if (shapes != null && !shapes.isEmpty()) {
            Object shape = shapes.size() == 1 ? batchShape(shapes.get(0)) : shapes.stream().map(Keras3Writer::batchShape).toList();
            out.put("build_config", Map.of("input_shape", shape));
        }
        return out;
    }

    /** A graph layer's build shape: the shapes of its first call's inputs (a list of them for a merge). */
    @SuppressWarnings("unchecked")
    private static Object graphInputShape(Object inboundNodes) {
        if (!(inboundNodes instanceof List<?> nodes) || nodes.isEmpty() || !(nodes.get(0) instanceof Map<?, ?> node)
                || !(node.get("args") instanceof List<?> args) || args.isEmpty()) {
            return null;
        }
        List<Object> flat = args.size() == 1 && args.get(0) instanceof List<?> l ? (List<Object>) l : (List<Object>) args;
        List<Object> shapes = new ArrayList<>();
        for (Object a : flat) {
            if (a instanceof Map<?, ?> t && t.get("config") instanceof Map<?, ?> tc) {
                shapes.add(tc.get("shape"));
            }
        }
        boolean merge = args.size() == 1 && args.get(0) instanceof List<?>;
        return merge ? shapes : shapes.isEmpty() ? null : shapes.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layerConfig(String cls, Map<String, Object> config, String name)
            throws KerasFileException {
        Set<String> allowed = LAYER_ARGS.get(cls);
        if (allowed == null) {
            throw new KerasFileException("layer '" + name + "' is a " + cls + ", a class Keras 3 does not have; save the "
                    + "model as .kerasj");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("trainable", config.getOrDefault("trainable", true));
        out.put("dtype", dtypePolicy());
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (out.containsKey(k) || !allowed.contains(k) || "batch_input_shape".equals(k)) {
                continue;
            }
            if (KerasConfigs.KERAS2_HARD_SIGMOID.equals(v)) {
                throw new KerasFileException("layer '" + name + "' uses Keras 2's hard_sigmoid (clip(0.2x + 0.5, 0, 1)), "
                        + "which Keras 3 does not have (its hard_sigmoid is relu6(x + 3)/6); save the model as .kerasj");
            }
            if (("layer".equals(k) || "backward_layer".equals(k)) && v instanceof Map<?, ?> inner) {
                Map<String, Object> in = (Map<String, Object>) inner;
                Map<String, Object> wrapped = new LinkedHashMap<>();
                wrapped.put("module", "keras.layers");
                wrapped.put("class_name", in.get("class_name"));
                Map<String, Object> ic = (Map<String, Object>) in.get("config");
                wrapped.put("config", layerConfig((String) in.get("class_name"), ic, String.valueOf(ic.get("name"))));
                wrapped.put("registered_name", null);
                out.put(k, wrapped);
            } else if (INITIALIZER_KEYS.contains(k)) {
                out.put(k, object("keras.initializers", v));
            } else if (k.endsWith("_regularizer")) {
                out.put(k, object("keras.regularizers", v));
            } else {
                out.put(k, v);
            }
        }
        // Keras's get_config writes these even at their defaults; kerasj has no constraints or activity penalties
        boolean recurrent = RECURRENT.contains(cls);
        for (String k : allowed) {
            if (!out.containsKey(k) && (k.endsWith("_constraint") || k.equals("seed") || k.equals("noise_shape")
                    || recurrent && k.equals("activity_regularizer"))) {
                out.put(k, null);
            } else if (!out.containsKey(k) && k.equals("synchronized")) {
                out.put(k, false);
            }
        }
        if (recurrent && !out.containsKey("zero_output_for_mask")) {
            out.put("zero_output_for_mask", false); // an RNN argument its subclasses pass on
        }
        return out;
    }

    /** A serialized initializer/regularizer/optimizer as Keras 3 writes it, with its module. */
    @SuppressWarnings("unchecked")
    private static Object object(String module, Object serialized) {
        if (!(serialized instanceof Map<?, ?> m) || !m.containsKey("class_name")) {
            return serialized;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", module);
        out.put("class_name", m.get("class_name"));
        out.put("config", m.get("config") == null ? Map.of() : m.get("config"));
        out.put("registered_name", null);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compile(Map<String, Object> compileConfig) throws KerasFileException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> optimizer = (Map<String, Object>) compileConfig.get("optimizer");
        String cls = String.valueOf(optimizer.get("class_name"));
        Set<String> allowed = OPTIMIZER_ARGS.get(cls);
        if (allowed == null) {
            throw new KerasFileException("the optimizer " + cls + " is not a Keras 3 optimizer");
        }
        Map<String, Object> oc = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) optimizer.get("config")).entrySet()) {
            if (allowed.contains(e.getKey())) {
                oc.put(e.getKey(), e.getValue() instanceof Map<?, ?> ? object("keras.optimizers.schedules", e.getValue())
                        : e.getValue());
            }
        }
        for (Map.Entry<String, Object> d : OPTIMIZER_DEFAULTS.entrySet()) {
            if (allowed.contains(d.getKey()) && !oc.containsKey(d.getKey())) {
                oc.put(d.getKey(), d.getValue());
            }
        }
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("module", "keras.optimizers");
        opt.put("class_name", cls);
        opt.put("config", oc);
        opt.put("registered_name", null);
        out.put("optimizer", opt);
        out.put("loss", losses(compileConfig.get("loss")));
        out.put("loss_weights", compileConfig.get("loss_weights"));
        out.put("metrics", compileConfig.get("metrics"));
        out.put("weighted_metrics", null);
        out.put("run_eagerly", false);
        out.put("steps_per_execution", 1);
        out.put("jit_compile", false);
        return out;
    }

    private static Object losses(Object loss) {
        if (loss instanceof List<?> l) {
            return l.stream().map(Keras3Writer::loss).toList();
        }
        return loss(loss);
    }

    /** A loss at Keras's defaults as its name ({@code "mse"}…), else the object with its module. */
    private static Object loss(Object loss) {
        if (loss instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c && c.get("name") instanceof String name) {
            boolean defaults = true;
            for (Map.Entry<?, ?> e : c.entrySet()) {
                if (!"name".equals(e.getKey()) && !(LOSS_DEFAULTS.containsKey(String.valueOf(e.getKey()))
                        && numericEquals(LOSS_DEFAULTS.get(String.valueOf(e.getKey())), e.getValue()))) {
                    defaults = false;
                }
            }
            if (defaults) {
                return name;
            }
        }
        return object("keras.losses", loss);
    }

    private static boolean numericEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }

    private static Map<String, Object> dtypePolicy() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("module", "keras");
        p.put("class_name", "DTypePolicy");
        p.put("config", Map.of("name", "float32"));
        p.put("registered_name", null);
        return p;
    }

    private static List<Object> batchShape(long[] shape) {
        List<Object> s = new ArrayList<>();
        s.add(null);
        for (long d : shape) {
            s.add(d);
        }
        return s;
    }

    /** One layer's variables for {@link #writeWeights}: its class, config and arrays in Keras's order. */
    public record LayerVariables(String className, Map<String, Object> config, String name, List<WeightArray> arrays) {
    }

    /**
     * Writes {@code model.weights.h5} at {@code path}: the optimizer's variables (a {@link Long} step count, a
     * {@link Float} learning rate, {@link WeightArray} slots; null: none), each layer with variables under its Keras 3 path, the
     * {@code vars} group tagged with the layer's name (Keras ≥ 3.6). Layers without variables get no group
     * (Keras reads a missing group as none; jHDF cannot write empty groups reliably).
     */
    public static void writeWeights(Path path, List<LayerVariables> layers, List<Object> optimizerVariables) {
        try (WritableHdfFile h5 = HdfFile.write(path)) {
            if (optimizerVariables != null && !optimizerVariables.isEmpty()) {
                // Keras 3's optimizer/vars: iterations (int64), the learning rate (float32), then the slots
                WritableGroup vars = h5.putGroup("optimizer").putGroup("vars");
                vars.putAttribute("name", "optimizer");
                for (int i = 0; i < optimizerVariables.size(); i++) {
                    Object v = optimizerVariables.get(i);
                    vars.putDataset(String.valueOf(i), v instanceof WeightArray a ? nested(a) : v);
                }
            }
            WritableGroup root = h5.putGroup("layers");
            Map<String, Integer> used = new HashMap<>();
            for (LayerVariables layer : layers) {
                String key = KerasPaths.key(layer.className(), used);
                if (layer.arrays().isEmpty()) {
                    continue;
                }
                WritableGroup g = root.putGroup(key);
                List<String> groups = KerasPaths.varsGroups(layer.className(), layer.config());
                int perGroup = layer.arrays().size() / groups.size();
                for (int gi = 0; gi < groups.size(); gi++) {
                    WritableGroup vars = g;
                    for (String part : groups.get(gi).split("/")) {
                        vars = vars.putGroup(part);
                    }
                    vars.putAttribute("name", layer.name());
                    for (int i = 0; i < perGroup; i++) {
                        WeightArray a = layer.arrays().get(gi * perGroup + i);
                        vars.putDataset(String.valueOf(i), nested(a));
                    }
                }
            }
        }
    }

    /** A C-order float array as the nested Java array jHDF writes with the same shape. */
    static Object nested(WeightArray a) {
        long[] shape = a.shape();
        if (shape.length == 0) {
            return a.data()[0];
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        Object out = Array.newInstance(float.class, dims);
        fill(out, dims, 0, a.data(), new int[] {0});
        return out;
    }

    private static void fill(Object array, int[] dims, int depth, float[] data, int[] pos) {
        if (depth == dims.length - 1) {
            float[] row = (float[]) array;
            System.arraycopy(data, pos[0], row, 0, row.length);
            pos[0] += row.length;
            return;
        }
        for (int i = 0; i < dims[depth]; i++) {
            fill(Array.get(array, i), dims, depth + 1, data, pos);
        }
    }
}
