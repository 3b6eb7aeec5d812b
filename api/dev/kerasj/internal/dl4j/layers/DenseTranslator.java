package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.layers.Dl4jActivations;
import dev.kerasj.layers.Dense;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/** Dense → DL4J {@code DenseLayer}; kernel {@code (in, units)} is DL4J's W, bias {@code (units,)} its b. */
public final class DenseTranslator implements LayerTranslator<Dense> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Dense d) {
        DenseLayer.Builder b = new DenseLayer.Builder()
                .nIn(d.builtInputShape()[0])
                .nOut(d.units())
                .activation(Dl4jActivations.of(d.activation()))
                .hasBias(d.useBias())
                .hasLayerNorm(false);
        return Common.apply(b, d, d.kernelRegularizer(), d.biasRegularizer()).build();
    }

    @Override
    public List<INDArray> getWeights(Dense d, org.deeplearning4j.nn.api.Layer dl4j) {
        List<INDArray> w = new ArrayList<>();
        INDArray kernel = dl4j.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray c = Nd4j.createUninitialized(kernel.dataType(), kernel.shape(), 'c');
        Transposes.assign(c, kernel);
        w.add(c);
        if (d.useBias()) {
            w.add(dl4j.getParam(DefaultParamInitializer.BIAS_KEY).dup('c').reshape(d.units()));
        }
        return w;
    }

    @Override
    public void setWeights(Dense d, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        Transposes.assign(dl4j.getParam(DefaultParamInitializer.WEIGHT_KEY), weights.get(0));
        if (d.useBias()) {
            INDArray b = dl4j.getParam(DefaultParamInitializer.BIAS_KEY);
            b.assign(weights.get(1).reshape(b.shape()));
        }
    }
}
