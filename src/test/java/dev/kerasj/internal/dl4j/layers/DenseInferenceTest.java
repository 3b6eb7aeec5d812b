package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** DenseInference gives DL4J's inference outputs (to float rounding: INDArray.equals, 1e-5), and the formula's values, batch by batch. */
class DenseInferenceTest {
    private static MultiLayerNetwork net(Activation hidden, Activation out, boolean bias) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).list()
                .layer(FastDenseLayer.of(new DenseLayer.Builder().nIn(7).nOut(6).activation(hidden).hasBias(bias).build(), false))
                .layer(FastDenseLayer.of(new DenseLayer.Builder().nIn(6).nOut(3).activation(out).build(), true))
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        n.params().assign(Nd4j.rand(DataType.FLOAT, n.params().shape()).subi(0.5));   // biases nonzero too
        return n;
    }

    @Test
    void equalsDl4jsOutput() {
        for (Activation[] a : List.of(new Activation[] {Activation.RELU, Activation.SOFTMAX},
                new Activation[] {Activation.IDENTITY, Activation.SIGMOID}, new Activation[] {Activation.TANH, Activation.IDENTITY})) {
            for (boolean bias : new boolean[] {true, false}) {
                MultiLayerNetwork n = net(a[0], a[1], bias);
                DenseInference plan = DenseInference.of(n);
                assertNotNull(plan, a[0] + "/" + a[1]);
                INDArray x = Nd4j.rand(DataType.FLOAT, 11, 7).subi(0.5);
                for (int from = 0; from < 11; from += 4) {   // batches of 4, 4, 3: the reused buffers change size
                    INDArray xb = x.get(NDArrayIndex.interval(from, Math.min(11, from + 4)), NDArrayIndex.all()).dup();
                    assertEquals(n.output(xb, false), plan.output(xb), a[0] + "/" + a[1] + " bias " + bias);
                }
            }
        }
    }

    @Test
    void matchesTheFormulaByHand() {
        MultiLayerNetwork n = net(Activation.RELU, Activation.IDENTITY, true);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 7).subi(0.5);
        INDArray got = DenseInference.of(n).output(x);
        float[][] w0 = n.getLayer(0).getParam("W").toFloatMatrix();
        float[] b0 = n.getLayer(0).getParam("b").toFloatVector();
        float[][] w1 = n.getLayer(1).getParam("W").toFloatMatrix();
        float[] b1 = n.getLayer(1).getParam("b").toFloatVector();
        for (int r = 0; r < 5; r++) {
            double[] h = new double[6];
            for (int j = 0; j < 6; j++) {
                double z = b0[j];
                for (int i = 0; i < 7; i++) {
                    z += x.getDouble(r, i) * w0[i][j];
                }
                h[j] = Math.max(0, z);   // relu(x·W0 + b0)
            }
            for (int k = 0; k < 3; k++) {
                double y = b1[k];
                for (int j = 0; j < 6; j++) {
                    y += h[j] * w1[j][k];
                }
                assertEquals(y, got.getDouble(r, k), 1e-5);
            }
        }
    }

    @Test
    void wholeInputInBatchesEqualsBatchByBatch() {
        for (Activation[] a : List.of(new Activation[] {Activation.RELU, Activation.SOFTMAX},
                new Activation[] {Activation.TANH, Activation.IDENTITY})) {
            MultiLayerNetwork n = net(a[0], a[1], true);
            DenseInference plan = DenseInference.of(n);
            INDArray x = Nd4j.rand(DataType.FLOAT, 11, 7).subi(0.5);
            INDArray all = plan.outputInBatches(x, 4);   // batches of 4, 4, 3 written into one result
            assertArrayEquals(new long[] {11, 3}, all.shape());
            for (int from = 0; from < 11; from += 4) {
                INDArray xb = x.get(NDArrayIndex.interval(from, Math.min(11, from + 4)), NDArrayIndex.all()).dup();
                assertEquals(n.output(xb, false), all.get(NDArrayIndex.interval(from, Math.min(11, from + 4)), NDArrayIndex.all()),
                        a[0] + "/" + a[1] + " rows from " + from);
            }
            assertNull(plan.outputInBatches(x.dup('f'), 4));   // not row-major: the caller goes batch by batch
        }
    }

    /** Dense 40 → 600 ReLU → 10 softmax with kerasj's fast layers, enough multiply-adds for two cores at 700 rows. */
    private static MultiLayerNetwork wideNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).list()
                .layer(FastDenseLayer.of(new DenseLayer.Builder().nIn(40).nOut(600).activation(Activation.RELU).build(), false))
                .layer(FastDenseLayer.of(new DenseLayer.Builder().nIn(600).nOut(10).activation(Activation.SOFTMAX).build(), true))
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    @Test
    void consecutiveBatchesRunAsOneProductWithTheSameRows() {
        MultiLayerNetwork n = wideNet();
        DenseInference plan = DenseInference.of(n);
        INDArray x = Nd4j.rand(DataType.FLOAT, 700, 40).subi(0.5);
        for (int batch : new int[] {32, 100, 300}) {   // 8 batches per product; 2 (200 rows); one batch above 256 rows
            int group = batch * Math.max(1, DenseInference.ROWS_PER_PRODUCT / batch);
            INDArray all = plan.outputInBatches(x, batch);
            for (int from = 0; from < 700; from += group) {
                INDArray rows = x.get(NDArrayIndex.interval(from, Math.min(700, from + group)), NDArrayIndex.all()).dup();
                assertArrayEquals(plan.output(rows).reshape(-1).toFloatVector(),
                        all.get(NDArrayIndex.interval(from, Math.min(700, from + group)), NDArrayIndex.all()).dup().reshape(-1).toFloatVector(),
                        "batch " + batch + ", rows from " + from);   // bit for bit: the same product
            }
            assertEquals(n.output(x, false), all, "batch " + batch + ": DL4J's output within float rounding");
        }
    }

    @Test
    void twoCoresGiveEveryBatchItsOwnSequentialResult() {
        // 700 rows · (40·600 + 600·10) multiply-adds ≥ DenseInference.TWO_CORE_MACS: on a machine with two cores
        // and one BLAS thread per call the batches run on two threads; each must equal that batch alone
        MultiLayerNetwork n = wideNet();
        assertTrue(700L * (40 * 600 + 600 * 10) >= DenseInference.TWO_CORE_MACS);
        DenseInference plan = DenseInference.of(n);
        INDArray x = Nd4j.rand(DataType.FLOAT, 700, 40).subi(0.5);
        for (int round = 0; round < 3; round++) {   // the second thread's buffers are reused from call to call
            INDArray all = plan.outputInBatches(x, 32);
            for (int from = 0; from < 700; from += 32) {
                INDArray xb = x.get(NDArrayIndex.interval(from, Math.min(700, from + 32)), NDArrayIndex.all()).dup();
                assertEquals(plan.output(xb), all.get(NDArrayIndex.interval(from, Math.min(700, from + 32)), NDArrayIndex.all()),
                        "rows from " + from);
                assertEquals(n.output(xb, false), plan.output(xb), "DL4J's output, rows from " + from);
            }
        }
    }

    @Test
    void keepsDl4jsPathForOtherLayers() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(2).build())   // DL4J's own dense layer
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        assertNull(DenseInference.of(n));
    }

    @Test
    void sequentialPredictIsBatchSizeIndependentAndFreshPerCall() {
        Kerasj.setRandomSeed(2);
        Sequential m = new Sequential(new Input(4, 3), new Flatten(), new Dense(8, "relu"), new Dropout(0.5),
                new Dense(3, "softmax"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 70, 4, 3);
        INDArray all = m.predict(x, 70);
        INDArray by32 = m.predict(x);
        INDArray first = m.predict(x.get(NDArrayIndex.interval(0, 1)));
        INDArray copy = first.dup();
        m.predict(x.get(NDArrayIndex.interval(1, 2)));   // must not overwrite the first result
        assertEquals(copy, first);
        assertTrue(all.equalsWithEps(by32, 1e-6));
        for (int from = 0; from < 70; from += 32) {   // the whole-input loop gives each batch's own predict bit for bit
            INDArray batch = x.get(NDArrayIndex.interval(from, Math.min(70, from + 32))).dup();
            assertEquals(m.predict(batch), by32.get(NDArrayIndex.interval(from, Math.min(70, from + 32))));
        }
        assertEquals(70, by32.size(0));
        assertTrue(by32.sum(1).sub(1.0).amax().getDouble(0) < 1e-5);   // softmax rows sum to 1
    }
}
