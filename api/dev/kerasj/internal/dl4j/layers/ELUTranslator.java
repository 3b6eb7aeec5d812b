package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.ELU;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.impl.ActivationELU;

/** ELU(alpha) → DL4J's {@code ActivationLayer} with {@code ActivationELU(alpha)} (x, or α(eˣ − 1) below zero). */
public final class ELUTranslator implements LayerTranslator<ELU> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(ELU l) {
        return Common.activationLayer(l.name(), new ActivationELU(l.alpha()));
    }
}
