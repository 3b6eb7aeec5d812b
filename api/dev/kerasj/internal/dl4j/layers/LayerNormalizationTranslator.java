package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.LayerNormalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.List;

/** LayerNormalization → kerasj's {@link LayerNormSameDiffLayer} (DL4J has no standalone one). */
public final class LayerNormalizationTranslator implements LayerTranslator<LayerNormalization> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(LayerNormalization l) {
        long[] in = l.builtInputShape();
        return new LayerNormSameDiffLayer(l.name(), in[in.length - 1], in.length + 1, l.epsilon(), l.center(), l.scale(),
                l.trainable() ? null : new NoOp());
    }

    @Override
    public List<INDArray> getWeights(LayerNormalization l, org.deeplearning4j.nn.api.Layer dl4j) {
        List<INDArray> out = new ArrayList<>();
        if (l.scale()) {
            INDArray g = dl4j.getParam("gamma");
            out.add(g.dup('c').reshape(g.length()));
        }
        if (l.center()) {
            INDArray b = dl4j.getParam("beta");
            out.add(b.dup('c').reshape(b.length()));
        }
        return out;
    }

    @Override
    public void setWeights(LayerNormalization l, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        int i = 0;
        INDArray g = dl4j.getParam("gamma");
        INDArray b = dl4j.getParam("beta");
        if (l.scale()) {
            g.assign(weights.get(i++).reshape(g.shape()));
        } else {
            g.assign(1);
        }
        if (l.center()) {
            b.assign(weights.get(i).reshape(b.shape()));
        } else {
            b.assign(0);
        }
    }
}
