package dev.kerasj.internal.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
 * The training networks hand DL4J's updater the network's own gradient array (its standard path) and train to
 * exactly the parameters DL4J's own classes reach: same memory, same operations.
 */
class Dl4jTrainingNetworksTest {
    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(0.01));
    }

    private static final DenseLayer HIDDEN = new DenseLayer.Builder().nIn(5).nOut(7).activation(Activation.TANH).build();
    private static final OutputLayer OUT = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(7).nOut(3)
            .activation(Activation.SOFTMAX).build();

    private static INDArray[] data(int step) {
        Nd4j.getRandom().setSeed(100 + step);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 5).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int r = 0; r < 6; r++) {
            y.putScalar(r, (r + step) % 3, 1.0);
        }
        return new INDArray[] {x, y};
    }

    @Test
    void multiLayerTrainsToDl4jsParametersOnTheStandardPath() {
        MultiLayerConfiguration conf = base().list().layer(HIDDEN.clone()).layer(OUT.clone()).build();
        MultiLayerNetwork plain = new MultiLayerNetwork(conf.clone());
        plain.init();
        MultiLayerNetwork ours = new Dl4jTrainingNetworks.MultiLayer(conf.clone());
        ours.init(plain.params().dup(), true);
        for (int step = 0; step < 5; step++) {
            INDArray[] d = data(step);
            plain.fit(d[0], d[1]);
            ours.fit(d[0], d[1]);
            assertArrayEquals(plain.params().toFloatVector(), ours.params().toFloatVector(), "step " + step);   // bit for bit
            assertEquals(plain.score(), ours.score(), 0.0, "step " + step);
        }
        assertNotSame(plain.gradientAndScore().getFirst().gradient(), plain.getGradientsViewArray());   // DL4J's own: a new view
        assertSame(ours.getGradientsViewArray(), ours.gradientAndScore().getFirst().gradient());
        assertArrayEquals(plain.getUpdater().getStateViewArray().toFloatVector(), ours.getUpdater().getStateViewArray().toFloatVector());
    }

    @Test
    void graphTrainsToDl4jsParametersOnTheStandardPath() {
        ComputationGraphConfiguration conf = base().graphBuilder().addInputs("in")
                .addLayer("hidden", HIDDEN.clone(), "in").addLayer("out", OUT.clone(), "hidden").setOutputs("out").build();
        ComputationGraph plain = new ComputationGraph(conf.clone());
        plain.init();
        ComputationGraph ours = new Dl4jTrainingNetworks.Graph(conf.clone());
        ours.init(plain.params().dup(), true);
        for (int step = 0; step < 5; step++) {
            INDArray[] d = data(step);
            plain.fit(new INDArray[] {d[0]}, new INDArray[] {d[1]});
            ours.fit(new INDArray[] {d[0]}, new INDArray[] {d[1]});
            assertArrayEquals(plain.params().toFloatVector(), ours.params().toFloatVector(), "step " + step);   // bit for bit
        }
        assertSame(ours.getGradientsViewArray(), ours.gradientAndScore().getFirst().gradient());
        assertArrayEquals(plain.getUpdater().getStateViewArray().toFloatVector(), ours.getUpdater().getStateViewArray().toFloatVector());
    }
}
