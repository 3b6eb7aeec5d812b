package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.dl4j.layers.ReshapePreProcessor;
import dev.kerasj.internal.Shapes;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.WeightSpec;
import dev.kerasj.losses.Loss;
import dev.kerasj.losses.MeanSquaredError;
import dev.kerasj.optimizers.Optimizer;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import dev.kerasj.internal.dl4j.layers.LayerTranslators;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the DL4J runtimes ({@code MultiLayerNetwork} for Sequential, {@code ComputationGraph} for
 * functional models) share: the network-wide settings written explicitly, the Keras loss layer closing
 * each output (with the reshapes between DL4J's and Keras's layouts), the initial weights drawn by
 * kerasj's initializers, and the regularization penalty.
 */
final class Dl4jNetworks {
    private Dl4jNetworks() {
    }

    /**
     * Network-wide settings, none left to DL4J's defaults: float32, the optimizer's updater (a no-op
     * without one), identity activation, no dropout or weight noise, plain SGD-style minimisation,
     * truncate convolution mode, workspaces on, no cache.
     */
    /**
     * A layer's DL4J configuration as both runtimes use it: the optimizer's clipnorm/clipvalue applied, and
     * a frozen layer with weights wrapped in DL4J's {@link FrozenLayerWithBackprop}: its parameter
     * gradients are zero (so its weights stay bit-identical, whatever the updater and regularizers), it
     * still passes gradients to the layers below, and it computes in inference mode, as Keras runs a
     * frozen BatchNormalization (whose translator emits a layer that can back-propagate from that mode).
     * (A NoOp updater alone is not enough: DL4J then subtracts the raw gradient.)
     */
    static org.deeplearning4j.nn.conf.layers.Layer layerConf(Layer layer, Optimizer optimizer) {
        return layerConf(layer, optimizer, true);
    }

    /**
     * As {@link #layerConf(Layer, Optimizer)}; a plain dense layer runs as {@link FastDenseLayer} (the
     * same numbers with less work), which, like the translators' {@code FastConv2DLayer}, skips the input
     * gradient when {@code inputGradient} is false (no layer below has weights: nobody reads it).
     */
    static org.deeplearning4j.nn.conf.layers.Layer layerConf(Layer layer, Optimizer optimizer, boolean inputGradient) {
        org.deeplearning4j.nn.conf.layers.Layer conf = LayerTranslators.of(layer).toDl4j(layer);
        if (conf.getClass() == org.deeplearning4j.nn.conf.layers.DenseLayer.class) {
            conf = dev.kerasj.internal.dl4j.layers.FastDenseLayer.of((org.deeplearning4j.nn.conf.layers.DenseLayer) conf,
                    inputGradient);
        } else if (conf instanceof dev.kerasj.internal.dl4j.layers.FastConv2DLayer c && !inputGradient) {
            conf = dev.kerasj.internal.dl4j.layers.FastConv2DLayer.of(c, false);
        }
        conf = Dl4jOptimizers.applyClipping(conf, optimizer);
        if (layer.trainable() || layer.weightSpecs().isEmpty()) {
            return conf;
        }
        return new FrozenLayerWithBackprop(conf);
    }

