package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Collection;

/**
 * DL4J's LSTM, SimpleRnn and TimeDistributed with Keras's mask semantics (see {@code MaskPlan}):
 * <ul>
 *   <li>the recurrent layers take the mask that reaches them (DL4J's LSTM ignores a propagated feature
 *       mask unless wrapped), zero their state at masked steps (which, for padding at the start or the
 *       end, is Keras's carry-over), and, as Keras's sequences, repeat the last unmasked step's output at
 *       the trailing masked steps ({@code carryOutput}; off inside Bidirectional, where Keras outputs
 *       zeros there). The gradient at those repeated steps is zero in every model the plan allows
 *       (they are masked for every consumer), so backprop is DL4J's;</li>
 *   <li>TimeDistributed computes every step (Keras's Dense ignores the mask) and passes the mask on
 *       (DL4J's reshapes it for NCW and would zero the wrong rows of NWC sequences);</li>
 *   <li>the dropout layers (Dropout, GaussianNoise) and Activation compute every step and pass the mask on
 *       (DL4J's dropout layer multiplies 3-D activations by the {@code (batch, T)} mask as a column and fails);</li>
 *   <li>a masking Embedding looks up every step, id 0 included ({@code embeddings[0]}, as Keras), and
 *       passes the mask on (DL4J's zeroes the masked steps).</li>
 * </ul>
 * Without a mask all of them are DL4J's layers unchanged, except the LSTM, whose passes run in
 * kerasj's {@link LstmKernel} where it can (see {@link Lstm.Impl}), masked or not.
 */
public final class MaskAwareLayers {
    private MaskAwareLayers() {
    }

    /** {@code out}, its trailing masked steps repeating the last unmasked output when {@code carry}. */
    static INDArray carried(INDArray out, INDArray mask, boolean carry) {
        if (carry && mask != null && out.rank() == 3) {
            carryLastOutput(out, mask);
        }
        return out;
    }

    /** Repeats each sample's last unmasked output over its trailing masked steps (NWC {@code (b, T, u)}). */
    static void carryLastOutput(INDArray out, INDArray mask) {
        float[][] m = mask.castTo(DataType.FLOAT).toFloatMatrix();
        for (int s = 0; s < m.length; s++) {
            int last = m[s].length - 1;
            while (last >= 0 && m[s][last] == 0) {
                last--;
            }
            if (last < 0 || last == m[s].length - 1) {
                continue;
            }
            INDArray from = out.get(NDArrayIndex.point(s), NDArrayIndex.point(last), NDArrayIndex.all());
            for (int t = last + 1; t < m[s].length; t++) {
                out.get(NDArrayIndex.point(s), NDArrayIndex.point(t), NDArrayIndex.all()).assign(from);
            }
        }
    }

    /** DL4J's LSTM configuration whose layer takes the propagated mask. */
    public static final class Lstm extends org.deeplearning4j.nn.conf.layers.LSTM {
        private boolean carryOutput = true;

        /** For DL4J's reflection and cloning; use {@link #of}. */
        public Lstm() {
        }

        static Lstm of(org.deeplearning4j.nn.conf.layers.LSTM conf) {
            return Common.copyFields(conf, new Lstm(), org.deeplearning4j.nn.conf.layers.LSTM.class);
        }

        public boolean isCarryOutput() {
            return carryOutput;
        }

        public void setCarryOutput(boolean carryOutput) {
            this.carryOutput = carryOutput;
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            return Common.instantiated(new Impl(conf, dataType, carryOutput), initializer(), conf, listeners, layerIndex, paramsView,
                    initializeParams);
        }

