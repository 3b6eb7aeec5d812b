package dev.kerasj.internal.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Translates the model config of a file Keras wrote (Keras 1, 2 or 3) into kerasj's config, which is Keras
 * 3's: {@code {"class_name": "Sequential"|"Functional", "config": {...}}} with each layer as
 * {@code {"class_name", "config"[, "name", "inbound_nodes"]}} and Keras 3's argument names.
 *
 * <p>What changes between versions, and is translated here: Keras 1's argument names ({@code output_dim},
 * {@code nb_filter}, {@code border_mode}, {@code subsample}, {@code init}, {@code inner_activation}, {@code p}…) and
 * class names ({@code Convolution2D}, {@code Merge}); Keras 2's {@code batch_input_shape} and
 * {@code inbound_nodes} lists; Keras 3's {@code module}/{@code registered_name} wrappers, {@code DTypePolicy}
 * dtypes and {@code shared_object_id}s. Semantics that changed keep the file's meaning: Keras 1/2's
 * {@code hard_sigmoid} (clip(0.2x+0.5, 0, 1)) becomes {@link #KERAS2_HARD_SIGMOID}; a Keras 1/2 GRU without
 * {@code reset_after} is the original GRU ({@code reset_after=false}).
 *
 * <p>Nothing in a config is executed: {@code Lambda} layers and any class neither built in nor registered are
 * refused with a {@link KerasFileException} naming the class and the layer.
 */
public final class KerasConfigs {
    /** kerasj's name for Keras 1/2's {@code hard_sigmoid}: clip(0.2x + 0.5, 0, 1) (Keras 3's is relu6(x+3)/6). */
    public static final String KERAS2_HARD_SIGMOID = "keras2_hard_sigmoid";
    /** Classes that hold Python code; never loaded (Keras's {@code safe_mode}). */
    private static final Set<String> CODE_CLASSES = Set.of("Lambda", "TFOpLambda", "SlicingOpLambda", "TFOpLambdaLayer");
    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");
    private static final Set<String> ACTIVATION_KEYS = Set.of("activation", "recurrent_activation");

    private final int major;
    private final java.util.function.Predicate<String> known;
    private final java.util.Collection<String> supported;

    /**
     * @param kerasVersion the file's {@code keras_version} ("1.2.2", "2.2.4", "3.6.0"…); null reads as 2
     * @param known     whether kerasj can build a layer class (built in, registered, or the caller's custom object)
     * @param supported the class names to list when a file names another one
     */
    public KerasConfigs(String kerasVersion, java.util.function.Predicate<String> known,
                        java.util.Collection<String> supported) {
        this.major = majorVersion(kerasVersion);
        this.known = known;
        this.supported = supported;
    }

    /** The major version of a {@code keras_version} string; an absent one is taken as Keras 2 (tf.keras). */
    public static int majorVersion(String kerasVersion) {
        if (kerasVersion == null || kerasVersion.isBlank()) {
            return 2;
        }
        String v = kerasVersion.trim();
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    public int major() {
        return major;
    }

    /**
     * The kerasj model config ({@code class_name} "Sequential" or "Functional", {@code config}) of a Keras model
     * config, i.e. {@code {"class_name": …, "config": …}} as Keras writes it.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> model(Object modelConfig) throws KerasFileException {
        Map<String, Object> root = map(modelConfig, "the model config");
        String cls = string(root.get("class_name"), "the model's class_name");
        Object config = root.get("config");
        Map<String, Object> out = new LinkedHashMap<>();
        if ("Sequential".equals(cls)) {
            out.put("class_name", "Sequential");
            out.put("config", sequential(config));
        } else if ("Functional".equals(cls) || "Model".equals(cls)) {
            out.put("class_name", "Functional");
            out.put("config", functional(map(config, "the Functional config")));
        } else {
            throw new KerasFileException("its model class is '" + cls + "'; kerasj loads Sequential and Functional "
                    + "models (a subclassed Keras model has no config to rebuild: save its layers as a Functional model)");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> sequential(Object config) throws KerasFileException {
        // Keras 1 and early Keras 2 wrote the layer list itself; later versions {name, layers}.
        List<Object> layers;
        Map<String, Object> out = new LinkedHashMap<>();
        if (config instanceof List<?> list) {
            layers = (List<Object>) list;
        } else {
            Map<String, Object> c = map(config, "the Sequential config");
            if (c.get("name") instanceof String n) {
                out.put("name", n);
            }
            if (!(c.get("layers") instanceof List<?> list)) {
                throw new KerasFileException("its Sequential config has no `layers` list");
            }
            layers = (List<Object>) list;
        }
        List<Object> converted = new ArrayList<>();
        for (Object o : layers) {
            Map<String, Object> layer = layer(map(o, "a layer entry"));
            converted.add(strip(layer, "class_name", "config"));
        }
        out.put("layers", converted);
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> functional(Map<String, Object> config) throws KerasFileException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (config.get("name") instanceof String n) {
            out.put("name", n);
        }
        out.put("trainable", true);
        if (!(config.get("layers") instanceof List<?> list)) {
            throw new KerasFileException("its Functional config has no `layers` list");
        }
        List<Object> layers = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> entry = map(o, "a layer entry");
            Map<String, Object> layer = layer(entry);
            Map<String, Object> c = (Map<String, Object>) layer.get("config");
            String name = entry.get("name") instanceof String n ? n : (String) c.get("name");
            c.put("name", name);
            layer.put("name", name);
            layer.put("inbound_nodes", inboundNodes(entry.get("inbound_nodes"), name));
            layers.add(strip(layer, "class_name", "config", "name", "inbound_nodes"));
        }
        out.put("layers", layers);
        out.put("input_layers", histories(config.get("input_layers"), "input_layers"));
        out.put("output_layers", histories(config.get("output_layers"), "output_layers"));
        return out;
    }

    /** Keras 2's {@code [[["dense_1", 0, 0, {}], …]]} or Keras 3's {@code [{"args": […], "kwargs": {}}]} → Keras 3's. */
    @SuppressWarnings("unchecked")
    private List<Object> inboundNodes(Object raw, String layer) throws KerasFileException {
        List<Object> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof List<?> nodes)) {
            throw new KerasFileException("the inbound_nodes of layer '" + layer + "' are not a list");
        }
        for (Object node : nodes) {
            if (node instanceof Map<?, ?> m) {
                Map<String, Object> n = (Map<String, Object>) m;
                Map<String, Object> kwargs = n.get("kwargs") instanceof Map<?, ?> k ? (Map<String, Object>) k : Map.of();
                checkKwargs(kwargs, layer);
                Map<String, Object> copy = new LinkedHashMap<>();
                copy.put("args", normalizeTensors(n.get("args"), layer));
                copy.put("kwargs", Map.of());
                out.add(copy);
            } else if (node instanceof List<?> inputs) {
                List<Object> args = new ArrayList<>();
                for (Object in : inputs) {
                    if (!(in instanceof List<?> h) || h.size() < 3) {
                        throw new KerasFileException("an inbound node of layer '" + layer + "' is not [layer, node, tensor]: "
                                + in);
                    }
                    if (h.size() > 3 && h.get(3) instanceof Map<?, ?> kw) {
                        checkKwargs((Map<String, Object>) kw, layer);
                    }
                    args.add(tensor(h.subList(0, 3)));
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                copy.put("args", args.size() == 1 ? args : List.of(args));
                copy.put("kwargs", Map.of());
                out.add(copy);
            } else {
                throw new KerasFileException("an inbound node of layer '" + layer + "' is neither a map nor a list: " + node);
            }
        }
        return out;
    }

    private static void checkKwargs(Map<String, Object> kwargs, String layer) throws KerasFileException {
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            String k = e.getKey();
            if ("mask".equals(k) && e.getValue() == null || "training".equals(k)) {
                continue;
            }
            throw new KerasFileException("layer '" + layer + "' is called with the argument `" + k + "` in the model "
                    + "graph, which kerasj cannot rebuild");
        }
    }

    /** Keras 3's args hold {@code __keras_tensor__} maps, possibly nested in one list; the shape/dtype are dropped. */
    @SuppressWarnings("unchecked")
    private List<Object> normalizeTensors(Object args, String layer) throws KerasFileException {
        if (!(args instanceof List<?> list)) {
            throw new KerasFileException("an inbound node of layer '" + layer + "' has no args list");
        }
        List<Object> flat = list.size() == 1 && list.get(0) instanceof List<?> inner ? (List<Object>) inner : (List<Object>) list;
        List<Object> out = new ArrayList<>();
        for (Object a : flat) {
            if (!(a instanceof Map<?, ?> t) || !(t.get("config") instanceof Map<?, ?> tc)
                    || !(tc.get("keras_history") instanceof List<?> h)) {
                throw new KerasFileException("an input of layer '" + layer + "' is not a Keras tensor (constants and "
                        + "Python values as layer arguments are not supported): " + a);
            }
            out.add(tensor((List<Object>) h));
        }
        return flat == list && list.size() == 1 ? out : List.of(out);
    }

    private static Map<String, Object> tensor(List<?> history) throws KerasFileException {
        if (history.size() < 3 || !(history.get(0) instanceof String) || !(history.get(1) instanceof Number)
                || !(history.get(2) instanceof Number)) {
            throw new KerasFileException("a tensor reference is not [layer, node, tensor]: " + history);
        }
        Map<String, Object> tc = new LinkedHashMap<>();
        tc.put("keras_history", List.of(history.get(0), ((Number) history.get(1)).intValue(),
                ((Number) history.get(2)).intValue()));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("class_name", "__keras_tensor__");
        t.put("config", tc);
        return t;
    }

    private static List<Object> histories(Object raw, String key) throws KerasFileException {
        if (!(raw instanceof List<?> list)) {
            throw new KerasFileException("its Functional config has no `" + key + "` list");
        }
        // Keras 3 writes a single input as one history, not a list of them.
        if (!list.isEmpty() && list.get(0) instanceof String) {
            return List.of(history(list, key));
        }
        List<Object> out = new ArrayList<>();
        for (Object o : list) {
            out.add(history(o, key));
        }
        return out;
    }

    private static List<Object> history(Object o, String key) throws KerasFileException {
        if (!(o instanceof List<?> h) || h.size() < 3 || !(h.get(0) instanceof String) || !(h.get(1) instanceof Number)
                || !(h.get(2) instanceof Number)) {
            throw new KerasFileException("an entry of `" + key + "` is not [layer, node, tensor]: " + o);
        }
        return List.of(h.get(0), ((Number) h.get(1)).intValue(), ((Number) h.get(2)).intValue());
    }

    /** One layer entry translated: {@code {"class_name", "config"}} in Keras 3's names. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> layer(Map<String, Object> entry) throws KerasFileException {
        String cls = string(entry.get("class_name"), "a layer's class_name");
        Map<String, Object> config = new LinkedHashMap<>(map(entry.get("config") == null ? Map.of() : entry.get("config"),
                "the config of a " + cls + " layer"));
        String name = config.get("name") instanceof String n ? n : entry.get("name") instanceof String n2 ? n2 : "?";
        if (CODE_CLASSES.contains(cls)) {
            throw new KerasFileException("layer '" + name + "' is a " + cls + " layer, which holds Python code; kerasj never "
                    + "runs code from a file (Keras's safe_mode). Replace it with built-in layers, or load the weights "
                    + "into a kerasj model that rebuilds it");
        }
        if (MODEL_CLASSES.contains(cls)) {
            throw new KerasFileException("layer '" + name + "' is a nested " + cls + " model; kerasj does not load nested "
                    + "models yet (flatten the model in Keras before saving)");
        }
        if (major == 1) {
            cls = Keras1.translate(cls, config, name);
        }
        config = (Map<String, Object>) normalize(config);
        if (!known.test(cls) && !"InputLayer".equals(cls)) {
            List<String> known = new ArrayList<>(new java.util.TreeSet<>(supported));
            throw new KerasFileException("layer '" + name + "' has the class '" + cls + "', which kerasj does not support. "
                    + "Supported classes: " + String.join(", ", known)
                    + ". A class of your own can be mapped with LoadOptions.customObjects");
        }
        rejectChannelsFirst(cls, config, name);
        switch (cls) {
            case "InputLayer" -> {
                if (!config.containsKey("batch_shape")) {
                    Object s = config.containsKey("batch_input_shape") ? config.remove("batch_input_shape")
                            : config.get("shape");
                    config.put("batch_shape", s);
                }
                if (config.get("dtype") instanceof String d && !"float32".equals(d) && !config.containsKey("input_dtype")) {
                    config.put("input_dtype", d);
                }
            }
            case "GRU" -> {
                if (major < 3 && !config.containsKey("reset_after")) {
                    config.put("reset_after", false);
                }
            }
            case "Bidirectional", "TimeDistributed" -> {
                Map<String, Object> inner = map(config.get("layer"), "the wrapped layer of '" + name + "'");
                config.put("layer", strip(layer(inner), "class_name", "config"));
                if (config.get("backward_layer") instanceof Map<?, ?> back) {
                    config.put("backward_layer", strip(layer((Map<String, Object>) back), "class_name", "config"));
                }
            }
            default -> {
            }
        }
        if (major < 3) {
            for (String key : ACTIVATION_KEYS) {
                if ("hard_sigmoid".equals(config.get(key))) {
                    config.put(key, KERAS2_HARD_SIGMOID);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", cls);
        out.put("config", config);
        return out;
    }

    private static void rejectChannelsFirst(String cls, Map<String, Object> config, String name) throws KerasFileException {
        Object format = config.get("data_format");
        if ("channels_first".equals(format)) {
            throw new KerasFileException("layer '" + name + "' (" + cls + ") uses data_format='channels_first' (Theano's "
                    + "dimension ordering); kerasj computes channels_last only. Save the model from Keras with "
                    + "channels_last (image_data_format)");
        }
    }

    /**
     * Keras 3's wrappers reduced to {@code {"class_name", "config"}} (initializers, regularizers, constraints),
     * {@code DTypePolicy} dtypes to their name, {@code shared_object_id}s dropped; recursive.
     */
    @SuppressWarnings("unchecked")
    static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> in = (Map<String, Object>) m;
            if ("__tensor__".equals(in.get("class_name")) && in.get("config") instanceof Map<?, ?> tc) {
                Object v = tc.get("value"); // a constant Keras 3.8+ stores as a tensor: its value (a lone scalar unwrapped)
                return v instanceof List<?> l && l.size() == 1 && !(l.get(0) instanceof List<?>) ? l.get(0) : v;
            }
            if ("DTypePolicy".equals(in.get("class_name")) || "FloatDTypePolicy".equals(in.get("class_name"))) {
                Object c = in.get("config");
                return c instanceof Map<?, ?> cm && cm.get("name") != null ? cm.get("name") : "float32";
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : in.entrySet()) {
                String k = e.getKey();
                if (in.containsKey("class_name") && ("module".equals(k) || "registered_name".equals(k)
                        || "shared_object_id".equals(k) || "build_config".equals(k))) {
                    continue;
                }
                out.put(k, normalize(e.getValue()));
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(normalize(o));
            }
            return out;
        }
        return value;
    }

    private static Map<String, Object> strip(Map<String, Object> m, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            if (m.containsKey(k)) {
                out.put(k, m.get(k));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) throws KerasFileException {
        if (!(o instanceof Map<?, ?> m)) {
            throw new KerasFileException(what + " is not a JSON object (" + (o == null ? "null" : o.getClass().getSimpleName()
                    .toLowerCase(Locale.ROOT)) + ")");
        }
        return (Map<String, Object>) m;
    }

    static String string(Object o, String what) throws KerasFileException {
        if (!(o instanceof String s)) {
            throw new KerasFileException(what + " is not a string: " + o);
        }
        return s;
    }
}
