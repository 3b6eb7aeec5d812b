package dev.kerasj;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Shapes;
import dev.kerasj.internal.SummaryTable;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of a functional {@link Model}: its inputs, the layer applications ("nodes") between them
 * and its outputs, checked and ordered as Keras's {@code map_graph} orders them (by depth from the
 * outputs, inputs deepest, ties by discovery order). Also the graph's summary rows and its Keras-style
 * config ({@code layers} with {@code inbound_nodes}, {@code input_layers}, {@code output_layers}).
 */
final class Functional {
    private final List<Input> inputs;
    private final List<KerasTensor> outputs;
    /** Every application in the graph, each after the tensors it consumes. */
    private final List<KerasTensor> nodes;
    /** Inputs and layers in Keras's order (what the summary lists). */
    private final List<Layer> ordered;
    /** Per layer, its applications that belong to this graph, by node index. */
    private final Map<Layer, List<KerasTensor>> applications = new IdentityHashMap<>();
    private final Map<KerasTensor, Integer> depth = new IdentityHashMap<>();

    Functional(List<? extends KerasTensor> inputs, List<? extends KerasTensor> outputs) {
        this.inputs = checkInputs(inputs);
        this.outputs = checkOutputs(outputs);

        // Keras's map_graph: depth-first from the outputs; layers numbered when first reached (pre-order),
        // nodes listed when finished (a topological order).
        List<KerasTensor> finished = new ArrayList<>();
        Map<Layer, Integer> discovery = new IdentityHashMap<>();
        Set<KerasTensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor out : this.outputs) {
            visit(out, seen, finished, discovery);
        }
        // Depths: from the outputs (0) back, a node one deeper than its deepest consumer, and every node
        // of a shared layer at least as deep as the layer's earlier nodes.
        Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
        for (int i = finished.size() - 1; i >= 0; i--) {
            KerasTensor t = finished.get(i);
            int d = Math.max(depth.getOrDefault(t, 0), layerDepth.getOrDefault(t.layer(), 0));
            layerDepth.put(t.layer(), d);
            depth.put(t, d);
            for (KerasTensor in : t.inboundTensors()) {
                depth.merge(node(in), d + 1, Math::max);
            }
        }
        List<KerasTensor> applied = new ArrayList<>();
        for (KerasTensor t : finished) {
            applications.computeIfAbsent(t.layer(), l -> new ArrayList<>()).add(t);
            if (!(t instanceof Input)) {
                applied.add(t);
            }
        }
        applications.values().forEach(list -> list.sort((a, b) -> Integer.compare(a.nodeIndex(), b.nodeIndex())));
        List<Layer> all = new ArrayList<>(discovery.keySet());
        all.sort((a, b) -> layerDepth.get(a).equals(layerDepth.get(b))
                ? Integer.compare(discovery.get(a), discovery.get(b))
                : Integer.compare(layerDepth.get(b), layerDepth.get(a)));
        this.ordered = List.copyOf(all);
        this.nodes = List.copyOf(applied);

