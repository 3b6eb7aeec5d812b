package dev.kerasj.internal.dl4j;

import dev.kerasj.optimizers.Adam;
import dev.kerasj.optimizers.Optimizer;
import dev.kerasj.optimizers.Adagrad;
import dev.kerasj.optimizers.RMSprop;
import dev.kerasj.optimizers.SGD;
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
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The one-pass weight update reaches exactly the parameters and optimizer state of DL4J's three passes (a plain
 * DL4J network running the same kerasj optimizer), bit for bit, over more steps than a state flush period and with
 * a batch size whose division is inexact; where it does not apply (DL4J regularization) DL4J's path runs.
 */
class KerasSolverTest {
    private static final int BATCH = 6;

    private static NeuralNetConfiguration.Builder base(Optimizer optimizer) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new KerasUpdater(optimizer));
    }

    private static int width = 7;

    private static DenseLayer hidden(boolean l2) {
        DenseLayer.Builder b = new DenseLayer.Builder().nIn(5).nOut(width).activation(Activation.TANH);
        if (l2) {
            b.regularization(List.of(new L2Regularization(0.01)));
        }
        return b.build();
    }

    private static OutputLayer out() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(3).activation(Activation.SOFTMAX).build();
    }

    private static INDArray[] data(int step) {
        Nd4j.getRandom().setSeed(100 + step);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 5).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 3);
        for (int r = 0; r < BATCH; r++) {
            y.putScalar(r, (r + step) % 3, 1.0);
        }
        return new INDArray[] {x, y};
    }

    /** Trains a plain DL4J network and a kerasj one from the same start; returns whether the one-pass update ran. */
    private static boolean trainsLikeDl4j(Optimizer optimizer, boolean l2) {
        MultiLayerConfiguration conf = base(optimizer).list().layer(hidden(l2)).layer(out()).build();
        MultiLayerNetwork plain = new MultiLayerNetwork(conf.clone());
        plain.init();
        MultiLayerNetwork ours = new Dl4jTrainingNetworks.MultiLayer(conf.clone());
        ours.init(plain.params().dup(), true);
        for (int step = 0; step < 12; step++) {
            INDArray[] d = data(step);
            plain.fit(d[0], d[1]);
            ours.fit(d[0], d[1]);
            assertArrayEquals(plain.params().toFloatVector(), ours.params().toFloatVector(), optimizer + " step " + step);
            INDArray plainState = plain.getUpdater().getStateViewArray();   // null: a rule without state (plain SGD)
            INDArray ourState = ours.getUpdater().getStateViewArray();
            assertEquals(plainState == null, ourState == null, optimizer + " state");
            if (plainState != null) {
                assertArrayEquals(plainState.toFloatVector(), ourState.toFloatVector(), optimizer + " state, step " + step);
            }
        }
        // DL4J leaves the step in the gradient array; the one-pass update leaves the batch's summed gradient there
        return !java.util.Arrays.equals(plain.getGradientsViewArray().toFloatVector(), ours.getGradientsViewArray().toFloatVector());
    }

    @Test
    void adamInOnePassGivesDl4jsParametersAndState() {
        assertTrue(trainsLikeDl4j(new Adam(0.01), false));
        assertTrue(trainsLikeDl4j(new Adam(0.01, 0.8, 0.99, 1e-7, true), false));   // amsgrad: a third state array
    }

    /** {@link #trainsLikeDl4j} for Adam with a hidden layer {@code hidden} units wide. */
    private static boolean adamTrainsLikeDl4jAtWidth(int hidden) {
        width = hidden;
        try {
            return trainsLikeDl4j(new Adam(0.01), false);
        } finally {
            width = 7;
        }
    }

    @Test
    void adamInOnePassAcrossChunks() {
        assertTrue(adamTrainsLikeDl4jAtWidth(300));   // 2,703 parameters: chunks of 1,024 values, the last one partial
    }

    @Test
    void adamInOnePassOnBothCores() {
        assertTrue(adamTrainsLikeDl4jAtWidth(8000));   // 72,003 parameters: the second core takes pieces of the update
    }

    @Test
    void optimizersWithoutAFusedStepRunTheirRuleBetweenDivisionAndSubtraction() {
        trainsLikeDl4j(new Adagrad(0.1), false);   // (the rule's step is left in the gradient, as DL4J's)
    }

    /** RMSprop and SGD: their float rule between the division and the subtraction, in one pass, the same numbers. */
    @Test
    void floatRulesInOnePassGiveDl4jsParametersAndState() {
        assertTrue(trainsLikeDl4j(new RMSprop(0.01), false));
        assertTrue(trainsLikeDl4j(new RMSprop(0.01, 0.8, 0.5, 1e-6, true), false));   // centered, with momentum
        assertTrue(trainsLikeDl4j(new SGD(0.1), false));
        assertTrue(trainsLikeDl4j(new SGD(0.1, 0.9, false), false));
        assertTrue(trainsLikeDl4j(new SGD(0.1, 0.9, true), false));
    }

    @Test
    void regularizedWeightsTakeDl4jsPath() {
        assertFalse(trainsLikeDl4j(new Adam(0.01), true));
    }

    @Test
    void graphInOnePassGivesDl4jsParameters() {
        ComputationGraphConfiguration conf = base(new Adam(0.01)).graphBuilder().addInputs("in")
                .addLayer("hidden", hidden(false), "in").addLayer("out", out(), "hidden").setOutputs("out").build();
        ComputationGraph plain = new ComputationGraph(conf.clone());
        plain.init();
        ComputationGraph ours = new Dl4jTrainingNetworks.Graph(conf.clone());
        ours.init(plain.params().dup(), true);
        for (int step = 0; step < 12; step++) {
            INDArray[] d = data(step);
            plain.fit(new INDArray[] {d[0]}, new INDArray[] {d[1]});
            ours.fit(new INDArray[] {d[0]}, new INDArray[] {d[1]});
            assertArrayEquals(plain.params().toFloatVector(), ours.params().toFloatVector(), "step " + step);
        }
        assertArrayEquals(plain.getUpdater().getStateViewArray().toFloatVector(), ours.getUpdater().getStateViewArray().toFloatVector());
        assertFalse(java.util.Arrays.equals(plain.getGradientsViewArray().toFloatVector(), ours.getGradientsViewArray().toFloatVector()));
    }
}
