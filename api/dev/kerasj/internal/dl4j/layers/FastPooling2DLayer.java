package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.SecondCore;
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
        /**
         * When the input is a ReLU convolution's output ({@link ReluHandoff}): the ReLU's derivative at each window's
         * maximum, {@code min(1, max(y, 0)·2¹²⁶)}, applied by backprop; else null.
         */
        private float[] cachedMask;
        private float[] maskBuffer;

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
            cachedMask = null;
            if (!fastPath()) {
                return super.activate(training, workspaceMgr);
            }
            NhwcWindows g = windows();
            INDArray ret = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, g.outputShape(g.c), 'c');
            int[] argmax = null;
            if (training && max()) {   // inference needs no argmax
                int n = g.rows() * g.c;
                if (argmaxBuffer == null || argmaxBuffer.length < n) {
                    argmaxBuffer = new int[n];
                }
                argmax = argmaxBuffer;
            }
            float[] mask = null;
            if (argmax != null && ReluHandoff.isReluOutput(input)) {
                if (maskBuffer == null || maskBuffer.length < argmax.length) {
                    maskBuffer = new float[argmax.length];
                }
                mask = maskBuffer;
            }
            pool(g, ret, argmax, mask);
            if (argmax != null) {
                cachedArgmax = argmax;
                cachedFor = input;
                cachedMask = mask;
            }
            return ret;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            int[] argmax = cachedArgmax;
            boolean cached = argmax != null && cachedFor == input;
            float[] mask = cached ? cachedMask : null;
            cachedArgmax = null;
            cachedFor = null;
            cachedMask = null;
            if (!fastPath()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            NhwcWindows g = windows();
            if (!max()) {
                argmax = null;
            } else if (!cached) {
                argmax = new int[g.rows() * g.c];
                pool(g, null, argmax, null);
            }
            INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    input.shape().clone(), 'c');
            backward(g, epsilon, epsNext, argmax, mask);
            if (mask != null) {
                ReluHandoff.masked(epsNext, input);
            }
            return new Pair<>(new DefaultGradient(), epsNext);
        }

        /**
         * Pools {@code input} into {@code out} (when not null) a block of images at a time (their pixels stay in
         * the cache); for max pooling with {@code argmax}, each output's window index into its own block of images,
         * and with {@code mask}, the ReLU's derivative at each output's value.
         */
        private void pool(NhwcWindows g, INDArray out, int[] argmax, float[] mask) {
            int perImage = g.h * g.w * g.c;
            int outPerImage = g.oh * g.ow * g.c;
            DenseFloats.Blocks in = DenseFloats.Blocks.reading(input);
            DenseFloats.Blocks to = out == null ? null : DenseFloats.Blocks.writing(out);
            int per = to == null ? in.rows(g.batch, perImage) : Math.min(in.rows(g.batch, perImage), to.rows(g.batch, outPerImage));
            // blocks of images are independent: the two cores take turns on them (SecondCore.forEachPiece)
            SecondCore.forEachPiece((g.batch + per - 1) / per, piece -> {
                int b0 = piece * per;
                int nb = Math.min(per, g.batch - b0);
                float[] x = Scratch.floats(Scratch.INPUT, per * perImage);
                float[] y = Scratch.floats(Scratch.OUTPUT, per * outPerImage);
                NhwcWindows block = g.images(nb);
                in.read((long) b0 * perImage, x, nb * perImage);
                if (max()) {
                    block.maxPool(x, y, argmax, b0 * outPerImage);
                    if (mask != null) {
                        // ReluPasses.backprop's mask, into a scratch array from index 0 and then copied: a loop
                        // storing at an offset was not vectorized (3 ns a value, its min and max branching on
                        // zeros and positives; 0.2 ns vectorized, measured)
                        int n = nb * outPerImage;
                        float[] m = Scratch.floats(Scratch.PART, n);
                        for (int i = 0; i < n; i++) {
                            m[i] = Math.min(1f, Math.max(y[i], 0f) * 0x1p126f);
                        }
                        System.arraycopy(m, 0, mask, b0 * outPerImage, n);
                    }
                } else {
                    block.avgPool(x, y);
                }
                if (to != null) {
                    to.write(y, nb * outPerImage, (long) b0 * outPerImage);
                }
            });
        }

        /**
         * {@code epsNext = dL/dx} from {@code epsilon = dL/dy} a block of images at a time: max pooling routes each
         * {@code dy} to its {@code argmax} pixel ({@link #pool}'s blocks), times the ReLU's derivative there when
         * {@code mask} is given; average pooling shares it over its window.
         */
        private static void backward(NhwcWindows g, INDArray epsilon, INDArray epsNext, int[] argmax, float[] mask) {
            int perImage = g.h * g.w * g.c;
            int outPerImage = g.oh * g.ow * g.c;
            DenseFloats.Blocks in = DenseFloats.Blocks.reading(epsilon);
            DenseFloats.Blocks out = DenseFloats.Blocks.writing(epsNext);
            int per = out.rows(g.batch, perImage);
            SecondCore.forEachPiece((g.batch + per - 1) / per, piece -> {
                int b0 = piece * per;
                int nb = Math.min(per, g.batch - b0);
                float[] dy = Scratch.floats(Scratch.PART, per * outPerImage);
                float[] dx = Scratch.floats(Scratch.OUTPUT, per * perImage);
                in.read((long) b0 * outPerImage, dy, nb * outPerImage);
                if (argmax == null) {
                    g.images(nb).avgPoolBackward(dy, dx);
                } else {
                    java.util.Arrays.fill(dx, 0, nb * perImage, 0f);
                    if (mask != null) {
                        for (int i = 0, a = b0 * outPerImage; i < nb * outPerImage; i++, a++) {
                            if (argmax[a] >= 0) {
                                dx[argmax[a]] += dy[i] * mask[a];
                            }
                        }
                    } else {
                        for (int i = 0, a = b0 * outPerImage; i < nb * outPerImage; i++, a++) {
                            if (argmax[a] >= 0) {
                                dx[argmax[a]] += dy[i];
                            }
                        }
                    }
                }
                out.write(dx, nb * perImage, (long) b0 * perImage);
            });
        }

        @Override
        public void clear() {
            super.clear();
            cachedArgmax = null;
            cachedFor = null;
            cachedMask = null;
        }
    }
}
