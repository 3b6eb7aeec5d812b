package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.TimeDistributed;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** TimeDistributed(Dense) → DL4J's {@code TimeDistributed} wrapper (NWC) around the Dense translation. */
public final class TimeDistributedTranslator implements LayerTranslator<TimeDistributed> {
    private final DenseTranslator dense = new DenseTranslator();

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(TimeDistributed t) {
        org.deeplearning4j.nn.conf.layers.Layer inner = dense.toDl4j(t.layer());
        inner.setLayerName(t.name());
        return new MaskAwareLayers.TimeDistributed(inner);
    }

    @Override
    public List<INDArray> getWeights(TimeDistributed t, org.deeplearning4j.nn.api.Layer dl4j) {
        return dense.getWeights(t.layer(), dl4j);
    }

    @Override
    public void setWeights(TimeDistributed t, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        dense.setWeights(t.layer(), dl4j, weights);
    }
}
