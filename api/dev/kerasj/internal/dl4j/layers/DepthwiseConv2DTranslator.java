package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.DepthwiseConv2D;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * DepthwiseConv2D → DL4J {@code DepthwiseConvolution2D} (NHWC; "valid" = {@code Truncate}, "same" =
 * {@code Same}, TensorFlow's padding split), run as {@link FastDepthwiseConv2DLayer} (a Java NHWC forward). DL4J keeps the depthwise kernel as
 * {@code (kh, kw, channels, depth_multiplier)}, Keras's own layout, and the bias as {@code (1, channels·m)}.
 */
public final class DepthwiseConv2DTranslator implements LayerTranslator<DepthwiseConv2D> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(DepthwiseConv2D c) {
        long in = c.builtInputShape()[2];
        DepthwiseConvolution2D.Builder b = new DepthwiseConvolution2D.Builder()
                .kernelSize(c.kernelSize())
                .stride(c.strides())
                .padding(0, 0)
                .depthMultiplier(c.depthMultiplier())
                .dataFormat(CNN2DFormat.NHWC);
        b.dilation(c.dilationRate());
        b.convolutionMode("same".equals(c.padding()) ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .hasBias(c.useBias()).nIn(in).nOut(in * c.depthMultiplier())
                .activation(Dl4jActivations.of(c.activation()));
        return FastDepthwiseConv2DLayer.of(Common.apply(b, c, c.kernelRegularizer(), c.biasRegularizer()).build());
    }

    @Override
    public List<INDArray> getWeights(DepthwiseConv2D c, org.deeplearning4j.nn.api.Layer dl4j) {
        List<INDArray> out = new ArrayList<>();
        out.add(dl4j.getParam(DepthwiseConvolutionParamInitializer.WEIGHT_KEY).dup('c'));
        if (c.useBias()) {
            INDArray b = dl4j.getParam(DepthwiseConvolutionParamInitializer.BIAS_KEY);
            out.add(b.dup('c').reshape(b.length()));
        }
        return out;
    }

    @Override
    public void setWeights(DepthwiseConv2D c, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        INDArray w = dl4j.getParam(DepthwiseConvolutionParamInitializer.WEIGHT_KEY);
        w.assign(weights.get(0).reshape(w.shape()));
        if (c.useBias()) {
            INDArray b = dl4j.getParam(DepthwiseConvolutionParamInitializer.BIAS_KEY);
            b.assign(weights.get(1).reshape(b.shape()));
        }
    }
}
