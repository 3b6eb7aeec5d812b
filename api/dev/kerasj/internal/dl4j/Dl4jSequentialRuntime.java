package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.dl4j.layers.Dl4jShapes;
import dev.kerasj.internal.dl4j.layers.InferenceFusion;
import dev.kerasj.internal.runtime.MaskPlan;
import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.internal.dl4j.layers.LayerTranslator;
import dev.kerasj.internal.dl4j.layers.LayerTranslators;
import dev.kerasj.layers.Layer;
import dev.kerasj.losses.Loss;
import dev.kerasj.optimizers.Optimizer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A {@code Sequential} running on a DL4J {@link MultiLayerNetwork}: kerasj layer i is DL4J layer i,
 * and a parameter-free {@link LossLayer} computing the Keras loss closes the network, so the model's
 * output (what {@code predict} returns and metrics see) is the last kerasj layer's activation.
 */
public final class Dl4jSequentialRuntime implements NetworkRuntime {
    private final List<Layer> layers;
    private final MultiLayerNetwork net;
    /** The model's output sample shape; sequence and image outputs run through DL4J as one row per position. */
    private final long[] outputShape;
    private final List<Layer> regularized;
    /** Keras's mask: computed from each batch's input when the first layer is Masking or Embedding(mask_zero). */
    private final MaskPlan masks;
    private Consumer<INDArray[]> forwardSink;
    /** The last layer's output adapter (see {@link LayerTranslator#outputAdapter}), or {@code null}. */
    private InputPreProcessor lastAdapter;
    /** Convolution → BatchNormalization (→ ReLU) layers computed in one pass by {@code predict}. */
    private List<InferenceFusion> fusions = List.of();

    /** Inference without DL4J's per-batch work, for networks of Dense layers (see {@link DenseInference}). */
    private dev.kerasj.internal.dl4j.layers.DenseInference denseInference;
    private boolean denseInferenceChecked;

    private Dl4jSequentialRuntime(List<Layer> layers, long[] outputShape, MultiLayerNetwork net) {
        this.layers = List.copyOf(layers);
        this.outputShape = outputShape.clone();
        this.net = net;
        this.regularized = Dl4jNetworks.regularized(layers);
        this.masks = MaskPlan.sequential(layers);
        TrainingListener listener = new BaseTrainingListener() {
            @Override
            public void onForwardPass(org.deeplearning4j.nn.api.Model model, List<INDArray> activations) {
                if (forwardSink != null) {
                    try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                        INDArray out = activations.get(activations.size() - 1);
                        if (lastAdapter != null) {
                            out = lastAdapter.preProcess(out, (int) out.size(0),
                                    org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
                        }
                        forwardSink.accept(new INDArray[] {toKeras(out)});
                    }
                }
            }
        };
        net.setListeners(listener);
    }

