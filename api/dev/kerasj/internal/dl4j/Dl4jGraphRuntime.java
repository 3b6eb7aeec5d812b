package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.dl4j.layers.ReshapePreProcessor;
import dev.kerasj.internal.dl4j.layers.Dl4jShapes;
import dev.kerasj.internal.dl4j.layers.InferenceFusion;
import dev.kerasj.internal.runtime.MaskPlan;
import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.internal.dl4j.layers.LayerTranslator;
import dev.kerasj.internal.dl4j.layers.LayerTranslators;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Merge;
import dev.kerasj.losses.Loss;
import dev.kerasj.optimizers.Optimizer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.graph.UnstackVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A functional model running on a DL4J {@link ComputationGraph}. Each {@link Input} is a graph input
 * named like it; each layer is a vertex named like the layer (merge layers are parameter-free graph
 * vertices); each model output is closed by a parameter-free loss layer computing
 * {@code loss_weight × loss}, so the graph's outputs (what {@code predict} returns and metrics see) are
 * the kerasj outputs' activations.
 *
 * <p>A layer with weights applied k &gt; 1 times (a shared layer) becomes one DL4J layer between a
 * {@code StackVertex} (the k inputs stacked along the batch axis) and k {@code UnstackVertex}es, so the
 * applications share one set of parameters and their gradients add up, as in Keras. This needs the k
 * applications to be independent (none computed from another's output); the model checks it.
 */
public final class Dl4jGraphRuntime implements NetworkRuntime {
    private final List<Layer> layers;
    private final ComputationGraph graph;
    private final List<String> outputVertices;
    /** The outputs' sample shapes; sequence and image outputs reach the loss layers as one row per position. */
    private final List<long[]> outputShapes;
    private final List<Layer> regularized;
    /** Keras's masks: computed from each batch's inputs where a Masking or Embedding(mask_zero) reads them. */
    private final MaskPlan masks;
    private Consumer<INDArray[]> forwardSink;
    /** Convolution → BatchNormalization (→ ReLU) chains computed in one pass by {@code predict}. */
    private List<InferenceFusion> fusions = List.of();

    private Dl4jGraphRuntime(List<Layer> layers, ComputationGraph graph, List<String> outputVertices,
                             List<long[]> outputShapes, MaskPlan masks) {
        this.masks = masks;
        this.layers = List.copyOf(layers);
        this.outputShapes = List.copyOf(outputShapes);
        this.graph = graph;
        this.outputVertices = List.copyOf(outputVertices);
        this.regularized = Dl4jNetworks.regularized(layers);
        graph.setListeners(new BaseTrainingListener() {
            @Override
            public void onForwardPass(org.deeplearning4j.nn.api.Model model, Map<String, INDArray> activations) {
                if (forwardSink != null) {
                    try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                        INDArray[] out = new INDArray[outputVertices.size()];
                        for (int i = 0; i < out.length; i++) {
                            out[i] = Dl4jNetworks.toKeras(activations.get(Dl4jGraphRuntime.this.outputVertices.get(i)),
                                    Dl4jGraphRuntime.this.outputShapes.get(i));
                        }
                        forwardSink.accept(out);
                    }
                }
            }
        });
    }

    /**
     * Builds the graph for {@code inputs}, the applications ({@code nodes}, in an order where every
     * tensor comes after those it consumes) and {@code outputs}; {@code losses} (one per output, or
     * {@code null} before compile) weighted by {@code lossWeights}. Weights are drawn by kerasj's
     * initializers from {@code rng}.
     */
    public static Dl4jGraphRuntime create(List<Input> inputs, List<KerasTensor> nodes, List<KerasTensor> outputs,
                                          Optimizer optimizer, List<Loss> losses, double[] lossWeights,
                                          SplittableRandom rng) {
        MaskPlan masks = MaskPlan.functional(inputs, nodes, outputs);
        ComputationGraphConfiguration.GraphBuilder g = Dl4jNetworks.baseConfig(optimizer, rng != null ? rng.nextLong() : dev.kerasj.internal.KerasRandom.nextSeed()).graphBuilder();
        InputType[] types = new InputType[inputs.size()];
        String[] inputNames = new String[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            inputNames[i] = inputs.get(i).name();
            types[i] = Dl4jShapes.inputType(inputs.get(i).shape());
        }
        g.addInputs(inputNames);

        // The applications of each layer in this graph, in order.
        Map<Layer, List<KerasTensor>> byLayer = new LinkedHashMap<>();
        for (KerasTensor node : nodes) {
            byLayer.computeIfAbsent(node.layer(), l -> new ArrayList<>()).add(node);
        }
        Map<KerasTensor, String> vertexOf = new IdentityHashMap<>();
        for (Input in : inputs) {
            vertexOf.put(in, in.name());
        }
        List<Layer> layers = new ArrayList<>(byLayer.keySet());
        // Vertex names first (DL4J resolves them when the graph is built, so the order of addition is free).
        // A layer whose DL4J output differs from Keras's shape by unit axes (1-D layers run as 2-D) is
        // followed by a reshape vertex, and one with an output adapter (Bidirectional's last steps) by a
        // vertex applying it, so every consumer sees Keras's shape.
        Map<KerasTensor, String> producedAt = new IdentityHashMap<>();
        Set<KerasTensor> consumed = consumed(nodes, outputs);
        for (Map.Entry<Layer, List<KerasTensor>> e : byLayer.entrySet()) {
            List<KerasTensor> applications = e.getValue();
            String name = e.getKey().name();
            for (int k = 0; k < applications.size(); k++) {
                String produced = applications.size() == 1 ? name
                        : isShared(e.getKey(), applications) ? name + "/unstack_" + k : name + "/" + k;
                producedAt.put(applications.get(k), produced);
                if (e.getKey().outputCount() > 1) {
                    if (isShared(e.getKey(), applications)) {
                        throw new IllegalArgumentException("Layer '" + name + "' (" + e.getKey().className() + ") has "
                                + e.getKey().outputCount() + " outputs and is applied " + applications.size()
                                + " times; kerasj shares only single-output layers. Use one layer per application.");
                    }
                    unpack(g, applications.get(k), produced, consumed, vertexOf);
                    continue;
                }
                long[] dl4j = dl4jOutputShape(e.getKey());
                InputPreProcessor adapter = outputAdapter(e.getKey());
                if (adapter == null && Arrays.equals(dl4j, e.getKey().outputShape())) {
                    vertexOf.put(applications.get(k), produced);
                } else {
                    String reshaped = produced + "/keras";
                    g.addVertex(reshaped, new PreprocessorVertex(adapter != null ? adapter
                            : new ReshapePreProcessor(dl4j, e.getKey().outputShape())), produced);
                    vertexOf.put(applications.get(k), reshaped);
                }
            }
        }
        for (Map.Entry<Layer, List<KerasTensor>> e : byLayer.entrySet()) {
            Layer layer = e.getKey();
            List<KerasTensor> applications = e.getValue();
            if (isShared(layer, applications)) {
                LayerTranslator<Layer> t = LayerTranslators.of(layer);
                List<KerasTensor> stacked = new ArrayList<>();
                for (KerasTensor a : applications) {
                    stacked.add(a.inboundTensors().get(0));
                }
                String stack = layer.name() + "/stack";
                g.addVertex(stack, new StackVertex(), vertices(stacked, vertexOf));
                g.addLayer(layer.name(), Dl4jNetworks.layerConf(layer, optimizer), t.preProcessor(layer), stack);
                for (int k = 0; k < applications.size(); k++) {
                    g.addVertex(producedAt.get(applications.get(k)), new UnstackVertex(k, applications.size()), layer.name());
                }
                continue;
            }
            for (KerasTensor node : applications) {
                String name = producedAt.get(node);
                String[] in = vertices(node.inboundTensors(), vertexOf);
                if (layer instanceof Merge<?> merge) {
                    g.addVertex(name, Dl4jMergeVertices.of(merge), in);
                } else {
                    LayerTranslator<Layer> t = LayerTranslators.of(layer);
                    g.addLayer(name, Dl4jNetworks.layerConf(layer, optimizer), t.preProcessor(layer), in);
                }
            }
        }
        String[] lossNames = new String[outputs.size()];
        List<String> outputVertices = new ArrayList<>();
        List<long[]> outputShapes = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            lossNames[i] = "kerasj_loss_" + i;
            Loss loss = losses == null ? null : losses.get(i);
            double weight = lossWeights == null ? 1.0 : lossWeights[i];
            String out = vertexOf.get(outputs.get(i));
            long[] shape = outputs.get(i).shape();
            g.addLayer(lossNames[i], Dl4jNetworks.lossLayer(loss, weight, lossNames[i], shape),
                    Dl4jNetworks.lossPreProcessor(shape, shape), out);
            outputVertices.add(out);
            outputShapes.add(shape);
        }
        g.setOutputs(lossNames);
        g.setInputTypes(types);
        g.backpropType(BackpropType.Standard);
        ComputationGraphConfiguration built = g.build();
        ComputationGraph graph = new Dl4jTrainingNetworks.Graph(built);
        if (rng == null) {
            // weights come from a file: a zeroed parameter vector, so DL4J draws no initial values either
            long n = 0;
            for (org.deeplearning4j.nn.conf.graph.GraphVertex v : built.getVertices().values()) {
                n += v.numParams(true);
            }
            graph.init(n == 0 ? null : org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, n), false);
        } else {
            graph.init();
        }
        Dl4jGraphRuntime rt = new Dl4jGraphRuntime(layers, graph, outputVertices, outputShapes, masks);
        rt.fusions = fusions(nodes, outputs, byLayer, graph);
        if (rng != null) { // null: the caller writes every weight next (a model file being loaded)
            Dl4jNetworks.drawInitialWeights(layers, rng, rt::setWeights);
        }
        return rt;
    }

    /**
     * The inference fusions of the chains convolution → BatchNormalization (→ ReLU) whose intermediate tensors
     * only the next layer of the chain reads (each layer applied once).
     */
    private static List<InferenceFusion> fusions(List<KerasTensor> nodes, List<KerasTensor> outputs,
                                                 Map<Layer, List<KerasTensor>> byLayer, ComputationGraph graph) {
        Map<KerasTensor, List<KerasTensor>> readers = new IdentityHashMap<>();
        for (KerasTensor node : nodes) {
            for (KerasTensor in : node.inboundTensors()) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
            }
        }
        Set<KerasTensor> modelOutputs = Collections.newSetFromMap(new IdentityHashMap<>());
        modelOutputs.addAll(outputs);
        java.util.function.Function<KerasTensor, KerasTensor> onlyReader = t -> {
            List<KerasTensor> r = readers.get(t);
            return r == null || r.size() != 1 || modelOutputs.contains(t) || byLayer.get(r.get(0).layer()).size() != 1
                    ? null : r.get(0);
        };
        List<InferenceFusion> fusions = new ArrayList<>();
        for (KerasTensor conv : nodes) {
            KerasTensor bn = byLayer.get(conv.layer()).size() == 1 ? onlyReader.apply(conv) : null;
            if (bn == null || !InferenceFusion.fusable(conv.layer(), bn.layer())) {
                continue;
            }
            KerasTensor act = onlyReader.apply(bn);
            InferenceFusion f = InferenceFusion.wire(graph.getLayer(conv.layer().name()), graph.getLayer(bn.layer().name()),
                    act != null && InferenceFusion.fusableActivation(act.layer()) ? graph.getLayer(act.layer().name()) : null);
            if (f != null) {
                fusions.add(f);
            }
        }
        return List.copyOf(fusions);
    }

    /** The shape of the layer's DL4J output (merge layers: Keras's). */
    private static long[] dl4jOutputShape(Layer layer) {
        return layer instanceof Merge<?> ? layer.outputShape() : LayerTranslators.of(layer).dl4jOutputShape(layer);
    }

    /** The tensors some layer or the model's outputs use. */
    private static Set<KerasTensor> consumed(List<KerasTensor> nodes, List<KerasTensor> outputs) {
        Set<KerasTensor> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor node : nodes) {
            used.addAll(node.inboundTensors());
        }
        used.addAll(outputs);
        return used;
    }

    /**
     * The outputs of a multi-output application, which the DL4J layer at {@code produced} returns packed
     * in one row per sample: a vertex per used output takes its columns, in Keras's shape.
     */
    private static void unpack(ComputationGraphConfiguration.GraphBuilder g, KerasTensor node, String produced,
                               Set<KerasTensor> consumed, Map<KerasTensor, String> vertexOf) {
        List<long[]> shapes = node.layer().outputShapes();
        long width = 0;
        long[] offsets = new long[shapes.size()];
        for (int k = 0; k < shapes.size(); k++) {
            offsets[k] = width;
            width += Arrays.stream(shapes.get(k)).reduce(1, (a, b) -> a * b);
        }
        for (int k = 0; k < shapes.size(); k++) {
            KerasTensor t = node.nodeOutputs().get(k);
            if (consumed.contains(t)) {
                String v = produced + "/output_" + k;
                g.addVertex(v, new PreprocessorVertex(new PackedOutputPreProcessor(offsets[k], width, shapes.get(k))),
                        produced);
                vertexOf.put(t, v);
            }
        }
    }

    /** The translator's adapter from the DL4J output to Keras's (Bidirectional's last steps), or null. */
    private static InputPreProcessor outputAdapter(Layer layer) {
        return layer instanceof Merge<?> ? null : LayerTranslators.of(layer).outputAdapter(layer);
    }

    /** A layer with weights applied more than once: one DL4J layer between a stack and unstack vertices. */
    private static boolean isShared(Layer layer, List<KerasTensor> applications) {
        return applications.size() > 1 && !layer.weightSpecs().isEmpty();
    }

    private static String[] vertices(List<KerasTensor> tensors, Map<KerasTensor, String> vertexOf) {
        String[] names = new String[tensors.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = vertexOf.get(tensors.get(i));
            if (names[i] == null) {
                throw new IllegalStateException("Tensor " + tensors.get(i) + " is not computed by this graph.");
            }
        }
        return names;
    }

    private org.deeplearning4j.nn.api.Layer dl4jLayer(Layer layer) {
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' is not part of this model.");
        }
        return graph.getLayer(layer.name());
    }

    /** The inference fusions {@code predict} switches on. */
    List<InferenceFusion> fusions() {
        return fusions;
    }

    @Override
    public INDArray[] predict(INDArray[] inputs) {
        INDArray[] m = masks.inputMasks(inputs);
        INDArray[] out;
        InferenceFusion.active(fusions, true);
        try {
            out = m == null ? graph.output(false, inputs) : graph.output(false, masks.masked(inputs, m), m);
        } finally {
            InferenceFusion.active(fusions, false);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Dl4jNetworks.toKeras(out[i], outputShapes.get(i));
        }
        return out;
    }

    @Override
    public double fitBatch(INDArray[] inputs, INDArray[] labels, Consumer<INDArray[]> forwardOutputs) {
        forwardSink = forwardOutputs;
        try {
            INDArray[] rows = new INDArray[labels.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Dl4jNetworks.toRows(labels[i], outputShapes.get(i));
            }
            INDArray[] m = masks.inputMasks(inputs);
            if (m == null) {
                graph.fit(inputs, rows);
            } else {
                INDArray[] out = masks.outputMasks(m);
                INDArray[] labelMasks = new INDArray[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    labelMasks[i] = Dl4jMasks.rowsMask(out[i], outputShapes.get(i));
                }
                graph.fit(masks.masked(inputs, m), rows, m, labelMasks);
            }
        } finally {
            forwardSink = null;
        }
        return graph.score();
    }

    @Override
    public dev.kerasj.internal.runtime.GradientPass gradients(INDArray[] inputs,
                                                      java.util.function.Function<INDArray[], INDArray[]> seeds, Layer at) {
        Dl4jGradients.requireExplainable(layers, masks.inputMasks(inputs) != null);
        if (at != null) {
            dl4jLayer(at);
        }
        return Dl4jGradients.graph(graph, outputVertices, outputShapes, inputs, seeds,
                at == null ? null : at.name(), at == null ? null : at.outputShape());
    }

    @Override
    public INDArray[] outputMasks(INDArray[] inputs) {
        INDArray[] m = masks.inputMasks(inputs);
        return m == null ? null : masks.outputMasks(m);
    }

    @Override
    public List<INDArray> getWeights(Layer layer) {
        return LayerTranslators.of(layer).getWeights(layer, dl4jLayer(layer));
    }

    @Override
    public void setWeights(Layer layer, List<INDArray> weights) {
        LayerTranslators.of(layer).setWeights(layer, dl4jLayer(layer), Dl4jNetworks.asFloat(weights));
    }

    @Override
    public double regularizationPenalty() {
        return Dl4jNetworks.regularizationPenalty(regularized, this::getWeights);
    }

    @Override
    public INDArray optimizerState() {
        return Dl4jNetworks.copyOfState(graph.getUpdater() == null ? null : graph.getUpdater().getStateViewArray());
    }

    @Override
    public long optimizerStateLength() {
        return Dl4jNetworks.stateLength(graph.getUpdater() == null ? null : graph.getUpdater().getStateViewArray());
    }

    @Override
    public void setOptimizerState(INDArray state) {
        Dl4jNetworks.restoreState(graph.getUpdater() == null ? null : graph.getUpdater().getStateViewArray(), state);
    }

    @Override
    public java.util.Map<Layer, List<INDArray>> optimizerSlot(int slot) {
        return Dl4jNetworks.slot((org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?>) graph.getUpdater(), graph.params(), slot,
                layers, this::getWeights);
    }

    @Override
    public void setOptimizerSlot(int slot, java.util.Map<Layer, List<INDArray>> values) {
        Dl4jNetworks.setSlot((org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?>) graph.getUpdater(), graph.params(), slot,
                values, this::setWeights);
    }

    @Override
    public long iterations() {
        return graph.getIterationCount();
    }

    @Override
    public void setIterations(long iterations) {
        graph.getConfiguration().setIterationCount((int) iterations);
    }

    @Override
    public double learningRate() {
        for (Layer l : layers) {
            if (!l.weightSpecs().isEmpty()) {
                Double lr = graph.getLearningRate(l.name());
                if (lr != null) {
                    return lr;
                }
            }
        }
        return Double.NaN;
    }

    @Override
    public void setLearningRate(double learningRate) {
        graph.setLearningRate(learningRate);
    }

    @Override
    public void setSeed(long seed) {
        Nd4j.getRandom().setSeed(seed);
    }

    /** The DL4J network (for this package's tests and, through {@link Dl4jRuntimes}, DL4J's Spark training). */
    ComputationGraph network() {
        return graph;
    }

    /** The outputs' Keras sample shapes. */
    List<long[]> outputShapes() {
        return outputShapes;
    }
}