        /**
         * DL4J's LSTM layer whose forward and backward passes run in {@link LstmKernel} when they can
         * (float network on the CPU, NWC, tanh and sigmoid, no weight noise; a propagated mask carries
         * the state over masked steps, which equals DL4J's reset-and-carry for the padding the mask plan
         * allows); otherwise DL4J's own code, taking the propagated mask. Input dropout is applied as
         * DL4J's LSTM applies it (to the NCW view: SpatialDropout keeps one mask per sequence), and, unlike
         * DL4J's NWC backprop (which recomputes the forward pass from the undropped input), the weight
         * gradients use the dropped input the forward pass saw.
         */
        static final class Impl extends org.deeplearning4j.nn.layers.recurrent.LSTM {
            private final boolean carryOutput;
            private final LstmKernel kernel = new LstmKernel();
            private INDArray keptFor;
            /** The input the kept forward pass used: {@code keptFor} itself, or its dropped copy. */
            private INDArray keptInput;

            Impl(NeuralNetConfiguration conf, DataType dataType, boolean carryOutput) {
                super(conf, dataType);
                this.carryOutput = carryOutput;
            }

            private boolean fastPath() {
                org.deeplearning4j.nn.conf.layers.LSTM c = layerConf();
                return dataType == DataType.FLOAT && maskFits() && c.getWeightNoise() == null && c.getRnnDataFormat() == RNNFormat.NWC
                        && c.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationTanH
                        && c.getGateActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationSigmoid
                        && input != null && input.rank() == 3 && input.size(2) == c.getNIn() && input.size(1) > 0
                        && input.size(0) > 0 && Common.fastPaths()
                        && LstmKernel.fits(input.size(0), input.size(1), c.getNOut());
            }

            /** No mask, or DL4J's {@code (batch, T)} sequence mask. */
            private boolean maskFits() {
                return maskArray == null || input != null && maskArray.rank() == 2 && input.rank() == 3
                        && maskArray.size(0) == input.size(0) && maskArray.size(1) == input.size(1);
            }

            private INDArray fastForward(boolean training, LayerWorkspaceMgr workspaceMgr, ArrayType outType) {
                assertInputSet(false);
                INDArray x = input;
                if (training && layerConf().getIDropout() != null) {
                    INDArray original = input;
                    input = original.permute(0, 2, 1);   // DL4J's LSTM drops its NCW input
                    applyDropOutIfNecessary(true, workspaceMgr);
                    x = input.permute(0, 2, 1);
                    input = original;
                }
                INDArray out = kernel.forward(x, getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY),
                        getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY), getParam(LSTMParamInitializer.BIAS_KEY),
                        maskArray == null ? null : DenseFloats.read(maskArray), !carryOutput, training, workspaceMgr, outType,
                        outType == ArrayType.BP_WORKING_MEM ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM);
                keptFor = training ? input : null;
                keptInput = training ? x : null;
                return out;
            }

