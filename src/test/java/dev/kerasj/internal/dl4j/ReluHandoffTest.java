package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.dl4j.layers.FastConv2DLayer;
import dev.kerasj.internal.dl4j.layers.FastPooling2DLayer;
import dev.kerasj.internal.dl4j.layers.ReluHandoff;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/**
 * ReLU convolutions followed by max pooling, trained in kerasj's sequential network (the pooling layers apply the
 * ReLU's derivative and the convolutions skip their pass) and in DL4J's (every layer its own pass): the same
 * parameters bit for bit, the hand-off taken by both convolutions at every step, odd sizes and overlapping windows.
 */
class ReluHandoffTest {
    private static MultiLayerConfiguration conf(int poolKernel, int poolStride) {
        ConvolutionLayer c1 = new ConvolutionLayer.Builder().kernelSize(3, 3).stride(1, 1).padding(0, 0).dilation(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NHWC).nOut(4).activation(Activation.RELU).build();
        ConvolutionLayer c2 = new ConvolutionLayer.Builder().kernelSize(2, 2).stride(1, 1).padding(0, 0).dilation(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NHWC).nOut(5).activation(Activation.RELU).build();
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).updater(new Adam(0.01)).list()
                .layer(c1).layer(pool(poolKernel, poolStride)).layer(c2).layer(pool(2, 2))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(13, 13, 2, CNN2DFormat.NHWC)).build();
    }

    private static SubsamplingLayer pool(int k, int s) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(k, k).stride(s, s).padding(0, 0).dilation(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NHWC).build();
    }

    /** The configuration with kerasj's fast layers (the first convolution computes no input gradient, as kerasj's). */
    private static MultiLayerConfiguration fast(MultiLayerConfiguration c) {
        MultiLayerConfiguration f = c.clone();
        for (int i = 0; i < f.getConfs().size(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer l = f.getConf(i).getLayer();
            if (l instanceof ConvolutionLayer conv) {
                f.getConf(i).setLayer(FastConv2DLayer.of(conv, i > 0));
            } else if (l instanceof SubsamplingLayer s) {
                f.getConf(i).setLayer(FastPooling2DLayer.of(s));
            }
        }
        return f;
    }

    private static void trainsLikeDl4j(int poolKernel, int poolStride) {
        MultiLayerConfiguration c = conf(poolKernel, poolStride);
        MultiLayerNetwork plain = new MultiLayerNetwork(fast(c));   // the fast layers, each with its own ReLU pass
        plain.init();
        MultiLayerNetwork ours = new Dl4jTrainingNetworks.MultiLayer(fast(c));
        ours.init(plain.params().dup(), true);
        long before = ReluHandoff.taken();
        for (int step = 0; step < 4; step++) {
            Nd4j.getRandom().setSeed(10 + step);
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 13, 13, 2).subi(0.5);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
            for (int r = 0; r < 6; r++) {
                y.putScalar(r, (r + step) % 3, 1.0);
            }
            plain.fit(x, y);
            ours.fit(x, y);
            assertArrayEquals(plain.params().toFloatVector(), ours.params().toFloatVector(), "step " + step);
        }
        assertEquals(8, ReluHandoff.taken() - before, "hand-offs: two convolutions, four steps");
    }

    @Test
    void reluConvolutionsBeforeMaxPoolingTrainAsWithTheirOwnReluPass() {
        trainsLikeDl4j(2, 2);   // 11×11 → 5×5: the last row and column in no window
    }

    @Test
    void overlappingPoolingWindows() {
        trainsLikeDl4j(3, 2);   // pixels in two windows: gradients added, each through the same mask
    }
}
