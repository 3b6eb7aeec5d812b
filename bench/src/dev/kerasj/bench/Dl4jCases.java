package dev.kerasj.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/**
 * The same networks written directly in DL4J, the way its examples do: a {@link DataSet} shuffled and
 * cut into mini-batches each epoch, {@code net.fit(batch)}, DL4J's softmax + MCXENT output layer.
 */
final class Dl4jCases {
    private Dl4jCases() {
    }

    static MultiLayerNetwork mlpNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(512).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static double[] mlp(BenchData.Mnist m, int epochs) {
        INDArray x = Nd4j.createFromArray(m.xTrain()).reshape(m.nTrain(), 784);
        return fit(mlpNet(), new DataSet(x, oneHot(m.yTrain(), 10)), epochs, 128);
    }

    static double[] cnn(BenchData.Mnist m, int epochs) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        System.out.println("BENCH info params " + net.numParams());
        INDArray x = Nd4j.createFromArray(m.xTrain()).reshape(m.nTrain(), 1, 28, 28);   // DL4J's NCHW
        return fit(net, new DataSet(x, oneHot(m.yTrain(), 10)), epochs, 128);
    }

    static double[] lstm(BenchData.Weather w, int epochs) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(new RmsProp(1e-3, 0.9, 1e-7))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(w.features()).nOut(16).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // DL4J's recurrent layout is NCW: (samples, features, time)
        INDArray x = Nd4j.createFromArray(w.x()).reshape(w.n(), w.steps(), w.features()).permute(0, 2, 1).dup('c');
        INDArray y = Nd4j.createFromArray(w.y()).reshape(w.n(), 1);
        return fit(net, new DataSet(x, y), epochs, 256);
    }

    static double[] predict(BenchData.Mnist m, int repeats) {
        MultiLayerNetwork net = mlpNet();
        INDArray x = Nd4j.createFromArray(m.xTest()).reshape(m.nTest(), 784);
        List<DataSet> batches = new DataSet(x, x).batchBy(32);
        double[] s = new double[repeats + 1];
        for (int i = 0; i <= repeats; i++) {
            long t = System.nanoTime();
            INDArray out = Nd4j.create(DataType.FLOAT, m.nTest(), 10);
            long row = 0;
            for (DataSet b : batches) {
                INDArray p = net.output(b.getFeatures(), false);
                out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(row, row + p.size(0))).assign(p);
                row += p.size(0);
            }
            s[i] = (System.nanoTime() - t) / 1e9;
        }
        return java.util.Arrays.copyOfRange(s, 1, s.length);   // the first call is the warm-up
    }

    private static double[] fit(MultiLayerNetwork net, DataSet all, int epochs, int batch) {
        double[] s = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long t = System.nanoTime();
            all.shuffle(e);
            for (DataSet b : all.batchBy(batch)) {
                net.fit(b);
            }
            s[e] = (System.nanoTime() - t) / 1e9;
            System.out.println("BENCH info epoch " + e + " score " + net.score());
        }
        return s;
    }

    private static INDArray oneHot(int[] labels, int classes) {
        float[] f = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            f[i * classes + labels[i]] = 1f;
        }
        return Nd4j.createFromArray(f).reshape(labels.length, classes);
    }
}
