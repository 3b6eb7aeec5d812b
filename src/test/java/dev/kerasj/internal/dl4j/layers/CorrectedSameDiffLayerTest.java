package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correction of DL4J M2.1's doubled SameDiff-layer gradients: a one-matmul SameDiff layer after a
 * DenseLayer passes DL4J's gradient check (its own parameters and, through the input gradient, the
 * Dense layer's).
 */
class CorrectedSameDiffLayerTest {
    /** {@code out = tanh(x · W)}. */
    public static class MatMul extends CorrectedSameDiffLayer {
        public MatMul() {
        }

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable in, Map<String, SDVariable> p, SDVariable mask) {
            return sd.math.tanh(sd.mmul(in, p.get("W")));
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.clear();
            params.addWeightParam("W", 3, 2);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            params.get("W").assign(Nd4j.randn(params.get("W").dataType(), 3, 2));
        }

        @Override
        public InputType getOutputType(int i, InputType t) {
            return InputType.feedForward(2);
        }
    }

    @Test
    void gradientsOfTheLayerAndTheLayerBelowAreExact() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Nd4j.getRandom().setSeed(3);
            var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new NoOp()).seed(3).list()
                    .layer(new DenseLayer.Builder().nIn(3).nOut(3).activation(Activation.TANH).build())
                    .layer(new MatMul())
                    .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                    .setInputType(InputType.feedForward(3)).build();
            var net = new MultiLayerNetwork(conf);
            net.init();
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(Nd4j.rand(DataType.DOUBLE, 4, 3)).labels(Nd4j.rand(DataType.DOUBLE, 4, 2))
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
