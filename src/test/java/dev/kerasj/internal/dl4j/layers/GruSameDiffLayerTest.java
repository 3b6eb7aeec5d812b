package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradient checks (central differences in double precision) of kerasj's own GRU layer. */
class GruSameDiffLayerTest {
    private static boolean gradientsMatch(boolean returnSequences, boolean useBias, String activation) {
        return gradientsMatch(returnSequences, useBias, activation, false);
    }

    private static boolean gradientsMatch(boolean returnSequences, boolean useBias, String activation, boolean denseBelow) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return check(returnSequences, useBias, activation, denseBelow);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    private static boolean check(boolean returnSequences, boolean useBias, String activation, boolean denseBelow) {
        Nd4j.getRandom().setSeed(12345);
        long in = 3, units = 4, steps = 5, batch = 2;
        var list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .seed(1)
                .list();
        if (denseBelow) {
            // a time-distributed dense layer below: its gradients come through the GRU's input gradient
            list.layer(new org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed(
                    new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(in).nOut(in)
                            .activation(Activation.TANH).build(), RNNFormat.NWC));
        }
        MultiLayerConfiguration conf = list
                .layer(new GruSameDiffLayer("gru", in, units, steps, returnSequences, useBias, activation, "sigmoid",
                        0, 0, null, List.of(), List.of()))
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(in, steps, RNNFormat.NWC))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // random (non-zero) parameters: the layer initialises them to 0
        net.params().assign(Nd4j.randn(DataType.DOUBLE, net.params().shape()).muli(0.5));
        INDArray x = Nd4j.randn(DataType.DOUBLE, batch, steps, in);
        INDArray y = Nd4j.randn(DataType.DOUBLE, batch, units);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @Test
    void lastStepGradients() {
        assertTrue(gradientsMatch(false, true, "tanh"));
    }

    @Test
    void reluCandidateGradients() {
        assertTrue(gradientsMatch(false, true, "relu"));
    }

    @Test
    void gradientsReachTheLayerBelow() {
        assertTrue(gradientsMatch(false, true, "tanh", true));
    }

    @Test
    void noBiasGradients() {
        assertTrue(gradientsMatch(false, false, "tanh"));
    }
}
