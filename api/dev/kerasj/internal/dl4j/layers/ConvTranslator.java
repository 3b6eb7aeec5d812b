package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.Dl4jActivations;
import dev.kerasj.layers.BaseConv;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Conv1D / Conv2D → DL4J {@code Convolution1DLayer} (NWC) / {@code ConvolutionLayer} (NHWC).
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
        if (c.rank() == 1) {
            Convolution1DLayer.Builder b = new Convolution1DLayer.Builder()
                    .kernelSize(c.kernelSize()[0])
                    .stride(c.strides()[0])
                    .padding(0)
                    .rnnDataFormat(RNNFormat.NWC);
            b.dilation(c.dilationRate()[0]);
            b.convolutionMode(mode).hasBias(c.useBias()).nIn(in).nOut(c.filters())
                    .activation(Dl4jActivations.of(c.activation()));
            return Common.apply(b, c, c.kernelRegularizer(), c.biasRegularizer()).build();
        }
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder()
                .kernelSize(c.kernelSize())
                .stride(c.strides())
                .padding(0, 0)
                .dataFormat(CNN2DFormat.NHWC);
        b.dilation(c.dilationRate());
        b.convolutionMode(mode).hasBias(c.useBias()).nIn(in).nOut(c.filters())
                .activation(Dl4jActivations.of(c.activation()));
        return Common.apply(b, c, c.kernelRegularizer(), c.biasRegularizer()).build();
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
