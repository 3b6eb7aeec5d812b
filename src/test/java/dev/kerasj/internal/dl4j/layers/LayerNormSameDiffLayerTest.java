package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradient check (double precision) of kerasj's own LayerNormalization layer, with a Dense layer below it. */
class LayerNormSameDiffLayerTest {
    @Test
    void gradientsAreExact() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Nd4j.getRandom().setSeed(5);
            var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new NoOp()).seed(5).list()
                    .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                    .layer(new LayerNormSameDiffLayer("ln", 4, 2, 1e-3, true, true, null))
                    .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                    .setInputType(InputType.feedForward(3)).build();
            var net = new MultiLayerNetwork(conf);
            net.init();
            net.getLayer(1).getParam("gamma").assign(Nd4j.rand(DataType.DOUBLE, 1, 4).addi(0.5));
            net.getLayer(1).getParam("beta").assign(Nd4j.randn(DataType.DOUBLE, 1, 4));
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(Nd4j.randn(DataType.DOUBLE, 5, 3)).labels(Nd4j.randn(DataType.DOUBLE, 5, 4))
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
