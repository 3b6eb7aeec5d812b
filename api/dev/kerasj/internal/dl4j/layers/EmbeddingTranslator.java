package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.Embedding;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Embedding → DL4J {@code EmbeddingSequenceLayer} (NWC output, no bias); its W is Keras's embeddings. With
 * mask_zero it runs inside {@link MaskAwareLayers.MaskPassing}: Keras looks up id 0 like any id.
 */
public final class EmbeddingTranslator implements LayerTranslator<Embedding> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Embedding e) {
        EmbeddingSequenceLayer.Builder b = new EmbeddingSequenceLayer.Builder()
                .inputLength((int) e.builtInputShape()[0])
                .inferInputLength(false)
                .outputDataFormat(RNNFormat.NWC)
                .hasBias(false);
        b.nIn(e.inputDim()).nOut(e.outputDim()).activation(new ActivationIdentity());
        EmbeddingSequenceLayer conf = Common.apply(b, e, e.embeddingsRegularizer(), null).build();
        return e.maskZero() ? new MaskAwareLayers.MaskPassing(conf) : conf;
    }

    @Override
    public List<INDArray> getWeights(Embedding e, org.deeplearning4j.nn.api.Layer dl4j) {
        return List.of(dl4j.getParam(DefaultParamInitializer.WEIGHT_KEY).dup('c'));
    }

    @Override
    public void setWeights(Embedding e, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        dl4j.getParam(DefaultParamInitializer.WEIGHT_KEY).assign(weights.get(0));
    }
}
