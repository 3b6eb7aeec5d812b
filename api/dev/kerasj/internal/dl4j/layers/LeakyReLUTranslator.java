package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.LeakyReLU;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

/** LeakyReLU(negative_slope) → DL4J's {@code ActivationLayer} with {@code ActivationLReLU(negative_slope)}. */
public final class LeakyReLUTranslator implements LayerTranslator<LeakyReLU> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(LeakyReLU l) {
        return Common.activationLayer(l.name(), new ActivationLReLU(l.negativeSlope()));
    }
}
