package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.layers.Dl4jActivations;
import dev.kerasj.layers.Conv2DTranspose;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Conv2DTranspose → DL4J {@code Deconvolution2D} (NHWC). DL4J's W is {@code (cin, filters, kh, kw)};
 * Keras's kernel {@code (kh, kw, filters, cin)} is permuted on the way in and out.
 */
public final class ConvTransposeTranslator implements LayerTranslator<Conv2DTranspose> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Conv2DTranspose c) {
        Deconvolution2D.Builder b = new Deconvolution2D.Builder()
                .kernelSize(c.kernelSize())
                .stride(c.strides())
                .padding(0, 0)
                .dataFormat(CNN2DFormat.NHWC);
        b.dilation(1, 1);
        b.convolutionMode("same".equals(c.padding()) ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .hasBias(c.useBias()).nIn(c.builtInputShape()[2]).nOut(c.filters())
                .activation(Dl4jActivations.of(c.activation()));
        return Common.apply(b, c, c.kernelRegularizer(), c.biasRegularizer()).build();
    }

    @Override
    public List<INDArray> getWeights(Conv2DTranspose c, org.deeplearning4j.nn.api.Layer dl4j) {
        List<INDArray> out = new ArrayList<>();
        out.add(dl4j.getParam(DeconvolutionParamInitializer.WEIGHT_KEY).permute(2, 3, 1, 0).dup('c'));
        if (c.useBias()) {
            out.add(dl4j.getParam(DeconvolutionParamInitializer.BIAS_KEY).dup('c').reshape(c.filters()));
        }
        return out;
    }

    @Override
    public void setWeights(Conv2DTranspose c, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        dl4j.getParam(DeconvolutionParamInitializer.WEIGHT_KEY).assign(weights.get(0).permute(3, 2, 0, 1));
        if (c.useBias()) {
            INDArray b = dl4j.getParam(DeconvolutionParamInitializer.BIAS_KEY);
            b.assign(weights.get(1).reshape(b.shape()));
        }
    }
}