    /**
     * Builds the DL4J network for built kerasj {@code layers} on samples of {@code inputShape}; with no
     * optimizer the network can only predict. Weights are drawn by kerasj's initializers (Keras fans,
     * Keras layout) from {@code rng}.
     */
    public static Dl4jSequentialRuntime create(long[] inputShape, List<Layer> layers, Optimizer optimizer, Loss loss,
                                               SplittableRandom rng) {
        NeuralNetConfiguration.ListBuilder list = Dl4jNetworks.baseConfig(optimizer, rng != null ? rng.nextLong() : dev.kerasj.internal.KerasRandom.nextSeed()).list();
        int i = 0;
        boolean weightsBefore = false;
        long[] dl4jShape = inputShape;
        long[] kerasShape = inputShape;
        InputPreProcessor adapter = null;
        for (Layer layer : layers) {
            LayerTranslator<Layer> t = LayerTranslators.of(layer);
            list.layer(i, Dl4jNetworks.layerConf(layer, optimizer, weightsBefore));
            weightsBefore |= !layer.weightSpecs().isEmpty();
            InputPreProcessor pp = adapted(adapter, Dl4jNetworks.withReshape(dl4jShape, kerasShape, t.preProcessor(layer)));
            if (pp != null) {
                list.inputPreProcessor(i, pp);
            }
            adapter = t.outputAdapter(layer);
            dl4jShape = adapter != null ? layer.outputShape() : t.dl4jOutputShape(layer);
            kerasShape = layer.outputShape();
            i++;
        }
        list.layer(i, Dl4jNetworks.lossLayer(loss, 1.0, "kerasj_loss", kerasShape));
        InputPreProcessor last = adapted(adapter, Dl4jNetworks.lossPreProcessor(dl4jShape, kerasShape));
        if (last != null) {
            list.inputPreProcessor(i, last);
        }
        list.setInputType(Dl4jShapes.inputType(inputShape));
        list.overrideNinUponBuild(false); // every translator sets nIn (Embedding's is the vocabulary, not the input width)
        list.backpropType(BackpropType.Standard);
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new Dl4jTrainingNetworks.MultiLayer(conf);
        if (rng == null) {
            // weights come from a file: a zeroed parameter vector, so DL4J draws no initial values either
            long n = 0;
            for (org.deeplearning4j.nn.conf.NeuralNetConfiguration c : conf.getConfs()) {
                n += c.getLayer().initializer().numParams(c);
            }
            net.init(n == 0 ? null : org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, n), false);
        } else {
            net.init();
        }
        Dl4jSequentialRuntime rt = new Dl4jSequentialRuntime(layers, kerasShape, net);
        rt.fusions = fusions(layers, net);
        rt.lastAdapter = adapter;
        if (rng != null) { // null: the caller writes every weight next (a model file being loaded)
            Dl4jNetworks.drawInitialWeights(layers, rng, rt::setWeights);
        }
        return rt;
    }

    /** The inference fusions of consecutive layers convolution → BatchNormalization (→ ReLU). */
    private static List<InferenceFusion> fusions(List<Layer> layers, MultiLayerNetwork net) {
        List<InferenceFusion> fusions = new ArrayList<>();
        for (int i = 0; i + 1 < layers.size(); i++) {
            if (InferenceFusion.fusable(layers.get(i), layers.get(i + 1))) {
                boolean act = i + 2 < layers.size() && InferenceFusion.fusableActivation(layers.get(i + 2));
                InferenceFusion f = InferenceFusion.wire(net.getLayer(i), net.getLayer(i + 1), act ? net.getLayer(i + 2) : null);
                if (f != null) {
                    fusions.add(f);
                }
            }
        }
        return List.copyOf(fusions);
    }

    /** {@code adapter} then {@code next} (either may be null). */
    private static InputPreProcessor adapted(InputPreProcessor adapter, InputPreProcessor next) {
        if (adapter == null) {
            return next;
        }
        return next == null ? adapter
                : new org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor(adapter, next);
    }

    private dev.kerasj.internal.dl4j.layers.DenseInference denseInference() {
        if (!denseInferenceChecked) {
            denseInference = dev.kerasj.internal.dl4j.layers.DenseInference.of(net);
            denseInferenceChecked = true;
        }
        return denseInference;
    }

    private int indexOf(Layer layer) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == layer) {
                return i;
            }
        }
        throw new IllegalArgumentException("Layer '" + layer.name() + "' is not part of this model.");
    }

    /** The inference fusions {@code predict} switches on. */
    List<InferenceFusion> fusions() {
        return fusions;
    }

    @Override
    public INDArray[] predictInBatches(INDArray[] inputs, int batchSize) {
        if (masks.inputMasks(inputs) != null || denseInference() == null) {
            return null;
        }
        INDArray all = denseInference.outputInBatches(inputs[0], batchSize);
        return all == null ? null : new INDArray[] {toKeras(all)};
    }

    @Override
    public INDArray[] predict(INDArray[] inputs) {
        INDArray[] m = masks.inputMasks(inputs);
        if (m == null && denseInference() != null) {
            return new INDArray[] {toKeras(denseInference.output(inputs[0]))};
        }
        INDArray out;
        InferenceFusion.active(fusions, true);
        try {
            out = m == null ? net.output(inputs[0], false) : net.output(masks.masked(inputs, m)[0], false, m[0], null);
        } finally {
            InferenceFusion.active(fusions, false);
        }
        return new INDArray[] {toKeras(out)};
    }

    @Override
    public dev.kerasj.internal.runtime.GradientPass gradients(INDArray[] inputs,
                                                      java.util.function.Function<INDArray[], INDArray[]> seeds, Layer at) {
        Dl4jGradients.requireExplainable(layers, masks.inputMasks(inputs) != null);
        return Dl4jGradients.sequential(net, outputShape, inputs[0], seeds, at == null ? -1 : indexOf(at),
                at == null ? null : at.outputShape());
    }

    @Override
    public INDArray[] outputMasks(INDArray[] inputs) {
        INDArray[] m = masks.inputMasks(inputs);
        return m == null ? null : masks.outputMasks(m);
    }

    @Override
    public double fitBatch(INDArray[] inputs, INDArray[] labels, Consumer<INDArray[]> forwardOutputs) {
        forwardSink = forwardOutputs;
        try {
            INDArray[] m = masks.inputMasks(inputs);
            if (m == null) {
                net.fit(inputs[0], toRows(labels[0]));
            } else {
                INDArray[] out = masks.outputMasks(m);
                net.fit(masks.masked(inputs, m)[0], toRows(labels[0]), m[0], Dl4jMasks.rowsMask(out[0], outputShape));
            }
        } finally {
            forwardSink = null;
        }
        return net.score();
    }

    private INDArray toKeras(INDArray rows) {
        return Dl4jNetworks.toKeras(rows, outputShape);
    }

    private INDArray toRows(INDArray labels) {
        return Dl4jNetworks.toRows(labels, outputShape);
    }

    @Override
    public List<INDArray> getWeights(Layer layer) {
        int i = indexOf(layer);
        return LayerTranslators.of(layer).getWeights(layer, net.getLayer(i));
    }

    @Override
    public void setWeights(Layer layer, List<INDArray> weights) {
        int i = indexOf(layer);
        LayerTranslators.of(layer).setWeights(layer, net.getLayer(i), Dl4jNetworks.asFloat(weights));
    }

    @Override
    public double regularizationPenalty() {
        return Dl4jNetworks.regularizationPenalty(regularized, this::getWeights);
    }

    @Override
    public INDArray optimizerState() {
        return Dl4jNetworks.copyOfState(net.getUpdater() == null ? null : net.getUpdater().getStateViewArray());
    }

    @Override
    public long optimizerStateLength() {
        return Dl4jNetworks.stateLength(net.getUpdater() == null ? null : net.getUpdater().getStateViewArray());
    }

    @Override
    public void setOptimizerState(INDArray state) {
        Dl4jNetworks.restoreState(net.getUpdater() == null ? null : net.getUpdater().getStateViewArray(), state);
    }

    @Override
    public java.util.Map<Layer, List<INDArray>> optimizerSlot(int slot) {
        return Dl4jNetworks.slot((org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?>) net.getUpdater(), net.params(), slot,
                layers, this::getWeights);
    }

    @Override
    public void setOptimizerSlot(int slot, java.util.Map<Layer, List<INDArray>> values) {
        Dl4jNetworks.setSlot((org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?>) net.getUpdater(), net.params(), slot,
                values, this::setWeights);
    }

    @Override
    public long iterations() {
        return net.getIterationCount();
    }

    @Override
    public void setIterations(long iterations) {
        net.setIterationCount((int) iterations);
    }

    @Override
    public double learningRate() {
        Double lr = net.getLearningRate(0);
        for (int i = 0; lr == null && i < layers.size(); i++) {
            lr = net.getLearningRate(i);
        }
        return lr == null ? Double.NaN : lr;
    }

    @Override
    public void setLearningRate(double learningRate) {
        net.setLearningRate(learningRate);
    }

    @Override
    public void setSeed(long seed) {
        Nd4j.getRandom().setSeed(seed);
    }

    /** The DL4J network (for this package's tests and, through {@link Dl4jRuntimes}, DL4J's Spark training). */
    MultiLayerNetwork network() {
        return net;
    }

    /** The model's output sample shape (Keras's). */
    long[] outputShape() {
        return outputShape.clone();
    }
}