        // Keras names layers when they are created; kerasj when they join a model: inputs first, then graph order.
        List<Layer> naming = new ArrayList<>(this.inputs);
        for (Layer l : all) {
            if (!naming.contains(l)) {
                naming.add(l);
            }
        }
        Model.assignNames(naming);
        checkConnected(finished);
        checkSharedApplications();
    }

    private static List<Input> checkInputs(List<? extends KerasTensor> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("Invalid `inputs`: expected at least one Input, e.g. new Model(new Input(4), "
                    + "outputs). Received: inputs=" + inputs);
        }
        List<Input> out = new ArrayList<>();
        for (KerasTensor t : inputs) {
            if (!(t instanceof Input in)) {
                throw new IllegalArgumentException("Invalid `inputs`: all inputs of a Model must be `Input` objects (the "
                        + "tensors created by `new Input(...)`). Received: " + t + (t == null ? "" : ", the output of layer \""
                        + t.layer().name() + "\" (" + t.layer().className() + ")") + ".");
            }
            if (out.contains(in)) {
                throw new IllegalArgumentException("Invalid `inputs`: each Input may be given once. Received Input "
                        + Shapes.withBatch(in.shape()) + (in.name() == null ? "" : " '" + in.name() + "'") + " twice.");
            }
            out.add(in);
        }
        return List.copyOf(out);
    }

    private static List<KerasTensor> checkOutputs(List<? extends KerasTensor> outputs) {
        if (outputs == null || outputs.isEmpty() || outputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Invalid `outputs`: expected one or more KerasTensors returned by "
                    + "layer.apply(...). Received: outputs=" + outputs);
        }
        return List.copyOf(outputs);
    }

    /** The tensor standing for the layer application that produced {@code t} (its output 0). */
    static KerasTensor node(KerasTensor t) {
        return t.nodeOutputs().get(0);
    }

    private static void visit(KerasTensor tensor, Set<KerasTensor> seen, List<KerasTensor> finished,
                              Map<Layer, Integer> discovery) {
        KerasTensor t = node(tensor);
        if (!seen.add(t)) {
            return;
        }
        discovery.putIfAbsent(t.layer(), discovery.size());
        for (KerasTensor in : t.inboundTensors()) {
            visit(in, seen, finished, discovery);
        }
        finished.add(t);
    }

    /** Every Input the outputs depend on was given to the Model, and every given Input is used. */
    private void checkConnected(List<KerasTensor> finished) {
        for (KerasTensor t : finished) {
            for (KerasTensor in : t.inboundTensors()) {
                if (in instanceof Input input && !inputs.contains(input)) {
                    throw new IllegalArgumentException("Graph disconnected: cannot find parent for tensor "
                            + describe(input) + " at layer \"" + t.layer().name() + "\" (" + t.layer().className() + "). "
                            + "It comes from an Input that was not passed to the Model; the inputs given are "
                            + describeAll(inputs) + ". Add it to the model's inputs.");
                }
            }
            if (t instanceof Input input && !inputs.contains(input) && outputs.contains(t)) {
                throw new IllegalArgumentException("Graph disconnected: output " + describe(t) + " is an Input that was "
                        + "not passed to the Model; the inputs given are " + describeAll(inputs) + ".");
            }
        }
        for (Input in : inputs) {
            if (!applications.containsKey(in)) {
                throw new IllegalArgumentException("Graph disconnected: input " + describe(in) + " is not connected to "
                        + "any of the outputs " + describeAll(outputs) + ". Remove it from the inputs or use it.");
            }
        }
    }

    /**
     * A layer with weights applied several times shares its weights across the applications; the engine
     * runs them side by side, so none may be computed from another's output.
     */
    private void checkSharedApplications() {
        for (Map.Entry<Layer, List<KerasTensor>> e : applications.entrySet()) {
            List<KerasTensor> apps = e.getValue();
            if (apps.size() < 2 || e.getKey().weightSpecs().isEmpty()) {
                continue;
            }
            for (KerasTensor a : apps) {
                Set<KerasTensor> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());
                for (KerasTensor in : a.inboundTensors()) {
                    visit(in, ancestors, new ArrayList<>(), new IdentityHashMap<>());
                }
                for (KerasTensor b : apps) {
                    if (b != a && ancestors.contains(b)) {
                        throw new IllegalArgumentException("Shared layer \"" + e.getKey().name() + "\" ("
                                + e.getKey().className() + ") is applied to a tensor computed from its own output ("
                                + describe(b) + " feeds " + e.getKey().name() + "[" + a.nodeIndex() + "][0]). kerasj shares "
                                + "a layer's weights between independent applications only; use two layers instead.");
                    }
                }
            }
        }
    }

    static String describe(KerasTensor t) {
        String name = t.layer().name() == null ? t.layer().defaultNameBase() : t.layer().name();
        return "\"" + name + "[" + t.nodeIndex() + "][" + t.tensorIndex() + "]\" of shape " + Shapes.withBatch(t.shape());
    }

    private static String describeAll(List<? extends KerasTensor> ts) {
        List<String> s = new ArrayList<>();
        for (KerasTensor t : ts) {
            s.add(describe(t));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- structure

    List<Input> inputs() {
        return inputs;
    }

    List<KerasTensor> outputs() {
        return outputs;
    }

    List<KerasTensor> nodes() {
        return nodes;
    }

    /** The layers without the inputs, in Keras's order. */
    List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        for (Layer l : ordered) {
            if (!(l instanceof Input)) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Applies this graph's layers again to {@code tensors} (one per input, same shapes): the model used as
     * a layer of another model. The layers are shared, so the weights are the same.
     */
    List<KerasTensor> replay(String modelName, List<? extends KerasTensor> tensors) {
        if (tensors == null || tensors.size() != inputs.size()) {
            throw new IllegalArgumentException("Model '" + modelName + "' expects " + inputs.size() + " input tensor(s) "
                    + describeAll(inputs) + ". Received: " + (tensors == null ? 0 : tensors.size()) + ".");
        }
        Map<KerasTensor, KerasTensor> mapped = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            KerasTensor t = tensors.get(i);
            if (t == null || !java.util.Arrays.equals(t.shape(), inputs.get(i).shape())) {
                throw new IllegalArgumentException("Input " + i + " of model '" + modelName + "' is incompatible with the "
                        + "model: expected shape=" + Shapes.withBatch(inputs.get(i).shape()) + ", found "
                        + (t == null ? "null" : "shape=" + Shapes.withBatch(t.shape())) + ".");
            }
            mapped.put(inputs.get(i), t);
        }
        for (KerasTensor node : nodes) {
            List<KerasTensor> args = new ArrayList<>();
            for (KerasTensor in : node.inboundTensors()) {
                args.add(mapped.get(in));
            }
            List<KerasTensor> outs = node.layer().applyAll(args);
            for (int k = 0; k < outs.size(); k++) {
                mapped.put(node.nodeOutputs().get(k), outs.get(k));
            }
        }
        List<KerasTensor> out = new ArrayList<>();
        for (KerasTensor o : outputs) {
            out.add(mapped.get(o));
        }
        return out;
    }

    // ---------------------------------------------------------------- summary

    /**
     * Keras's summary table: InputLayer rows included; a graph that is not a chain (a merge, a shared
     * layer, several inputs or outputs) gets the {@code Connected to} column with entries like
     * {@code dense[0][0]}, or {@code -} for inputs.
     */
    SummaryTable summaryTable() {
        boolean chain = isSequentialLike();
        SummaryTable t = chain
                ? new SummaryTable(76, new double[] {0.45, 0.80, 1.0},
                        new String[] {"Layer (type)", "Output Shape", "Param #"}, new boolean[] {false, false, true})
                : new SummaryTable(76, new double[] {0.3, 0.56, 0.74, 1.0},
                        new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"},
                        new boolean[] {false, false, true, false});
        for (Layer l : ordered) {
            String name = l.name() + " (" + l.className() + ")";
            String shape = outputShapes(l);
            String params = SummaryTable.thousands(l.countParams());
            if (chain) {
                t.addRow(name, shape, params);
            } else {
                t.addRow(name, shape, params, connections(l));
            }
        }
        return t;
    }

    /** Keras's summary shape: {@code (None, 4)}, or a list {@code [(None, 4), (None, 4)]} for several outputs. */
    private static String outputShapes(Layer l) {
        if (l instanceof Input || l.outputCount() == 1) {
            return Shapes.withBatch(l.outputShape());
        }
        List<String> shapes = new ArrayList<>();
        for (long[] shape : l.outputShapes()) {
            shapes.add(Shapes.withBatch(shape));
        }
        return "[" + String.join(", ", shapes) + "]";
    }

    private String connections(Layer l) {
        List<String> c = new ArrayList<>();
        for (KerasTensor node : applications.get(l)) {
            for (KerasTensor in : node.inboundTensors()) {
                c.add(in.layer().name() + "[" + in.nodeIndex() + "][" + in.tensorIndex() + "]");
            }
        }
        return c.isEmpty() ? "-" : String.join(", ", c);
    }

    /** Keras's test: one node per depth, each with at most one input, and no layer applied twice. */
    private boolean isSequentialLike() {
        Map<Integer, Integer> perDepth = new HashMap<>();
        for (Map.Entry<KerasTensor, Integer> e : depth.entrySet()) {
            if (perDepth.merge(e.getValue(), 1, Integer::sum) > 1 || e.getKey().inboundTensors().size() > 1) {
                return false;
            }
        }
        for (List<KerasTensor> apps : applications.values()) {
            if (apps.size() > 1) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- config

    /** The position of an application among its layer's applications in this graph (Keras's node index in a saved model). */
    private int localIndex(KerasTensor t) {
        return applications.get(t.layer()).indexOf(node(t));
    }

    private List<Object> history(KerasTensor t) {
        List<Object> h = new ArrayList<>();
        h.add(t.layer().name());
        h.add(localIndex(t));
        h.add(t.tensorIndex());
        return h;
    }

    Map<String, Object> getConfig(String modelName) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", modelName);
        c.put("trainable", true);
        List<Object> layers = new ArrayList<>();
        for (Layer l : ordered) {
            Map<String, Object> entry = new LinkedHashMap<>(l.serialize());
            entry.put("name", l.name());
            List<Object> inbound = new ArrayList<>();
            if (!(l instanceof Input)) {
                for (KerasTensor node : applications.get(l)) {
                    List<Object> args = new ArrayList<>();
                    for (KerasTensor in : node.inboundTensors()) {
                        Map<String, Object> tc = new LinkedHashMap<>();
                        List<Object> shape = new ArrayList<>();
                        shape.add(null);
                        for (long d : in.shape()) {
                            shape.add(d);
                        }
                        tc.put("shape", shape);
                        tc.put("dtype", "float32");
                        tc.put("keras_history", history(in));
                        Map<String, Object> tensor = new LinkedHashMap<>();
                        tensor.put("class_name", "__keras_tensor__");
                        tensor.put("config", tc);
                        args.add(tensor);
                    }
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("args", args.size() == 1 ? args : List.of(args));
                    n.put("kwargs", Map.of());
                    inbound.add(n);
                }
            }
            entry.put("inbound_nodes", inbound);
            layers.add(entry);
        }
        c.put("layers", layers);
        List<Object> in = new ArrayList<>();
        for (Input i : inputs) {
            in.add(history(i));
        }
        c.put("input_layers", in);
        List<Object> out = new ArrayList<>();
        for (KerasTensor o : outputs) {
            out.add(history(o));
        }
        c.put("output_layers", out);
        return c;
    }

    /** Rebuilds the graph (layers without weights) from {@link #getConfig(String)}'s output. */
    @SuppressWarnings("unchecked")
    static Model fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Functional", config);
        List<Map<String, Object>> entries = (List<Map<String, Object>>) r.raw("layers");
        Map<String, Layer> byName = new LinkedHashMap<>();
        Map<String, List<Object>> pending = new LinkedHashMap<>();
        Map<String, List<KerasTensor>> tensors = new HashMap<>();
        for (Map<String, Object> e : entries) {
            Map<String, Object> serialized = new LinkedHashMap<>();
            serialized.put("class_name", e.get("class_name"));
            serialized.put("config", e.get("config"));
            Layer layer = Layers.deserialize(serialized);
            byName.put(layer.name(), layer);
            pending.put(layer.name(), new ArrayList<>((List<Object>) e.getOrDefault("inbound_nodes", List.of())));
            if (layer instanceof Input in) {
                tensors.put(in.name() + "#0", List.of(in));
            }
        }
        // Apply the layers in passes until every node is rebuilt (a node waits for the tensors it consumes).
        Map<String, Integer> applied = new HashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<Object>> p : pending.entrySet()) {
                List<Object> nodes = p.getValue();
                while (!nodes.isEmpty()) {
                    List<KerasTensor> args = resolve((Map<String, Object>) nodes.get(0), tensors);
                    if (args == null) {
                        break;
                    }
                    int k = applied.merge(p.getKey(), 1, Integer::sum) - 1;
                    tensors.put(p.getKey() + "#" + k, byName.get(p.getKey()).applyAll(args));
                    nodes.remove(0);
                    progress = true;
                }
            }
        }
        for (Map.Entry<String, List<Object>> p : pending.entrySet()) {
            if (!p.getValue().isEmpty()) {
                throw new IllegalArgumentException("Invalid Functional config: the inputs of layer '" + p.getKey()
                        + "' are never computed.");
            }
        }
        List<KerasTensor> ins = lookup((List<Object>) r.raw("input_layers"), tensors);
        List<KerasTensor> outs = lookup((List<Object>) r.raw("output_layers"), tensors);
        Model m;
        if (r.has("input_keys")) {
            m = new Model(keyed((List<Object>) r.raw("input_keys"), ins), keyed((List<Object>) r.raw("output_keys"), outs));
        } else {
            m = new Model(ins, outs);
        }
        if (r.has("name")) {
            m.name(r.string("name"));
        }
        return m;
    }

    private static Map<String, KerasTensor> keyed(List<Object> keys, List<KerasTensor> tensors) {
        Map<String, KerasTensor> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(String.valueOf(keys.get(i)), tensors.get(i));
        }
        return m;
    }

    /** The tensor of a Keras history {@code [layer, node, tensor]}, or null while not yet rebuilt. */
    private static KerasTensor tensor(List<Object> history, Map<String, List<KerasTensor>> tensors) {
        List<KerasTensor> node = tensors.get(history.get(0) + "#" + ((Number) history.get(1)).intValue());
        int k = history.size() > 2 ? ((Number) history.get(2)).intValue() : 0;
        return node == null || k >= node.size() ? null : node.get(k);
    }

    @SuppressWarnings("unchecked")
    private static List<KerasTensor> resolve(Map<String, Object> node, Map<String, List<KerasTensor>> tensors) {
        List<Object> args = (List<Object>) node.get("args");
        List<Object> flat = args.size() == 1 && args.get(0) instanceof List<?> l ? (List<Object>) l : args;
        List<KerasTensor> out = new ArrayList<>();
        for (Object a : flat) {
            List<Object> h = (List<Object>) ((Map<String, Object>) ((Map<String, Object>) a).get("config")).get("keras_history");
            KerasTensor t = tensor(h, tensors);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<KerasTensor> lookup(List<Object> histories, Map<String, List<KerasTensor>> tensors) {
        List<KerasTensor> out = new ArrayList<>();
        for (Object o : histories) {
            List<Object> h = (List<Object>) o;
            KerasTensor t = tensor(h, tensors);
            if (t == null) {
                throw new IllegalArgumentException("Invalid Functional config: unknown tensor " + h + ".");
            }
            out.add(t);
        }
        return out;
    }
}
