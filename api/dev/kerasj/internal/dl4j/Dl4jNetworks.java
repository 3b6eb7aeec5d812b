package dev.kerasj.internal.dl4j;

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
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the DL4J runtimes ({@code MultiLayerNetwork} for Sequential, {@code ComputationGraph} for
 * functional models) share: the network-wide settings written explicitly, the Keras loss layer closing
 * each output, the initial weights drawn by kerasj's initializers, and the regularization penalty.
 */
final class Dl4jNetworks {
    private Dl4jNetworks() {
    }

    /**
     * Network-wide settings, none left to DL4J's defaults: float32, the optimizer's updater (a no-op
     * without one), identity activation, no dropout or weight noise, plain SGD-style minimisation,
     * truncate convolution mode, workspaces on, no cache.
     */
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
     * pixels); DL4J's sequence and image loss layers apply the loss per position and divide by the batch
     * size only, so their loss is also scaled by 1 / positions.
     */
    static org.deeplearning4j.nn.conf.layers.Layer lossLayer(Loss loss, double weight, long[] outputShape, String name) {
        Loss l = loss == null ? new MeanSquaredError() : loss;
        return switch (outputShape.length) {
            case 1 -> new LossLayer.Builder(new KerasLossFunction(l, weight))
                    .activation(new ActivationIdentity())
                    .name(name)
                    .dropOut(null)
                    .build();
            case 2 -> new RnnLossLayer.Builder(new KerasLossFunction(l, weight / outputShape[0]))
                    .activation(new ActivationIdentity())
                    .dataFormat(RNNFormat.NWC)
                    .name(name)
                    .dropOut(null)
                    .build();
            case 3 -> new CnnLossLayer.Builder(new KerasLossFunction(l, weight / (outputShape[0] * outputShape[1])))
                    .activation(new ActivationIdentity())
                    .format(CNN2DFormat.NHWC)
                    .name(name)
                    .dropOut(null)
                    .build();
            default -> throw new IllegalArgumentException("The model's output " + Shapes.withBatch(outputShape) + " has rank "
                    + (outputShape.length + 1) + "; outputs of rank 2 to 4 (with the batch axis) are supported.");
        };
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
}