    static NeuralNetConfiguration.Builder baseConfig(Optimizer optimizer, long seed) {
        IUpdater updater = optimizer == null ? new NoOp() : Dl4jOptimizers.toUpdater(optimizer);
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .activation(new ActivationIdentity())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0.0)
                .dropOut(null)
                .weightNoise(null)
                .miniBatch(true)
                .minimize(true)
                .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
                .gradientNormalization(GradientNormalization.None)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE);
    }

    /**
     * The parameter-free layer closing one output: {@code weight × loss} (Keras's {@code loss_weights}
     * entry; mean squared error stands in while the model is not compiled, when it only predicts). Keras
     * computes the loss over the last axis and takes the mean over every other one (batch, steps,
     * pixels); a sequence or image output reaches the {@link LossLayer} as one row per position
     * ({@link #lossPreProcessor}), and DL4J averages the score and the gradients over those rows
     * (batch · positions): Keras's reduction. {@code outputShape} is the Keras output it closes: its
     * last axis is the width of those rows, set as the layer's nIn and nOut (DL4J's builder leaves nOut 0,
     * and every network build then logged "Assigning a size of zero").
     */
    static LossLayer lossLayer(Loss loss, double weight, String name, long[] outputShape) {
        LossLayer layer = new LossLayer.Builder(new KerasLossFunction(loss == null ? new MeanSquaredError() : loss, weight))
                .activation(new ActivationIdentity())
                .name(name)
                .dropOut(null)
                .build();
        long width = outputShape[outputShape.length - 1];
        layer.setNIn(width);
        layer.setNOut(width);
        return layer;
    }

    /**
     * The preprocessor in front of the loss layer: the DL4J output ({@code dl4jShape}) reshaped to Keras's
     * ({@code kerasShape}) when they differ, then one row per position for sequence and image outputs.
     */
    static InputPreProcessor lossPreProcessor(long[] dl4jShape, long[] kerasShape) {
        return withReshape(dl4jShape, kerasShape, kerasShape.length > 1 ? new PositionsPreProcessor(kerasShape) : null);
    }

    /**
     * The preprocessor of a layer whose predecessor's DL4J output ({@code dl4jShape}) differs from its
     * Keras shape by unit axes: a row-major reshape to the Keras shape, merged with the layer's own.
     */
    static InputPreProcessor withReshape(long[] dl4jShape, long[] kerasShape, InputPreProcessor own) {
        if (Arrays.equals(dl4jShape, kerasShape)) {
            return own;
        }
        if (own == null) {
            return new ReshapePreProcessor(dl4jShape, kerasShape);
        }
        if (own instanceof ReshapePreProcessor r) {
            return new ReshapePreProcessor(dl4jShape, r.getTo());
        }
        return new ComposableInputPreProcessor(new ReshapePreProcessor(dl4jShape, kerasShape), own);
    }

    /** DL4J's rows {@code (batch·positions, k)} → Keras's {@code (batch, …outputShape)}. */
    static INDArray toKeras(INDArray rows, long[] outputShape) {
        if (outputShape.length == 1 || rows.rank() == outputShape.length + 1) {
            return rows; // training's forward pass reports the last layer's (Keras-shaped) activation
        }
        if (rows.rank() > 2) {
            // the last layer's activation in DL4J's shape (a 1-D layer run as a 2-D one: (batch, steps, 1, C))
            return rows.reshape('c', Shapes.prepend(rows.size(0), outputShape));
        }
        return rows.reshape('c', Shapes.prepend(rows.size(0) / PositionsPreProcessor.positions(outputShape), outputShape));
    }

    /** Labels {@code (batch, …)} of a sequence or image output → one row per position. */
    static INDArray toRows(INDArray labels, long[] outputShape) {
        if (outputShape.length == 1) {
            return labels;
        }
        long rows = labels.size(0) * PositionsPreProcessor.positions(outputShape);
        INDArray c = labels.ordering() == 'c' ? labels : labels.dup('c');
        return c.reshape('c', rows, labels.length() / rows);
    }

    /** Draws every layer's initial weights with its kerasj initializers (Keras fans and layout) and writes them. */
    static void drawInitialWeights(List<Layer> layers, SplittableRandom rng, BiConsumer<Layer, List<INDArray>> setter) {
        for (Layer layer : layers) {
            if (!layer.weightSpecs().isEmpty()) {
                List<INDArray> init = new ArrayList<>();
                for (WeightSpec w : layer.weightSpecs()) {
                    init.add(w.initializer().generate(w.shape(), rng));
                }
                setter.accept(layer, init);
            }
        }
    }

    /** The weights as float32, DL4J's parameter type. */
    static List<INDArray> asFloat(List<INDArray> weights) {
        List<INDArray> cast = new ArrayList<>();
        for (INDArray w : weights) {
            cast.add(w.dataType() == DataType.FLOAT ? w : w.castTo(DataType.FLOAT));
        }
        return cast;
    }

    /** The layers that carry at least one regularizer. */
    static List<Layer> regularized(List<Layer> layers) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            for (WeightSpec w : l.weightSpecs()) {
                if (w.regularizer() != null) {
                    out.add(l);
                    break;
                }
            }
        }
        return out;
    }

    /** Σ of every regularizer's penalty (Keras scale) at the current weights. */
    static double regularizationPenalty(List<Layer> regularized, Function<Layer, List<INDArray>> weights) {
        double p = 0;
        for (Layer l : regularized) {
            List<INDArray> w = weights.apply(l);
            List<WeightSpec> specs = l.weightSpecs();
            for (int k = 0; k < specs.size(); k++) {
                if (specs.get(k).regularizer() != null) {
                    p += specs.get(k).regularizer().penalty(w.get(k));
                }
            }
        }
        return p;
    }

    /** A copy of an updater's flat state view (empty when there is none). */
    static INDArray copyOfState(INDArray view) {
        return view == null ? org.nd4j.linalg.factory.Nd4j.empty(org.nd4j.linalg.api.buffer.DataType.FLOAT) : view.dup();
    }

    /** The number of values in an updater's state view (0 when there is none). */
    static long stateLength(INDArray view) {
        return view == null ? 0 : view.length();
    }

    /** Writes saved optimizer state into an updater's view; a state of another length is refused with the reason. */
    static void restoreState(INDArray view, INDArray state) {
        if (view == null || state == null || state.isEmpty()) {
            return;
        }
        if (view.length() != state.length()) {
            throw new IllegalArgumentException("Optimizer state of length " + state.length() + " does not fit this model's "
                    + "optimizer (length " + view.length() + "); was it saved with another optimizer?");
        }
        view.assign(state.reshape(view.shape()));
    }

    /**
     * The optimizer slot {@code slot} seen through the layers: DL4J keeps each updater block's state as
     * {@code [slot 0 | slot 1 | …]} aligned with the block's parameter range; the slot is written into the
     * parameter vector (saved first, restored after), so each translator reads it in Keras's layout exactly as it
     * reads the weights.
     */
    static java.util.Map<Layer, List<INDArray>> slot(org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?> updater,
            INDArray params, int slot, List<Layer> layers, java.util.function.Function<Layer, List<INDArray>> get) {
        INDArray flat = params.reshape(params.length());
        INDArray saved = flat.dup();
        try {
            flat.assign(0);
            java.util.Set<Layer> updated = new java.util.LinkedHashSet<>();
            for (org.deeplearning4j.nn.updater.UpdaterBlock b : updater.getUpdaterBlocks()) {
                INDArray block = slotOf(b, slot);
                if (block != null) {
                    flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b.getParamOffsetStart(), b.getParamOffsetEnd()))
                            .assign(block);
                }
            }
            java.util.Map<Layer, List<INDArray>> out = new java.util.LinkedHashMap<>();
            for (Layer l : layers) {
                if (!l.weightSpecs().isEmpty() && l.trainable()) {
                    List<INDArray> copies = new ArrayList<>();
                    for (INDArray w : get.apply(l)) {
                        copies.add(w.dup());
                    }
                    out.put(l, copies);
                }
            }
            return out;
        } finally {
            flat.assign(saved);
        }
    }

    /** Writes slot {@code slot} from arrays in Keras's layout, through the parameter vector as {@link #slot}. */
    static void setSlot(org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?> updater, INDArray params, int slot,
            java.util.Map<Layer, List<INDArray>> values, BiConsumer<Layer, List<INDArray>> set) {
        INDArray flat = params.reshape(params.length());
        INDArray saved = flat.dup();
        try {
            flat.assign(0);
            for (java.util.Map.Entry<Layer, List<INDArray>> e : values.entrySet()) {
                set.accept(e.getKey(), e.getValue());
            }
            for (org.deeplearning4j.nn.updater.UpdaterBlock b : updater.getUpdaterBlocks()) {
                INDArray block = slotOf(b, slot);
                if (block != null) {
                    block.assign(flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b.getParamOffsetStart(),
                            b.getParamOffsetEnd())));
                }
            }
        } finally {
            flat.assign(saved);
        }
    }

    /** A block's slot as a flat view of its state, or null (no state: a frozen layer, an optimizer without slots). */
    private static INDArray slotOf(org.deeplearning4j.nn.updater.UpdaterBlock b, int slot) {
        INDArray view = b.getUpdaterView();
        long len = b.getParamOffsetEnd() - b.getParamOffsetStart();
        if (view == null || len <= 0 || view.length() < (slot + 1) * len) {
            return null;
        }
        return view.reshape(view.length()).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(slot * len, (slot + 1) * len));
    }
}
