package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.ReLU;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;

/**
 * ReLU(max_value, negative_slope, threshold) → DL4J's {@code ActivationLayer}: the plain {@code ActivationReLU}
 * for ReLU(), {@code ActivationReLU6} for ReLU(6) (MobileNetV2's), else {@code ActivationReLU(max, threshold,
 * slope)}, which computes Keras's piecewise formula.
 */
public final class ReLUTranslator implements LayerTranslator<ReLU> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(ReLU l) {
        return Common.activationLayer(l.name(), activation(l));
    }

    private static IActivation activation(ReLU l) {
        boolean plain = l.negativeSlope() == 0 && l.threshold() == 0;
        if (plain && l.maxValue() == null) {
            return new ActivationReLU();
        }
        if (plain && l.maxValue() == 6.0) {
            return new ActivationReLU6();
        }
        return new ActivationReLU(l.maxValue(), l.threshold(), l.negativeSlope());
    }
}
