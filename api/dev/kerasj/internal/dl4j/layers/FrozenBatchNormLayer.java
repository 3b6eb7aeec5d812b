package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Collection;

/**
 * DL4J's {@link BatchNormalization} configuration (same parameters, names and layout: gamma, beta,
 * mean, var, each {@code (1, C)}), instantiating a layer that always computes in inference mode, as Keras
 * runs a frozen ({@code trainable=false}) BatchNormalization even inside {@code fit}:
 * <pre>
 *   scale = gamma / sqrt(moving_variance + epsilon),   shift = beta − moving_mean · scale
 *   y = x · scale + shift                              (per channel: the last axis, NHWC)
 *   dL/dx = dL/dy · scale,   no parameter gradient, moving statistics untouched
 * </pre>
 * (the scale/shift form is how TensorFlow evaluates {@code tf.nn.batch_normalization}). With
 * {@code lockGammaBeta} (Keras {@code center = scale = false}) gamma and beta are the configuration's
 * constants. The runtimes wrap it in DL4J's {@code FrozenLayerWithBackprop} like every frozen layer (no
 * updater, no regularization). DL4J's own layer cannot be used there: its backprop after an
 * inference-mode forward pass reads arrays from a closed workspace and crashes in native code.
 */
public final class FrozenBatchNormLayer extends BatchNormalization {
    /** For DL4J's reflection and cloning; use {@link #of}. */
    public FrozenBatchNormLayer() {
    }

    /** A copy of the built configuration {@code conf}. */
    public static FrozenBatchNormLayer of(BatchNormalization conf) {
        return Common.copyFields(conf, new FrozenBatchNormLayer(), BatchNormalization.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Common.instantiated(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof FrozenBatchNormLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    /** The layer itself: the inference formula forward, {@code dL/dy · scale} backward, zero parameter gradients. */
    static final class Impl extends org.deeplearning4j.nn.layers.BaseLayer<BatchNormalization>
            implements InferenceFusion.Absorbed {
        private InferenceFusion fusion;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public void absorbedBy(InferenceFusion f) {
            fusion = f;
        }

        /** The channel axis of a DL4J input: 1 for {@code (batch, C)}, 3 for NHWC, 1 for NCHW. */
        private int channelAxis(INDArray x) {
            return x.rank() == 4 && layerConf().getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
        }

        /** {@code gamma / sqrt(moving_variance + epsilon)}, shape {@code (C)}. */
        private INDArray scale() {
            return Nd4j.createFromArray(InferenceFusion.scale(this)).castTo(dataType);
        }

        private INDArray checkedInput() {
            assertInputSet(false);
            INDArray x = input.castTo(dataType);
            if (x.rank() != 2 && x.rank() != 4) {
                throw new IllegalStateException("BatchNormalization input of rank " + x.rank() + " is not supported "
                        + layerId());
            }
            if (x.size(channelAxis(x)) != layerConf().getNOut()) {
                throw new IllegalStateException("BatchNormalization input " + Arrays.toString(x.shape())
                        + " does not have " + layerConf().getNOut() + " channels " + layerId());
            }
            return Shape.strideDescendingCAscendingF(x) ? x : x.dup('c');
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (fusion != null && fusion.passesThrough(training)) {
                assertInputSet(false);
                return InferenceFusion.passedOn(input, workspaceMgr);
            }
            INDArray x = checkedInput();
            int axis = channelAxis(x);
            float[] s = InferenceFusion.scale(this);
            INDArray scale = Nd4j.createFromArray(s).castTo(dataType);
            INDArray shift = Nd4j.createFromArray(InferenceFusion.bias(this, s, null)).castTo(dataType);
            INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape().clone(), 'c');
            Nd4j.getExecutioner().exec(new BroadcastMulOp(x, scale, y, axis));
            Nd4j.getExecutioner().exec(new BroadcastAddOp(y, shift, y, axis));
            return y;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            INDArray x = checkedInput();
            INDArray eps = epsilon.castTo(dataType);
            if (!Shape.strideDescendingCAscendingF(eps)) {
                eps = eps.dup('c');
            }
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape().clone(), 'c');
            Nd4j.getExecutioner().exec(new BroadcastMulOp(eps, scale(), dx, channelAxis(x)));
            if (gradientsFlattened != null) {
                gradientsFlattened.assign(0);
            }
            Gradient g = new DefaultGradient(gradientsFlattened);
            if (gradientViews != null) {
                g.gradientForVariable().putAll(gradientViews);
            }
            return new Pair<>(g, dx);
        }

        @Override
        public boolean isPretrainLayer() {
            return false;
        }

        @Override
        public Type type() {
            return Type.NORMALIZATION;
        }

        @Override
        public boolean updaterDivideByMinibatch(String paramName) {
            return !BatchNormalizationParamInitializer.GLOBAL_MEAN.equals(paramName)
                    && !BatchNormalizationParamInitializer.GLOBAL_VAR.equals(paramName);
        }
    }
}