            @Override
            public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                                  int minibatchSize) {
                setMaskArray(maskArray);
                return super.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
            }

            @Override
            public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
                keptFor = null;
                kernel.forget();
                if (fastPath()) {
                    return fastForward(training, workspaceMgr, ArrayType.ACTIVATIONS);
                }
                return carried(super.activate(training, workspaceMgr), maskArray, carryOutput);
            }

            @Override
            public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
                setInput(input, workspaceMgr);
                return activate(training, workspaceMgr);
            }

            @Override
            public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
                boolean kept = keptFor != null && keptFor == input && kernel.keptFor(input.size(0), input.size(1));
                keptFor = null;
                if (!fastPath()) {
                    kernel.forget();
                    return super.backpropGradient(epsilon, workspaceMgr);
                }
                assertInputSet(true);
                if (!kept) {
                    fastForward(true, workspaceMgr, ArrayType.BP_WORKING_MEM);
                }
                INDArray eps = epsilon.dataType() == DataType.FLOAT ? epsilon : epsilon.castTo(DataType.FLOAT);
                Pair<Gradient, INDArray> p = kernel.backward(eps, keptInput,
                        getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY), gradientViews, workspaceMgr);
                keptInput = null;
                backpropDropOutIfPresent(p.getSecond().permute(0, 2, 1));   // in place, through the NCW view
                weightNoiseParams.clear();
                return p;
            }

            @Override
            public void clear() {
                super.clear();
                keptFor = null;
                keptInput = null;
                kernel.forget();
            }

        }
    }

    /** DL4J's SimpleRnn configuration repeating the last unmasked output, as Keras. */
    public static final class SimpleRnn extends org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn {
        private boolean carryOutput = true;

        /** For DL4J's reflection and cloning; use {@link #of}. */
        public SimpleRnn() {
            super(new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder());
        }

        static SimpleRnn of(org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn conf) {
            return Common.copyFields(conf, new SimpleRnn(), org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.class);
        }

        public boolean isCarryOutput() {
            return carryOutput;
        }

        public void setCarryOutput(boolean carryOutput) {
            this.carryOutput = carryOutput;
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            return Common.instantiated(new Impl(conf, dataType, carryOutput), initializer(), conf, listeners, layerIndex, paramsView,
                    initializeParams);
        }

        static final class Impl extends org.deeplearning4j.nn.layers.recurrent.SimpleRnn {
            private final boolean carryOutput;

            Impl(NeuralNetConfiguration conf, DataType dataType, boolean carryOutput) {
                super(conf, dataType);
                this.carryOutput = carryOutput;
            }

            @Override
            public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
                return carried(super.activate(training, workspaceMgr), maskArray, carryOutput);
            }

            @Override
            public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
                return carried(super.activate(input, training, workspaceMgr), maskArray, carryOutput);
            }

        }
    }

    /** DL4J's TimeDistributed (NWC) computing every step and passing the mask on unchanged. */
    public static final class TimeDistributed extends org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed {
        public TimeDistributed(org.deeplearning4j.nn.conf.layers.Layer underlying) {
            super(underlying, RNNFormat.NWC);
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            NeuralNetConfiguration inner = conf.clone();
            inner.setLayer(((org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed) inner.getLayer()).getUnderlying());
            return new Impl(getUnderlying().instantiate(inner, listeners, layerIndex, paramsView, initializeParams,
                    dataType));
        }

        static final class Impl extends org.deeplearning4j.nn.layers.recurrent.TimeDistributedLayer {
            Impl(Layer underlying) {
                super(underlying, RNNFormat.NWC);
            }

            @Override
            public void setMaskArray(INDArray maskArray) {
                super.setMaskArray(null);
            }

            @Override
            public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                                  int minibatchSize) {
                super.feedForwardMaskArray(null, currentMaskState, minibatchSize);
                return new Pair<>(maskArray, currentMaskState);
            }
        }
    }

    /** DL4J's DropoutLayer configuration (Dropout, GaussianNoise) whose layer passes the mask on untouched. */
    public static final class Dropout extends org.deeplearning4j.nn.conf.layers.DropoutLayer {
        /** For DL4J's reflection and cloning; use {@link #of}. */
        public Dropout() {
            super((org.deeplearning4j.nn.conf.dropout.IDropout) null);
        }

        static Dropout of(org.deeplearning4j.nn.conf.layers.DropoutLayer conf) {
            return Common.copyFields(conf, new Dropout(), org.deeplearning4j.nn.conf.layers.DropoutLayer.class);
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            return Common.instantiated(new Impl(conf, dataType), initializer(), conf, listeners, layerIndex, paramsView,
                    initializeParams);
        }

        static final class Impl extends org.deeplearning4j.nn.layers.DropoutLayer {
            Impl(NeuralNetConfiguration conf, DataType dataType) {
                super(conf, dataType);
            }

            /** Inference: a copy in the activations workspace (DL4J's returns its input, which fails
             *  DL4J's workspace validation after another pass-through layer). */
            @Override
            public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
                if (!training) {
                    assertInputSet(false);
                    return workspaceMgr.dup(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATIONS, input);
                }
                return super.activate(true, workspaceMgr);
            }

            @Override
            public void setMaskArray(INDArray maskArray) {
                super.setMaskArray(null);
            }

            @Override
            public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                                  int minibatchSize) {
                return new Pair<>(maskArray, currentMaskState);
            }
        }
    }

    /** DL4J's ActivationLayer configuration whose layer passes the mask on untouched. */
    public static final class Activation extends org.deeplearning4j.nn.conf.layers.ActivationLayer {
        /** For DL4J's reflection and cloning; use {@link #of}. */
        public Activation() {
            super(new org.nd4j.linalg.activations.impl.ActivationIdentity());
        }

        static Activation of(org.deeplearning4j.nn.conf.layers.ActivationLayer conf) {
            return Common.copyFields(conf, new Activation(), org.deeplearning4j.nn.conf.layers.ActivationLayer.class);
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            return Common.instantiated(new Impl(conf, dataType), initializer(), conf, listeners, layerIndex, paramsView,
                    initializeParams);
        }

        static final class Impl extends org.deeplearning4j.nn.layers.ActivationLayer implements InferenceFusion.Absorbed {
            private InferenceFusion fusion;

            Impl(NeuralNetConfiguration conf, DataType dataType) {
                super(conf, dataType);
            }

            @Override
            public void absorbedBy(InferenceFusion f) {
                fusion = f;
            }

            private boolean identity() {
                return layerConf().getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationIdentity;
            }

            /**
             * Inference: computed on a copy in the activations workspace (see {@link Dropout.Impl}). Training
             * through the identity (Flatten, Reshape, Masking, Activation("linear")): the input itself when it
             * is already in a workspace, where DL4J's layer copies it.
             */
            @Override
            public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
                if (fusion != null && fusion.passesThrough(training)) {
                    assertInputSet(false);
                    return InferenceFusion.passedOn(input, workspaceMgr);   // a fused convolution applied it
                }
                if (!training) {
                    assertInputSet(false);
                    INDArray in = workspaceMgr.dup(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATIONS, input);
                    return layerConf().getActivationFn().getActivation(in, false);
                }
                if (identity()) {
                    assertInputSet(false);
                    // a model input (the user's array, e.g. under Masking) is copied in, as DL4J does
                    return input.isAttached()
                            ? workspaceMgr.leverageTo(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATIONS, input)
                            : workspaceMgr.dup(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATIONS, input);
                }
                return super.activate(true, workspaceMgr);
            }

            /** Through the identity the gradient passes unchanged (DL4J's layer copies the input and the gradient). */
            @Override
            public Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> backpropGradient(INDArray epsilon,
                                                                                            LayerWorkspaceMgr workspaceMgr) {
                if (!identity() || layerConf().getIDropout() != null) {
                    return super.backpropGradient(epsilon, workspaceMgr);
                }
                assertInputSet(true);
                return new Pair<>(new org.deeplearning4j.nn.gradient.DefaultGradient(),
                        workspaceMgr.leverageTo(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATION_GRAD, epsilon));
            }

            @Override
            public void setMaskArray(INDArray maskArray) {
                super.setMaskArray(null);
            }

            @Override
            public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                                  int minibatchSize) {
                return new Pair<>(maskArray, currentMaskState);
            }
        }
    }

    /** A wrapper whose layer runs the wrapped one without the mask and passes the mask on unchanged. */
    public static final class MaskPassing extends org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer {
        /** For DL4J's reflection and cloning. */
        public MaskPassing() {
        }

        public MaskPassing(org.deeplearning4j.nn.conf.layers.Layer underlying) {
            super(underlying);
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            NeuralNetConfiguration inner = conf.clone();
            inner.setLayer(((MaskPassing) inner.getLayer()).getUnderlying());
            return new Impl(underlying.instantiate(inner, listeners, layerIndex, paramsView, initializeParams, dataType));
        }

        static final class Impl extends org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer {
            Impl(Layer underlying) {
                super(underlying);
            }

            @Override
            public void setMaskArray(INDArray maskArray) {
                underlying.setMaskArray(null);
            }

            @Override
            public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                                  int minibatchSize) {
                underlying.feedForwardMaskArray(null, null, minibatchSize);
                return new Pair<>(maskArray, currentMaskState);
            }
        }
    }
}
