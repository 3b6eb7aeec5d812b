package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Collection;

/**
 * DL4J's {@link DepthwiseConvolution2D} configuration, instantiating a layer whose pre-activation is a Java loop
 * over the channels-last image: {@code z[n, i, j, c·m + k] = Σ_{a,b} x[n, i·s_h + a − pad_top, j·s_w + b − pad_left, c]
 * · W[a, b, c, k] + bias[c·m + k]}, the channels innermost (contiguous in both the image and Keras's
 * {@code (kh, kw, c, m)} kernel). DL4J's own {@code depthwise_conv2d} op took ~230 ms for one 3×3 layer on a
 * 112×112×96 image (10.8 M multiply-adds) on the 2-core machine. The backward pass stays DL4J's
 * ({@code depthwise_conv2d_bp}); it asks this forward for the pre-activation. Output size and "same" padding are
 * DL4J's ({@link NhwcWindows}). Falls back to DL4J's op for NCHW, dilation other than 1, non-float networks, weight
 * noise, images too large for Java arrays and the CUDA backend.
 */
public final class FastDepthwiseConv2DLayer extends DepthwiseConvolution2D {
    /** For DL4J's reflection and cloning; use {@link #of}. */
    public FastDepthwiseConv2DLayer() {
    }

    /** A copy of the built configuration {@code conf}. */
    public static FastDepthwiseConv2DLayer of(DepthwiseConvolution2D conf) {
        return Common.copyFields(conf, new FastDepthwiseConv2DLayer(), DepthwiseConvolution2D.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Common.instantiated(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** The layer: DL4J's depthwise layer with a Java NHWC forward. */
    static final class Impl extends DepthwiseConvolution2DLayer implements InferenceFusion.Head {
        private InferenceFusion fusion;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public void fuse(InferenceFusion f) {
            fusion = f;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (fusion == null || !fusion.begin(training, fastPath())) {
                return super.activate(training, workspaceMgr);
            }
            // convolution → BatchNormalization → activation in one pass; the layer's own activation is linear
            applyDropOutIfNecessary(false, workspaceMgr);
            return forward(false, false, workspaceMgr, true);
        }

        private boolean fastPath() {
            DepthwiseConvolution2D c = (DepthwiseConvolution2D) conf.getLayer();
            int[] d = c.getDilation();
            return Common.fastPaths() && c.getCnn2dDataFormat() == CNN2DFormat.NHWC && d[0] == 1 && d[1] == 1
                    && dataType == DataType.FLOAT && c.getWeightNoise() == null && input != null && input.rank() == 4
                    && input.dataType() == DataType.FLOAT && windows(c).fitsJavaArrays();
        }

        private NhwcWindows windows(DepthwiseConvolution2D c) {
            return NhwcWindows.of(input, c.getKernelSize(), c.getStride(), c.getPadding(), convolutionMode);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            if (!fastPath()) {
                return super.preOutput(training, forBackprop, workspaceMgr);
            }
            return new Pair<>(forward(training, forBackprop, workspaceMgr, false), null);
        }

        /**
         * Output row {@code r} (image {@code r / oh}, row {@code r % oh}) of the depth-multiplier-1 case into
         * {@code o[0, ow·C)}: for kernel tap {@code (a, b)}, the input pixels the row's output columns read are copied
         * into {@code tmp} at those columns' places (one run when the column stride is 1), then one loop over the row
         * multiplies them by the tap's weights repeated along the row ({@code rep[tap]}). All three arrays use the
         * same index there, which C2 needs to vectorize the loop (with different offsets it cannot rule out that the
         * arrays are one and the same): 1.4 → 4.9 G multiply-adds/s on a 112×112×32 layer (one thread).
         */
        private static void tapsRow(NhwcWindows g, FloatBuffer x, int x0, float[][] rep, float[] tmp, float[] o, int r) {
            int c = g.c;
            int n = r / g.oh;
            int i = r % g.oh;
            for (int a = 0; a < g.kh; a++) {
                int y = i * g.sh + a - g.padTop;
                if (y < 0 || y >= g.h) {
                    continue;
                }
                int rowStart = (n * g.h + y) * g.w;
                for (int b = 0; b < g.kw; b++) {
                    int j0 = Math.max(0, -Math.floorDiv(b - g.padLeft, g.sw));           // first column inside the image
                    int j1 = Math.min(g.ow, Math.floorDiv(g.w - 1 - b + g.padLeft, g.sw) + 1);
                    if (j0 >= j1) {
                        continue;
                    }
                    if (g.sw == 1) {
                        x.get(x0 + (rowStart + j0 + b - g.padLeft) * c, tmp, j0 * c, (j1 - j0) * c);
                    } else {
                        for (int j = j0; j < j1; j++) {
                            x.get(x0 + (rowStart + j * g.sw + b - g.padLeft) * c, tmp, j * c, c);
                        }
                    }
                    float[] w = rep[a * g.kw + b];
                    int end = j1 * c;
                    for (int t = j0 * c; t < end; t++) {
                        o[t] += tmp[t] * w[t];
                    }
                }
            }
        }

        /** Output row {@code r} of any stride and a depth multiplier {@code m > 1} into {@code o[0, ow·C·m)}. */
        private static void generalRow(NhwcWindows g, float[] x, float[] w, float[] o, int r, int m) {
            int channels = g.c;
            int outC = channels * m;
            int n = r / g.oh;
            int i = r % g.oh;
            for (int j = 0; j < g.ow; j++) {
                int oj = j * outC;
                for (int a = 0; a < g.kh; a++) {
                    int y = i * g.sh + a - g.padTop;
                    if (y < 0 || y >= g.h) {
                        continue;
                    }
                    for (int b = 0; b < g.kw; b++) {
                        int z = j * g.sw + b - g.padLeft;
                        if (z < 0 || z >= g.w) {
                            continue;
                        }
                        int xi = ((n * g.h + y) * g.w + z) * channels;
                        int wi = (a * g.kw + b) * outC;
                        for (int ch = 0; ch < channels; ch++) {
                            float xv = x[xi + ch];
                            for (int k = 0; k < m; k++) {
                                o[oj + ch * m + k] += xv * w[wi + ch * m + k];
                            }
                        }
                    }
                }
            }
        }

        /**
         * The pre-activation {@code (B, OH, OW, C·m)}; with {@code fused}, computed with the inference fusion's
         * folded kernel and bias and clamped to its activation's range. With depth multiplier 1 each tap copies the
         * input pixels it reads straight from the input's buffer (others copy the image once into this thread's work
         * array); each output row is built in a row-sized work array (bias, taps, clamp while it is in the cache)
         * and written straight into the result, on as many cores as the rows pay for.
         */
        private INDArray forward(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr, boolean fused) {
            assertInputSet(false);
            DepthwiseConvolution2D c = (DepthwiseConvolution2D) conf.getLayer();
            NhwcWindows g = windows(c);
            INDArray wArr = getParamWithNoise(DepthwiseConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            int m = (int) wArr.size(3);
            int outC = g.c * m;
            // depth multiplier 1: the taps read the input's rows straight from its buffer (no copy of the image)
            INDArray in = m != 1 || DenseFloats.contiguous(input) ? input : DenseFloats.dense(input);
            float[] x = m == 1 ? null : DenseFloats.read(input, Scratch.floats(Scratch.INPUT, Math.toIntExact(input.length())));
            FloatBuffer xb = m == 1 ? in.data().asNioFloat() : null;
            int x0 = m == 1 ? DenseFloats.start(in) : 0;
            float[] w = DenseFloats.read(wArr);
            INDArray bias = c.hasBias()
                    ? getParamWithNoise(DepthwiseConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
            float[] bv = bias == null ? null : DenseFloats.read(bias);
            if (fused) {
                float[] s = fusion.scale();
                for (int i = 0; i < w.length; i++) {
                    w[i] *= s[i % outC];   // the kernel's last two axes (c, m) are the output channel c·m + k
                }
                bv = fusion.bias(s, bias);
            }
            int rowLength = g.ow * outC;
            float[] biasRow = new float[rowLength];   // each output row starts as the bias, repeated per column
            if (bv != null) {
                for (int o = 0; o < rowLength; o += outC) {
                    System.arraycopy(bv, 0, biasRow, o, outC);
                }
            }
            float[][] rep = m == 1 ? repeatedTaps(g, w) : null;
            long[] shape = {g.batch, g.oh, g.ow, outC};
            INDArray z = fused ? InferenceFusion.output(shape, workspaceMgr) : workspaceMgr.createUninitialized(
                    forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.ACTIVATIONS, DataType.FLOAT, shape, 'c');
            DenseFloats.Blocks out = DenseFloats.Blocks.writing(z);
            float[] whole = out.direct() ? null : new float[g.batch * g.oh * rowLength];   // z not dense: written once
            Parallel.rows(g.batch * g.oh, (long) g.kh * g.kw * rowLength, r -> {
                float[] o = Scratch.floats(Scratch.OUTPUT, rowLength);
                System.arraycopy(biasRow, 0, o, 0, rowLength);
                if (rep != null) {
                    tapsRow(g, xb, x0, rep, Scratch.floats(Scratch.PART, rowLength), o, r);
                } else {
                    generalRow(g, x, w, o, r, m);
                }
                if (fused) {
                    fusion.clamp(o, rowLength);
                }
                if (whole != null) {
                    System.arraycopy(o, 0, whole, r * rowLength, rowLength);
                } else {
                    out.write(o, rowLength, (long) r * rowLength);
                }
            });
            if (whole != null) {
                out.write(whole, whole.length, 0);
            }
            return z;
        }

        /** Each kernel tap's weights repeated along an output row, {@code [kh·kw][ow·C]}, for {@link #tapsRow}. */
        private static float[][] repeatedTaps(NhwcWindows g, float[] w) {
            int c = g.c;
            float[][] rep = new float[g.kh * g.kw][g.ow * c];
            for (int t = 0; t < rep.length; t++) {
                for (int j = 0; j < g.ow; j++) {
                    System.arraycopy(w, t * c, rep[t], j * c, c);
                }
            }
            return rep;
        }
    }
}
