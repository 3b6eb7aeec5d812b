package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.Reshapes;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collection;

/**
 * DL4J's {@link DenseLayer} configuration, instantiating a layer that trains with less work and the
 * same numbers:
 * <ul>
 *   <li>DL4J's dense backprop recomputes the pre-activation {@code z = x·W + b} (a second forward
 *       GEMM); this layer keeps {@code z} from the training forward pass instead (a copy of the
 *       {@code (batch, units)} array: the activation overwrites {@code z} in place);</li>
 *   <li>when no layer before it has parameters ({@code inputGradient == false}), the gradient with
 *       respect to its input is needed by nobody: the {@code (batch, units)·Wᵀ} GEMM is skipped and
 *       zeros are passed back (DL4J drops the first layer's input gradient in training).</li>
 * </ul>
 * Gradients of the weights and bias are bit-identical to DL4J's (the same GEMMs on the same arrays), except after a
 * softmax, whose Java passes ({@link SoftmaxPasses}) round differently from ND4J's op (within 1e-6).
 * Falls back to DL4J's own backprop with weight noise or layer normalization.
 */
public final class FastDenseLayer extends DenseLayer {
    private boolean inputGradient = true;

    /** For DL4J's reflection and cloning; use {@link #of}. */
    public FastDenseLayer() {
    }

    /** A copy of the built configuration {@code conf}, computing the input gradient only when asked. */
    public static FastDenseLayer of(DenseLayer conf, boolean inputGradient) {
        FastDenseLayer f = Common.copyFields(conf, new FastDenseLayer(), DenseLayer.class);
        f.inputGradient = inputGradient;
        return f;
    }

