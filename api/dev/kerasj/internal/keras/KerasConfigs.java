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
    /** Layers that came from nested models: name → Keras 3's weight path ({@code layers/functional/layers/dense}). */
    private final Map<String, String> nestedPaths = new java.util.HashMap<>();
    /** Layers that came from nested models: name → the top-level weight group of Keras 2's .h5 (the model's name). */
    private final Map<String, String> nestedGroups = new java.util.HashMap<>();
    /** Every layer name of the flattened model, for refusing a nested layer whose name is taken. */
    private final Set<String> names = new java.util.HashSet<>();

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
        Map<String, Integer> used = new java.util.HashMap<>();
        for (Object o : layers) {
            Map<String, Object> entry = map(o, "a layer entry");
            String cls = string(entry.get("class_name"), "a layer's class_name");
            String key = KerasPaths.key(cls, used);
            if (MODEL_CLASSES.contains(cls)) {
                // a nested model in a Sequential: its layers spliced in where it stands (it must be a chain)
                for (Map<String, Object> l : nestedChain(entry, "layers/" + key + "/layers/", null, false)) {
                    if (!"InputLayer".equals(l.get("class_name")) || converted.isEmpty()) {
                        converted.add(strip(l, "class_name", "config"));
                    }
                }
                continue;
            }
            Map<String, Object> layer = layer(entry);
            claim(nameOf(layer), null);
            converted.add(strip(layer, "class_name", "config"));
        }
        out.put("layers", converted);
        return out;
    }

    /**
     * The layers of the nested model {@code entry} as one chain (each taking the previous one's output), in
     * Sequential entries {@code {"class_name", "config"}}; its InputLayer first when it has one. A nested
     * Functional model that is not a chain cannot stand in a Sequential.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> nestedChain(Map<String, Object> entry, String prefix, String h5Group, boolean frozen)
            throws KerasFileException {
        String cls = (String) entry.get("class_name");
        String name = nestedName(entry);
        Map<String, Object> config = map(entry.get("config"), "the config of the nested model '" + name + "'");
        boolean innerFrozen = frozen || Boolean.FALSE.equals(config.get("trainable"));
        String group = h5Group != null ? h5Group : name;
        List<Object> flat = new ArrayList<>();
        Map<String, Object> alias = new java.util.HashMap<>();
        Map<String, Object> start = tensor(List.of(CHAIN_START, 0, 0));
        List<Map<String, Object>> outputs;
        Map<String, Object> input = null;
        if ("Sequential".equals(cls)) {
            Map<String, Object> first = firstInputLayer(config);
            input = first == null ? null : layer(first);
            outputs = List.of(sequentialInto(layerList(config, name), prefix, group, innerFrozen, start, alias, flat));
        } else {
            outputs = functionalInto(config, name, prefix, group, innerFrozen, List.of(start), alias, flat);
            List<Object> ins = histories(config.get("input_layers"), "input_layers");
            for (Object o : layerList(config, name)) {
                Map<String, Object> e = map(o, "a layer entry");
                if ("InputLayer".equals(e.get("class_name")) && ins.size() == 1
                        && nestedName(e).equals(((List<?>) ins.get(0)).get(0))) {
                    input = layer(e);
                }
            }
        }
        // a chain: every layer takes exactly the previous one's output, and the last one is the model's output
        List<Map<String, Object>> out = new ArrayList<>();
        if (input != null) {
            out.add(input);
        }
        Map<String, Object> previous = start;
        for (Object o : flat) {
            Map<String, Object> l = (Map<String, Object>) o;
            List<Object> nodes = (List<Object>) l.get("inbound_nodes");
            Object args = nodes.size() == 1 ? ((Map<String, Object>) nodes.get(0)).get("args") : null;
            if (!(args instanceof List<?> a) || a.size() != 1 || !previous.equals(a.get(0))) {
                throw new KerasFileException("the nested model '" + name + "' is not a chain of layers (layer '" + nameOf(l)
                        + "' does not take the previous layer's output), so it cannot stand in a Sequential model");
            }
            previous = tensor(List.of(nameOf(l), 0, 0));
            out.add(strip(l, "class_name", "config"));
        }
        if (outputs.size() != 1 || !previous.equals(outputs.get(0))) {
            throw new KerasFileException("the nested model '" + name + "' does not end with its last layer, so it cannot "
                    + "stand in a Sequential model");
        }
        return out;
    }

    /** A placeholder for the tensor a nested chain starts from (no layer can have this name: not an identifier). */
    private static final String CHAIN_START = "<chain start>";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstInputLayer(Map<String, Object> config) {
        if (config.get("layers") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> first
                && "InputLayer".equals(first.get("class_name"))) {
            return (Map<String, Object>) first;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> layerList(Map<String, Object> config, String model) throws KerasFileException {
        if (!(config.get("layers") instanceof List<?> list)) {
            throw new KerasFileException("the config of the model '" + model + "' has no `layers` list");
        }
        return (List<Object>) list;
    }

    @SuppressWarnings("unchecked")
    private static String nameOf(Map<String, Object> layer) {
        if (layer.get("name") instanceof String n) {
            return n;
        }
        return layer.get("config") instanceof Map<?, ?> c && c.get("name") instanceof String n ? n : "?";
    }

    private static String nestedName(Map<String, Object> entry) {
        return nameOf(entry);
    }

    /** Records a layer name of the flattened model (and where a nested layer's weights are), refusing a repeat. */
    private void claim(String name, String[] nested) throws KerasFileException {
        if (!names.add(name)) {
            throw new KerasFileException("the name '" + name + "' is used by two layers once the nested models are "
                    + "flattened; rename one of them in Keras before saving");
        }
        if (nested != null) {
            nestedPaths.put(name, nested[0]);
            nestedGroups.put(name, nested[1]);
        }
    }

    /**
     * Keras 3's weight path of a layer that came from a nested model ({@code layers/functional/layers/dense}, under
     * which its {@code vars} lie), or null for a layer of the outer model (its path follows from its position).
     */
    public String nestedWeightPath(String layer) {
        return nestedPaths.get(layer);
    }

    /** The top-level weight group of a Keras 2 {@code .h5} holding a nested layer's weights (its model), or null. */
    public String nestedWeightGroup(String layer) {
        return nestedGroups.get(layer);
    }

    /**
     * A Sequential container's layers appended to {@code out} as functional entries, each taking the previous
     * one's output starting from {@code input}; nested models inlined. Returns the last output.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> sequentialInto(List<Object> entries, String prefix, String h5Group, boolean frozen,
            Map<String, Object> input, Map<String, Object> alias, List<Object> out) throws KerasFileException {
        Map<String, Object> previous = input;
        Map<String, Integer> used = new java.util.HashMap<>();
        for (Object o : entries) {
            Map<String, Object> entry = map(o, "a layer entry");
            String cls = string(entry.get("class_name"), "a layer's class_name");
            String key = KerasPaths.key(cls, used);
            if ("InputLayer".equals(cls)) {
                continue;
            }
            if (MODEL_CLASSES.contains(cls)) {
                previous = inlined(entry, prefix + key + "/layers/", h5Group, frozen, List.of(previous), alias, out).get(0);
                continue;
            }
            Map<String, Object> layer = layer(entry);
            String name = nameOf(layer);
            Map<String, Object> c = (Map<String, Object>) layer.get("config");
            c.put("name", name);
            if (frozen) {
                c.put("trainable", false);
            }
            layer.put("name", name);
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("args", List.of(previous));
            node.put("kwargs", Map.of());
            layer.put("inbound_nodes", List.of(node));
            claim(name, new String[] {prefix + key, h5Group});
            out.add(layer);
            previous = tensor(List.of(name, 0, 0));
        }
        return previous;
    }

    /**
     * A Functional container's layers appended to {@code out} (kerasj's functional entries), nested models
     * inlined; its input layers stand for {@code inputs} (the outer tensors it is called on) — or, at the top
     * ({@code inputs} null), are kept. Returns the container's outputs.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> functionalInto(Map<String, Object> config, String model, String prefix, String h5Group,
            boolean frozen, List<Map<String, Object>> inputs, Map<String, Object> alias, List<Object> out)
            throws KerasFileException {
        List<Object> inputLayers = histories(config.get("input_layers"), "input_layers");
        if (inputs != null) {
            if (inputLayers.size() != inputs.size()) {
                throw new KerasFileException("the nested model '" + model + "' takes " + inputLayers.size() + " inputs but "
                        + "is called on " + inputs.size());
            }
            for (int i = 0; i < inputs.size(); i++) {
                alias.put(historyKey((List<?>) inputLayers.get(i)), inputs.get(i));
            }
        }
        Map<String, Integer> used = new java.util.HashMap<>();
        for (Object o : layerList(config, model)) {
            Map<String, Object> entry = map(o, "a layer entry");
            String cls = string(entry.get("class_name"), "a layer's class_name");
            String key = KerasPaths.key(cls, used);
            String name = nameOf(entry);
            if (inputs != null && "InputLayer".equals(cls)) {
                continue; // stands for the outer tensor (aliased above)
            }
            List<Object> nodes = rewrite(inboundNodes(entry.get("inbound_nodes"), name), alias);
            if (MODEL_CLASSES.contains(cls)) {
                if (nodes.size() != 1) {
                    throw new KerasFileException("the nested model '" + name + "' is called " + nodes.size() + " times; "
                            + "kerasj loads a nested model called once");
                }
                List<Map<String, Object>> args = tensors(((Map<String, Object>) nodes.get(0)).get("args"));
                inlined(entry, prefix + key + "/layers/", h5Group == null ? name : h5Group, frozen, args, alias, out);
                continue;
            }
            Map<String, Object> layer = layer(entry);
            Map<String, Object> c = (Map<String, Object>) layer.get("config");
            c.put("name", name);
            if (frozen) {
                c.put("trainable", false);
            }
            layer.put("name", name);
            layer.put("inbound_nodes", nodes);
            claim(name, inputs == null && h5Group == null ? null : new String[] {prefix + key, h5Group});
            out.add(strip(layer, "class_name", "config", "name", "inbound_nodes"));
        }
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (Object h : histories(config.get("output_layers"), "output_layers")) {
            outputs.add((Map<String, Object>) rewriteTensor(tensor((List<?>) h), alias));
        }
        return outputs;
    }

    /** The nested model {@code entry}, called on {@code args}, inlined into {@code out}; its outputs, aliased. */
    private List<Map<String, Object>> inlined(Map<String, Object> entry, String prefix, String h5Group, boolean frozen,
            List<Map<String, Object>> args, Map<String, Object> alias, List<Object> out) throws KerasFileException {
        String name = nestedName(entry);
        Map<String, Object> config = map(entry.get("config"), "the config of the nested model '" + name + "'");
        boolean innerFrozen = frozen || Boolean.FALSE.equals(config.get("trainable"))
                || Boolean.FALSE.equals(entry.get("trainable"));
        String group = h5Group != null ? h5Group : name;
        List<Map<String, Object>> outputs;
        if ("Sequential".equals(entry.get("class_name"))) {
            if (args.size() != 1) {
                throw new KerasFileException("the nested Sequential model '" + name + "' is called on " + args.size()
                        + " tensors");
            }
            outputs = List.of(sequentialInto(layerList(config, name), prefix, group, innerFrozen, args.get(0), alias, out));
        } else {
            outputs = functionalInto(config, name, prefix, group, innerFrozen, args, alias, out);
        }
        for (int i = 0; i < outputs.size(); i++) {
            alias.put(historyKey(List.of(name, 0, i)), outputs.get(i));
        }
        return outputs;
    }

    private static String historyKey(List<?> h) {
        return h.get(0) + "\u0000" + ((Number) h.get(1)).intValue() + "\u0000" + ((Number) h.get(2)).intValue();
    }

    /** The tensors of one node's args, flattened ({@code [t]} or {@code [[t1, t2]]}). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tensors(Object args) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object a : (List<Object>) args) {
            if (a instanceof List<?> inner) {
                for (Object t : inner) {
                    out.add((Map<String, Object>) t);
                }
            } else {
                out.add((Map<String, Object>) a);
            }
        }
        return out;
    }

    /** Tensor references to a nested model's outputs (or a nested input) replaced by what they stand for. */
    @SuppressWarnings("unchecked")
    private static List<Object> rewrite(List<Object> nodes, Map<String, Object> alias) {
        if (alias.isEmpty()) {
            return nodes;
        }
        List<Object> out = new ArrayList<>();
        for (Object n : nodes) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) n);
            copy.put("args", rewriteTensor(copy.get("args"), alias));
            out.add(copy);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object rewriteTensor(Object o, Map<String, Object> alias) {
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object x : list) {
                out.add(rewriteTensor(x, alias));
            }
            return out;
        }
        if (o instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c && c.get("keras_history") instanceof List<?> h) {
            Object to = alias.get(historyKey(h));
            return to != null ? rewriteTensor(to, alias) : o;
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> functional(Map<String, Object> config) throws KerasFileException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (config.get("name") instanceof String n) {
            out.put("name", n);
        }
        out.put("trainable", true);
        if (!(config.get("layers") instanceof List<?>)) {
            throw new KerasFileException("its Functional config has no `layers` list");
        }
        List<Object> layers = new ArrayList<>();
        Map<String, Object> alias = new java.util.HashMap<>();
        functionalInto(config, "the model", "layers/", null, false, null, alias, layers);
        out.put("layers", layers);
        out.put("input_layers", histories(config.get("input_layers"), "input_layers"));
        List<Object> outputs = new ArrayList<>();
        for (Object h : histories(config.get("output_layers"), "output_layers")) {
            Map<?, ?> t = (Map<?, ?>) rewriteTensor(tensor((List<?>) h), alias);
            outputs.add(((Map<?, ?>) t.get("config")).get("keras_history"));
        }
        out.put("output_layers", outputs);
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
        if (MODEL_CLASSES.contains(cls)) { // reached only where a model cannot be inlined (inside a wrapper)
            throw new KerasFileException("layer '" + name + "' is a nested " + cls + " model inside a wrapper layer, which "
                    + "kerasj cannot flatten");
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
