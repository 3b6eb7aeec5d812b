package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.ThresholdedReLU;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/** ThresholdedReLU(theta) → DL4J's {@code ActivationLayer} with {@code ActivationThresholdedReLU(theta)}. */
public final class ThresholdedReLUTranslator implements LayerTranslator<ThresholdedReLU> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(ThresholdedReLU l) {
        return Common.activationLayer(l.name(), new ActivationThresholdedReLU(l.theta()));
    }
}
