package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J's {@link SubsamplingLayer} configuration, instantiating a layer that max-pools channels-last
 * images with Java loops ({@link NhwcWindows#maxPool}) instead of libnd4j's slow NHWC
 * {@code maxpool2d}/{@code maxpool2d_bp}:
 * <pre>
 * y[b, i, j, c] = max over the window (i·sh − padTop + p, j·sw − padLeft + q) inside the image
 * dx[argmax]   += dy[b, i, j, c]      (the first maximum of the window, as TensorFlow routes ties)
 * </pre>
 * The training forward pass keeps the argmax indices for backprop. Output size and "same" padding are
 * DL4J's ({@link NhwcWindows}); padding never wins a window (Keras pads with −∞).
 *
 * <p>Falls back to DL4J's own layer for other pooling types, NCHW data, dilation other than 1 and
 * non-float networks.
 */
public final class FastMaxPooling2DLayer extends SubsamplingLayer {
    /** For DL4J's reflection and cloning; use {@link #of}. */
    public FastMaxPooling2DLayer() {
    }

    /** A copy of the built configuration {@code conf}. */
    public static FastMaxPooling2DLayer of(SubsamplingLayer conf) {
        return Common.copyFields(conf, new FastMaxPooling2DLayer(), SubsamplingLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Impl ret = new Impl(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof FastMaxPooling2DLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    /** The layer itself: DL4J's subsampling layer with kerasj's NHWC max pooling. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        private int[] cachedArgmax;
        private INDArray cachedFor;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private boolean fastPath() {
            SubsamplingLayer c = layerConf();
            int[] d = c.getDilation();
            return c.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX && c.getCnn2dDataFormat() == CNN2DFormat.NHWC
                    && d[0] == 1 && d[1] == 1 && dataType == DataType.FLOAT && input != null && input.rank() == 4;
        }

        private NhwcWindows windows() {
            SubsamplingLayer c = layerConf();
            return NhwcWindows.of(input, c.getKernelSize(), c.getStride(), c.getPadding(), convolutionMode);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            cachedArgmax = null;
            cachedFor = null;
            if (!fastPath()) {
                return super.activate(training, workspaceMgr);
            }
            NhwcWindows g = windows();
            long[] shape = g.outputShape(g.c);
            float[] out = new float[g.rows() * g.c];
            int[] argmax = new int[out.length];
            g.maxPool(NhwcWindows.read(input), out, argmax);
            INDArray ret = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, shape, 'c');
            NhwcWindows.write(out, ret);
            if (training) {
                cachedArgmax = argmax;
                cachedFor = input;
            }
            return ret;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            int[] argmax = cachedArgmax;
            boolean cached = argmax != null && cachedFor == input;
            cachedArgmax = null;
            cachedFor = null;
            if (!fastPath()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            NhwcWindows g = windows();
            if (!cached) {
                argmax = new int[g.rows() * g.c];
                g.maxPool(NhwcWindows.read(input), new float[argmax.length], argmax);
            }
            float[] dy = NhwcWindows.read(epsilon);
            float[] dx = new float[(int) input.length()];
            for (int i = 0; i < dy.length; i++) {
                if (argmax[i] >= 0) {
                    dx[argmax[i]] += dy[i];
                }
            }
            INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    input.shape().clone(), 'c');
            NhwcWindows.write(dx, epsNext);
            return new Pair<>(new DefaultGradient(), epsNext);
        }

        @Override
        public void clear() {
            super.clear();
            cachedArgmax = null;
            cachedFor = null;
        }
    }
}