    public boolean inputGradient() {
        return inputGradient;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Common.instantiated(new Impl(conf, networkDataType, inputGradient), initializer(), conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof FastDenseLayer f && f.inputGradient == inputGradient;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(inputGradient);
    }

    /** The layer itself: DL4J's dense layer with the cached pre-activation and the optional input gradient. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer implements InputGradientSwitch {
        private boolean inputGradient;
        private INDArray cachedZ;
        private INDArray cachedFor;
        /** Whether {@link #cachedZ} holds the softmax output (the softmax passes) rather than the pre-activation. */
        private boolean cachedSoftmax;
        /** The bias gradient view of the last step, and its (1, units) row ({@link #biasRow}). */
        private INDArray biasRowOf;
        private INDArray biasRow;

        Impl(NeuralNetConfiguration conf, DataType dataType, boolean inputGradient) {
            super(conf, dataType);
            this.inputGradient = inputGradient;
        }

        @Override
        public boolean inputGradient() {
            return inputGradient;
        }

        @Override
        public void inputGradient(boolean on) {
            inputGradient = on;
        }

        private boolean fastPath() {
            return layerConf().getWeightNoise() == null && !hasLayerNorm() && Common.fastPaths();
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            cachedZ = null;
            cachedFor = null;
            cachedSoftmax = false;
            if (!training || !fastPath()) {
                return super.activate(training, workspaceMgr);
            }
            if (maskArray == null && ReluPasses.plain(layerConf()) && floats()) {
                // x·W, then one Java pass: + b, kept for backprop, ReLU (where ND4J runs broadcast, copy and ReLU)
                assertInputSet(false);
                INDArray z = product(true, workspaceMgr);
                cachedZ = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, z.shape(), 'c');
                cachedFor = input;
                ReluPasses.forward(z, hasBias() ? DenseFloats.read(getParam(DefaultParamInitializer.BIAS_KEY)) : null,
                        cachedZ, (int) z.size(0), (int) z.size(1));
                return z;
            }
            if (maskArray == null && SoftmaxPasses.plain(layerConf()) && floats()) {
                // x·W, then one Java pass per block of rows: + b, softmax, kept for backprop
                assertInputSet(false);
                INDArray z = product(true, workspaceMgr);
                cachedZ = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, z.shape(), 'c');
                cachedFor = input;
                cachedSoftmax = true;
                SoftmaxPasses.forward(z, hasBias() ? DenseFloats.read(getParam(DefaultParamInitializer.BIAS_KEY)) : null,
                        cachedZ, (int) z.size(0), (int) z.size(1));
                return z;
            }
            INDArray z = preOutput(true, workspaceMgr);
            // the activations workspace lives until backprop has finished
            cachedZ = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
            cachedFor = input;
            INDArray ret = layerConf().getActivationFn().getActivation(z, true);
            if (maskArray != null) {
                applyMask(ret);
            }
            return ret;
        }

        /**
         * DL4J's {@code z = x·W + b}, with the product written by one GEMM straight into the result
         * ({@code mmuli} computes into a temporary of another layout and copies it over).
         */
        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                                LayerWorkspaceMgr workspaceMgr) {
            if (hasLayerNorm() || layerConf().getWeightNoise() != null || input == null || input.rank() != 2
                    || input.columns() != layerConf().getNIn()) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            }
            assertInputSet(forBackprop);
            INDArray z = product(training, workspaceMgr);
            if (hasBias()) {
                z.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
            }
            if (maskArray != null) {
                applyMask(z);
            }
            return new Pair<>(z, z);
        }

        /** {@code x·W} (input dropout applied) into a new ACTIVATIONS array, by one GEMM. */
        private INDArray product(boolean training, LayerWorkspaceMgr workspaceMgr) {
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray x = input.castTo(w.dataType());
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), x.size(0), w.size(1));
            DirectGemm.gemmShared(x, w, z, false, false);
            return z;
        }

        /** Float weights and input: the Java passes' arrays. */
        private boolean floats() {
            return dataType == DataType.FLOAT && getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() == DataType.FLOAT
                    && input != null && input.rank() == 2 && input.columns() == layerConf().getNIn();
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            INDArray z = cachedZ;
            boolean cached = z != null && cachedFor == input && fastPath();
            boolean softmax = cachedSoftmax;
            cachedZ = null;
            cachedFor = null;
            cachedSoftmax = false;
            if (!cached) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray delta;
            boolean biasDone = false;
            if (softmax) {
                delta = z;   // δ overwrites the kept softmax output
                INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
                SoftmaxPasses.backprop(z, epsilon, delta, (int) z.size(0), (int) z.size(1), biasRow(biasGrad));
                biasDone = true;
            } else if (maskArray == null && ReluPasses.plain(layerConf()) && z.dataType() == DataType.FLOAT) {
                delta = z;   // δ overwrites the kept pre-activation, as DL4J's relu_bp overwrites its input
                INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
                ReluPasses.backprop(z, epsilon, delta, (int) z.size(0), (int) z.size(1), biasRow(biasGrad));
                biasDone = true;
            } else {
                delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            }
            if (maskArray != null) {
                applyMask(delta);
            }
            Gradient ret = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                if (!biasDone) {
                    sumRows(delta, biasGrad);
                }
                ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray epsilonNext;
            if (inputGradient) {
                // δ·Wᵀ by one GEMM straight into a row-major result (w.mmuli(δᵀ) made a temporary and copied it)
                epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                        new long[] {delta.size(0), w.size(0)}, 'c');
                DirectGemm.gemmShared(delta, w, epsilonNext, false, true);
            } else {
                epsilonNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, delta.dataType(), input.shape().clone(), 'c');
            }
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            DirectGemm.gemmShared(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false);
            ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            weightNoiseParams.clear();
            epsilonNext = backpropDropOutIfPresent(epsilonNext);
            return new Pair<>(ret, epsilonNext);
        }

        /**
         * {@code biasGrad = Σ_rows δ}: for floats one matrix-vector product ({@link ReluPasses#columnSums}), as the
         * ReLU and softmax passes sum theirs, rather than ND4J's reduction op.
         */
        private void sumRows(INDArray delta, INDArray biasGrad) {
            if (delta.rank() == 2 && delta.dataType() == DataType.FLOAT && biasGrad.dataType() == DataType.FLOAT) {
                ReluPasses.columnSums(delta, (int) delta.size(0), (int) delta.size(1), biasRow(biasGrad));
            } else {
                delta.sum(biasGrad, 0);
            }
        }

        /** The bias gradient as the {@code (1, units)} row the passes sum into (null without a bias); kept for the next step. */
        private INDArray biasRow(INDArray biasGrad) {
            if (biasGrad == null || biasGrad.rank() == 2 && biasGrad.size(0) == 1) {
                return biasGrad;
            }
            if (biasGrad != biasRowOf) {
                biasRowOf = biasGrad;
                biasRow = Reshapes.rowMajor(biasGrad, 1, biasGrad.length());
            }
            return biasRow;
        }

        @Override
        public void clear() {
            super.clear();
            cachedZ = null;
            cachedFor = null;
            cachedSoftmax = false;
        }
    }
}
