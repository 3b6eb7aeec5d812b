package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.layers.Dl4jActivations;
import dev.kerasj.layers.BaseConv;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Conv1D / Conv2D → DL4J {@code ConvolutionLayer} (NHWC; a Conv2D runs as {@link FastConv2DLayer}, the
 * same configuration with kerasj's channels-last kernels); a Conv1D runs as a 2-D convolution of the
 * {@code (steps, 1, channels)} image with a {@code (k, 1)} kernel (DL4J's own Convolution1DLayer writes
 * NWC weight gradients in another layout than it reads the weights).
 *
 * <p>"valid" is DL4J's {@code Truncate} mode (Keras floors), "same" its {@code Same} mode. DL4J keeps
 * the kernel as {@code (filters, in, kh, kw)} (Conv1D: {@code (filters, in, k, 1)}); Keras's
 * {@code (kh, kw, in, filters)} (Conv1D: {@code (k, in, filters)}) is permuted on the way in and out.
 */
public final class ConvTranslator<L extends BaseConv<L>> implements LayerTranslator<L> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(L c) {
        long in = c.builtInputShape()[c.rank()];
        ConvolutionMode mode = "same".equals(c.padding()) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder()
                .kernelSize(as2d(c.kernelSize()))
                .stride(as2d(c.strides()))
                .padding(0, 0)
                .dataFormat(CNN2DFormat.NHWC);
        b.dilation(as2d(c.dilationRate()));
        b.convolutionMode(mode).hasBias(c.useBias()).nIn(in).nOut(c.filters())
                .activation(Dl4jActivations.of(c.activation()));
        ConvolutionLayer conf = Common.apply(b, c, c.kernelRegularizer(), c.biasRegularizer()).build();
        return c.rank() == 2 ? FastConv2DLayer.of(conf, true) : conf;
    }

    /** A 1-D argument as the 2-D one of a {@code (steps, 1)} image. */
    static int[] as2d(int[] v) {
        return v.length == 2 ? v : new int[] {v[0], 1};
    }

    /** A {@code (steps, channels)} shape as the {@code (steps, 1, channels)} image DL4J convolves. */
    static long[] as2d(long[] shape) {
        return shape.length == 3 ? shape : new long[] {shape[0], 1, shape[1]};
    }

    @Override
    public InputPreProcessor preProcessor(L c) {
        return c.rank() == 1 ? new ReshapePreProcessor(c.builtInputShape(), as2d(c.builtInputShape())) : null;
    }

    @Override
    public long[] dl4jOutputShape(L c) {
        return as2d(c.outputShape());
    }

    @Override
    public List<INDArray> getWeights(L c, org.deeplearning4j.nn.api.Layer dl4j) {
        INDArray w = dl4j.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        List<INDArray> out = new ArrayList<>();
        if (c.rank() == 1) {
            // (filters, in, k, 1) → (k, in, filters)
            out.add(w.reshape(w.size(0), w.size(1), w.size(2)).permute(2, 1, 0).dup('c'));
        } else {
            // (filters, in, kh, kw) → (kh, kw, in, filters)
            out.add(w.permute(2, 3, 1, 0).dup('c'));
        }
        if (c.useBias()) {
            out.add(dl4j.getParam(ConvolutionParamInitializer.BIAS_KEY).dup('c').reshape(c.filters()));
        }
        return out;
    }

    @Override
    public void setWeights(L c, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        INDArray w = dl4j.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray k = weights.get(0);
        if (c.rank() == 1) {
            w.assign(k.permute(2, 1, 0).dup('c').reshape(w.shape()));
        } else {
            w.assign(k.permute(3, 2, 0, 1));
        }
        if (c.useBias()) {
            INDArray b = dl4j.getParam(ConvolutionParamInitializer.BIAS_KEY);
            b.assign(weights.get(1).reshape(b.shape()));
        }
    }
}
