package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.Softmax;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;

/** Softmax() → DL4J's {@code ActivationLayer} with the softmax Activation("softmax") uses. */
public final class SoftmaxTranslator implements LayerTranslator<Softmax> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Softmax l) {
        return Common.activationLayer(l.name(), Dl4jActivations.of("softmax"));
    }
}
