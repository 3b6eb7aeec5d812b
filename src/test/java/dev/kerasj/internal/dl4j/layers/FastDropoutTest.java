package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** Inverted dropout drawn in Java: Keras's keep rate and scale, the same mask backward, seeded by ND4J's generator. */
class FastDropoutTest {
    private static INDArray drop(FastDropout d, INDArray x) {
        return d.applyDropout(x, Nd4j.createUninitialized(DataType.FLOAT, x.shape()), 0, 0, LayerWorkspaceMgr.noWorkspaces());
    }

    @Test
    void keepsOneMinusRateOfTheValuesScaledByItsInverse() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 400, 500).addi(0.5);   // no zeros of its own
        for (double rate : new double[] {0.1, 0.5, 0.8}) {
            INDArray y = drop(new FastDropout(rate), x);
            float[] xs = x.reshape(-1).toFloatVector();
            float[] ys = y.reshape(-1).toFloatVector();
            int kept = 0;
            for (int i = 0; i < xs.length; i++) {
                if (ys[i] != 0f) {
                    kept++;
                    assertEquals(xs[i] * (float) (1 / (1 - rate)), ys[i], 0f, "value " + i);
                }
            }
            double n = xs.length;
            double sd = Math.sqrt(n * rate * (1 - rate));
            assertEquals(n * (1 - rate), kept, 5 * sd, "kept values, rate " + rate);   // binomial, 5 standard deviations
        }
    }

    @Test
    void backpropAppliesTheForwardMask() {
        FastDropout d = new FastDropout(0.5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 7, 11).addi(0.5);
        INDArray y = drop(d, x);
        INDArray g = Nd4j.rand(DataType.FLOAT, 3, 7, 11);
        INDArray dx = d.backprop(g, Nd4j.createUninitialized(DataType.FLOAT, 3, 7, 11), 0, 0);
        assertEquals(y.div(x).mul(g), dx);   // dL/dx = dL/dy · (0 or 2), the mask of the forward pass
        assertThrows(IllegalStateException.class, () -> d.backprop(g, g.dup(), 0, 0));   // one backprop per forward
    }

    @Test
    void ndSeedFixesTheMask() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 1000);
        Nd4j.getRandom().setSeed(42);
        INDArray a = drop(new FastDropout(0.5), x);
        Nd4j.getRandom().setSeed(42);
        INDArray b = drop(new FastDropout(0.5), x);
        INDArray c = drop(new FastDropout(0.5), x);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(x, drop(new FastDropout(0.0), x));   // rate 0 keeps everything, unscaled
    }

    @Test
    void survivesDl4jsJsonAsSparkCopiesNetworks() {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().list()
                .layer(new DropoutLayer.Builder(new FastDropout(0.3)).nIn(4).nOut(4).build()).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(c.toJson());
        assertEquals(new FastDropout(0.3), back.getConf(0).getLayer().getIDropout());
    }
}
