package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.layers.Dl4jActivations;
import dev.kerasj.layers.SeparableConv2D;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.params.SeparableConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * SeparableConv2D → DL4J {@code SeparableConvolution2D} (NHWC). DL4J's depthwise W is
 * {@code (m, cin, kh, kw)} and pointwise pW {@code (filters, cin·m, 1, 1)}; Keras's
 * {@code (kh, kw, cin, m)} and {@code (1, 1, cin·m, filters)} are permuted on the way in and out.
 */
public final class SeparableConvTranslator implements LayerTranslator<SeparableConv2D> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(SeparableConv2D c) {
        SeparableConvolution2D.Builder b = new SeparableConvolution2D.Builder()
                .kernelSize(c.kernelSize())
                .stride(c.strides())
                .padding(0, 0)
                .depthMultiplier(c.depthMultiplier())
                .dataFormat(CNN2DFormat.NHWC);
        b.dilation(c.dilationRate());
        b.convolutionMode("same".equals(c.padding()) ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .hasBias(c.useBias()).nIn(c.builtInputShape()[2]).nOut(c.filters())
                .activation(Dl4jActivations.of(c.activation()));
        return Common.apply(b, c, c.kernelRegularizer(), c.biasRegularizer()).build();
    }

    @Override
    public List<INDArray> getWeights(SeparableConv2D c, org.deeplearning4j.nn.api.Layer dl4j) {
        List<INDArray> out = new ArrayList<>();
        out.add(dl4j.getParam(SeparableConvolutionParamInitializer.DEPTH_WISE_WEIGHT_KEY).permute(2, 3, 1, 0).dup('c'));
        out.add(dl4j.getParam(SeparableConvolutionParamInitializer.POINT_WISE_WEIGHT_KEY).permute(2, 3, 1, 0).dup('c'));
        if (c.useBias()) {
            out.add(dl4j.getParam(SeparableConvolutionParamInitializer.BIAS_KEY).dup('c').reshape(c.filters()));
        }
        return out;
    }

    @Override
    public void setWeights(SeparableConv2D c, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        dl4j.getParam(SeparableConvolutionParamInitializer.DEPTH_WISE_WEIGHT_KEY).assign(weights.get(0).permute(3, 2, 0, 1));
        dl4j.getParam(SeparableConvolutionParamInitializer.POINT_WISE_WEIGHT_KEY).assign(weights.get(1).permute(3, 2, 0, 1));
        if (c.useBias()) {
            INDArray b = dl4j.getParam(SeparableConvolutionParamInitializer.BIAS_KEY);
            b.assign(weights.get(2).reshape(b.shape()));
        }
    }
}
