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

/**
 * DL4J's {@link SubsamplingLayer} configuration, instantiating a layer that max- or average-pools
 * channels-last images with Java loops ({@link NhwcWindows}) instead of libnd4j's slow NHWC
 * {@code maxpool2d_bp}/{@code avgpool2d_bp}:
 * <pre>
 * max:  y[b, i, j, c] = max over the window's pixels inside the image
 *       dx[argmax]   += dy[b, i, j, c]      (the first maximum of the window, as TensorFlow routes ties)
 * avg:  y[b, i, j, c] = mean over the window's pixels inside the image (padding not in the divisor)
 *       dx[pixel]    += dy[b, i, j, c] / (pixels in the window)
 * </pre>
 * The training forward pass of max pooling keeps the argmax indices for backprop. Output size and
 * "same" padding are DL4J's ({@link NhwcWindows}).
 *
 * <p>Falls back to DL4J's own layer for p-norm pooling, NCHW data, dilation other than 1, averages
 * with padding in the divisor (DL4J's {@code avgPoolIncludePadInDivisor}), non-float networks and
 * images too large for Java arrays.
 */
public final class FastPooling2DLayer extends SubsamplingLayer {
    /** For DL4J's reflection and cloning; use {@link #of}. */
    public FastPooling2DLayer() {
    }

    /** A copy of the built configuration {@code conf}. */
    public static FastPooling2DLayer of(SubsamplingLayer conf) {
        return Common.copyFields(conf, new FastPooling2DLayer(), SubsamplingLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Common.instantiated(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof FastPooling2DLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    /** The layer itself: DL4J's subsampling layer with kerasj's NHWC max and average pooling. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        private int[] cachedArgmax;
        private INDArray cachedFor;
        /** The training forward pass's argmax array, reused from step to step (its contents live until backprop). */
        private int[] argmaxBuffer;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private boolean fastPath() {
            SubsamplingLayer c = layerConf();
            int[] d = c.getDilation();
            return (max() || c.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.AVG
                    && !c.isAvgPoolIncludePadInDivisor()) && Common.fastPaths() && c.getCnn2dDataFormat() == CNN2DFormat.NHWC
                    && d[0] == 1 && d[1] == 1 && dataType == DataType.FLOAT && input != null && input.rank() == 4
                    && windows().fitsJavaArrays();
        }

        private boolean max() {
            return layerConf().getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX;
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
            int n = g.rows() * g.c;
            float[] x = DenseFloats.read(input, Scratch.floats(Scratch.INPUT, (int) input.length()));
            float[] out = Scratch.floats(Scratch.OUTPUT, n);
            INDArray ret = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, shape, 'c');
            if (!max()) {
                g.avgPool(x, out);
                DenseFloats.write(out, ret);
                return ret;
            }
            int[] argmax = null;
            if (training) {
                if (argmaxBuffer == null || argmaxBuffer.length < n) {
                    argmaxBuffer = new int[n];
                }
                argmax = argmaxBuffer;
            }
            g.maxPool(x, out, argmax);   // inference needs no argmax
            DenseFloats.write(out, ret);
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
            if (!max()) {
                INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                        input.shape().clone(), 'c');
                float[] dx = Scratch.floats(Scratch.OUTPUT, (int) input.length());
                g.avgPoolBackward(DenseFloats.read(epsilon, Scratch.floats(Scratch.PART, (int) epsilon.length())), dx);
                DenseFloats.write(dx, epsNext);
                return new Pair<>(new DefaultGradient(), epsNext);
            }
            int n = g.rows() * g.c;
            if (!cached) {
                argmax = new int[n];
                g.maxPool(DenseFloats.read(input), new float[n], argmax);
            }
            float[] dy = DenseFloats.read(epsilon, Scratch.floats(Scratch.PART, n));
            float[] dx = Scratch.floats(Scratch.OUTPUT, (int) input.length());
            java.util.Arrays.fill(dx, 0, (int) input.length(), 0f);
            for (int i = 0; i < n; i++) {
                if (argmax[i] >= 0) {
                    dx[argmax[i]] += dy[i];
                }
            }
            INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    input.shape().clone(), 'c');
            DenseFloats.write(dx, epsNext);
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
