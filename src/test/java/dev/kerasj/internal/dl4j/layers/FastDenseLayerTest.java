package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/** FastDenseLayer trains exactly like DL4J's DenseLayer: same gradients, same weights after Adam steps. */
class FastDenseLayerTest {
    private static DenseLayer dense(int in, int out, Activation a) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(a).build();
    }

    private static MultiLayerNetwork net(boolean fast, boolean firstInputGradient) {
        DenseLayer d0 = dense(6, 5, Activation.TANH);
        DenseLayer d1 = dense(5, 4, Activation.RELU);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(fast ? FastDenseLayer.of(d0, firstInputGradient) : d0)
                .layer(fast ? FastDenseLayer.of(d1, true) : d1)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    @Test
    void copiesTheWholeConfiguration() {
        DenseLayer d = new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.SIGMOID).hasBias(false)
                .l2(0.25).name("d").build();
        FastDenseLayer f = FastDenseLayer.of(d, false);
        assertEquals(3, f.getNIn());
        assertEquals(2, f.getNOut());
        assertFalse(f.hasBias());
        assertEquals("d", f.getLayerName());
        assertEquals(d.getActivationFn(), f.getActivationFn());
        assertEquals(d.getRegularization(), f.getRegularization());
        assertFalse(f.inputGradient());
        assertEquals(f, f.clone());
    }

    @Test
    void sameWeightsAfterTrainingStepsAsDl4jsDenseLayer() {
        MultiLayerNetwork ref = net(false, true);
        MultiLayerNetwork fast = net(true, false);
        fast.setParams(ref.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 6).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        for (int step = 0; step < 5; step++) {
            ref.fit(x, y);
            fast.fit(x, y);
            assertEquals(ref.score(), fast.score(), 0.0, "score at step " + step);
        }
        assertEquals(ref.params(), fast.params());
        assertEquals(ref.output(x), fast.output(x));
    }

    /** Keras's classifier: a softmax Dense layer, then the loss alone (kerasj's networks end so). */
    private static MultiLayerNetwork softmaxClassifier(boolean fast) {
        DenseLayer d0 = dense(6, 5, Activation.RELU);
        DenseLayer d1 = dense(5, 4, Activation.SOFTMAX);
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(fast ? FastDenseLayer.of(d0, true) : d0)
                .layer(fast ? FastDenseLayer.of(d1, true) : d1)
                .layer(new org.deeplearning4j.nn.conf.layers.LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.IDENTITY).build())
                .build());
        n.init();
        return n;
    }

    @Test
    void softmaxLayerTrainsAsDl4jsWithinFloatRounding() {
        MultiLayerNetwork ref = softmaxClassifier(false);
        MultiLayerNetwork fast = softmaxClassifier(true);
        fast.setParams(ref.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 9, 6).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 9, 4);
        for (int i = 0; i < 9; i++) {
            y.putScalar(i, (i * 7) % 4, 1.0);
        }
        INDArray out = fast.output(x);
        for (int step = 0; step < 5; step++) {
            ref.fit(x, y);
            fast.fit(x, y);
            assertEquals(ref.score(), fast.score(), 1e-6, "score at step " + step);
            float[] a = ref.params().toFloatVector();
            float[] b = fast.params().toFloatVector();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-6 * (1 + Math.abs(a[i])), "parameter " + i + " after step " + step);
            }
        }
        // the softmax pass itself, against the formula: rows sum to 1, exp(z − max z) / Σ
        INDArray z = x.mmul(ref.getLayer(0).getParam("W")).addiRowVector(ref.getLayer(0).getParam("b"));
        z = org.nd4j.linalg.ops.transforms.Transforms.relu(z).mmul(ref.getLayer(1).getParam("W")).addiRowVector(ref.getLayer(1).getParam("b"));
        fast.setInput(x);
        INDArray trained = fast.feedForward(true, false).get(2);
        for (int r = 0; r < 9; r++) {
            double max = z.getRow(r).maxNumber().doubleValue();
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += Math.exp(z.getDouble(r, k) - max);
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(Math.exp(z.getDouble(r, k) - max) / sum, trained.getDouble(r, k), 1e-6, "row " + r);
            }
        }
        assertEquals(9, out.rows());
    }

    @Test
    void inputGradientMatchesDl4jWhenAskedFor() {
        MultiLayerNetwork ref = hidden(false);
        MultiLayerNetwork fast = hidden(true);
        fast.setParams(ref.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 4, 4);
        Pair<Gradient, INDArray> a = backprop(ref, x, eps);
        Pair<Gradient, INDArray> b = backprop(fast, x, eps);
        assertEquals(a.getSecond(), b.getSecond());
        assertEquals(a.getFirst().gradient(), b.getFirst().gradient());
    }

    /** Two dense layers and no output layer: backprop takes an external epsilon and returns the input gradient. */
    private static MultiLayerNetwork hidden(boolean fast) {
        DenseLayer d0 = dense(6, 5, Activation.TANH);
        DenseLayer d1 = dense(5, 4, Activation.SIGMOID);
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .list().layer(fast ? FastDenseLayer.of(d0, true) : d0).layer(fast ? FastDenseLayer.of(d1, true) : d1).build());
        n.init();
        return n;
    }

    private static Pair<Gradient, INDArray> backprop(MultiLayerNetwork n, INDArray x, INDArray eps) {
        n.setInput(x);
        n.feedForward(true, false);
        Pair<Gradient, INDArray> p = n.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        return new Pair<>(p.getFirst(), p.getSecond().dup());
    }
}
