package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Collection;

/**
 * DL4J's {@link ZeroPaddingLayer} configuration, instantiating a layer whose forward pass writes the padded
 * channels-last image row by row: every output row is zeros, or {@code left·C} zeros, the input row's
 * {@code W·C} values and {@code right·C} zeros, each a bulk copy.
 * <pre>
 * y[b, i, j, c] = x[b, i − top, j − left, c] inside the input, 0 elsewhere;  y: (B, top + H + bottom, left + W + right, C)
 * </pre>
 * DL4J's layer zeroes the whole output and then assigns the input through a strided view (two passes, the second
 * ND4J's slow strided assign: 3.5 ms of a 224×224 MobileNetV2 pass for its 113×113×96 padding alone). Backprop
 * is DL4J's (the gradient's inner window). Falls back to DL4J's forward pass for NCHW data, non-float arrays and
 * arrays larger than a Java index.
 */
public final class FastZeroPaddingLayer extends ZeroPaddingLayer {
    /** For DL4J's reflection and cloning; use {@link #of}. */
    public FastZeroPaddingLayer() {
    }

    /** A copy of the built configuration {@code conf}. */
    public static FastZeroPaddingLayer of(ZeroPaddingLayer conf) {
        return Common.copyFields(conf, new FastZeroPaddingLayer(), ZeroPaddingLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Common.instantiated(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof FastZeroPaddingLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 2;
    }

    /** The layer itself: DL4J's zero-padding layer with the row-copying forward pass. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ZeroPaddingLayer {
        /** Zeros to copy from, as long as the widest output row seen (never written). */
        private float[] zeros = new float[0];

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            ZeroPaddingLayer c = layerConf();
            if (!Common.fastPaths() || input == null || input.rank() != 4 || c.getDataFormat() != CNN2DFormat.NHWC
                    || input.dataType() != DataType.FLOAT) {
                return super.activate(training, workspaceMgr);
            }
            assertInputSet(false);
            int[] p = c.getPadding();   // top, bottom, left, right
            long[] s = input.shape();
            long oh = s[1] + p[0] + p[1];
            long ow = s[2] + p[2] + p[3];
            long outLength = s[0] * oh * ow * s[3];
            if (outLength > Integer.MAX_VALUE || input.length() > Integer.MAX_VALUE) {
                return super.activate(training, workspaceMgr);
            }
            INDArray x = DenseFloats.contiguous(input) ? input : DenseFloats.dense(input);
            INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    new long[] {s[0], oh, ow, s[3]}, 'c');
            pad(x.data().asNioFloat(), DenseFloats.start(x), y.data().asNioFloat(), DenseFloats.start(y), (int) s[0],
                    (int) s[1], (int) s[2], (int) s[3], p);
            return y;
        }

        /** {@code in} (B, H, W, C) from index {@code from}, padded by {@code p} into {@code out} from {@code at}. */
        private void pad(FloatBuffer in, int from, FloatBuffer out, int at, int batch, int h, int w, int ch, int[] p) {
            int oh = h + p[0] + p[1];
            int rowIn = w * ch;
            int rowOut = (w + p[2] + p[3]) * ch;
            if (zeros.length < rowOut) {
                zeros = new float[rowOut];
            }
            int left = p[2] * ch;
            int right = p[3] * ch;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < oh; i++) {
                    int o = at + (b * oh + i) * rowOut;
                    int r = i - p[0];
                    if (r < 0 || r >= h) {
                        out.put(o, zeros, 0, rowOut);
                        continue;
                    }
                    out.put(o, zeros, 0, left);
                    out.put(o + left, in, from + (b * h + r) * rowIn, rowIn);
                    out.put(o + left + rowIn, zeros, 0, right);
                }
            }
        }
    }
}
