package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * BatchNormalization → DL4J {@code BatchNormalization} with decay = momentum, the variance stored as
 * variance ({@code useLogStd(false)}), NHWC images; a sequence {@code (steps, C)} is normalised as the
 * {@code (steps, 1, C)} image. DL4J's gamma, beta, mean, var {@code (1, C)} are Keras's gamma, beta,
 * moving_mean, moving_variance; center = scale = false is DL4J's {@code lockGammaBeta}. A frozen
 * ({@code trainable(false)}) layer runs as {@link FrozenBatchNormLayer}: inference mode even in training,
 * as in Keras, with the same parameters (weights carry over when the model is rebuilt after a freeze); a trainable
 * one as {@link FusableBatchNormLayer} (DL4J's layer, which an {@link InferenceFusion} may absorb at inference).
 */
public final class BatchNormalizationTranslator implements LayerTranslator<BatchNormalization> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(BatchNormalization bn) {
        long c = bn.builtInputShape()[bn.builtInputShape().length - 1];
        org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder b =
                new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder(bn.momentum(), true)
                        .eps(bn.epsilon())
                        .useLogStd(false)
                        .lockGammaBeta(!bn.scale())
                        .gamma(1.0)
                        .beta(0.0)
                        .helperAllowFallback(true);
        if (bn.builtInputShape().length > 1) {
            b.dataFormat(CNN2DFormat.NHWC);
        }
        b.nIn(c).nOut(c);
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf = Common.apply(b, bn, null, null).build();
        return bn.trainable() ? FusableBatchNormLayer.of(conf) : FrozenBatchNormLayer.of(conf);
    }

    @Override
    public InputPreProcessor preProcessor(BatchNormalization bn) {
        return bn.builtInputShape().length == 2
                ? new ReshapePreProcessor(bn.builtInputShape(), ConvTranslator.as2d(bn.builtInputShape())) : null;
    }

    @Override
    public long[] dl4jOutputShape(BatchNormalization bn) {
        return bn.outputShape().length == 2 ? ConvTranslator.as2d(bn.outputShape()) : bn.outputShape();
    }

    private static List<String> keys(BatchNormalization bn) {
        List<String> k = new ArrayList<>();
        if (bn.scale()) {
            k.add(BatchNormalizationParamInitializer.GAMMA);
            k.add(BatchNormalizationParamInitializer.BETA);
        }
        k.add(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        k.add(BatchNormalizationParamInitializer.GLOBAL_VAR);
        return k;
    }

    @Override
    public List<INDArray> getWeights(BatchNormalization bn, org.deeplearning4j.nn.api.Layer dl4j) {
        List<INDArray> out = new ArrayList<>();
        for (String k : keys(bn)) {
            INDArray p = dl4j.getParam(k);
            out.add(p.dup('c').reshape(p.length()));
        }
        return out;
    }

    @Override
    public void setWeights(BatchNormalization bn, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        List<String> keys = keys(bn);
        for (int i = 0; i < keys.size(); i++) {
            INDArray p = dl4j.getParam(keys.get(i));
            p.assign(weights.get(i).reshape(p.shape()));
        }
    }
}
