package dev.kerasj.internal.dl4j;

import dev.kerasj.optimizers.Optimizer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A kerasj optimizer → the DL4J updater applying Keras's update rule, and its gradient clipping → each
 * layer's gradient normalisation.
 *
 * <p>DL4J's own updaters differ from Keras's (RmsProp: state starts at ε; AdaGrad: no initial
 * accumulator; AdaDelta: no learning rate; no SGD momentum without Nesterov), so every optimizer runs
 * its own Keras {@code update_step} through {@link KerasUpdater}.
 */
public final class Dl4jOptimizers {
    private Dl4jOptimizers() {
    }

    public static IUpdater toUpdater(Optimizer optimizer) {
        return new KerasUpdater(optimizer);
    }

    /**
     * Sets Keras's per-variable clipping on a translated layer: {@code clipnorm} → DL4J's
     * {@code ClipL2PerParamType} (each parameter's gradient rescaled to L2 norm ≤ clipnorm),
     * {@code clipvalue} → {@code ClipElementWiseAbsoluteValue}. Layers without parameters are left alone.
     * DL4J clips the mean batch gradient before adding regularization gradients (Keras clips the sum).
     */
    public static Layer applyClipping(Layer layer, Optimizer optimizer) {
        if (optimizer == null || !(layer instanceof BaseLayer b)) {
            return layer;
        }
        if (optimizer.clipnorm() != null) {
            b.setGradientNormalization(GradientNormalization.ClipL2PerParamType);
            b.setGradientNormalizationThreshold(optimizer.clipnorm());
        } else if (optimizer.clipvalue() != null) {
            b.setGradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue);
            b.setGradientNormalizationThreshold(optimizer.clipvalue());
        }
        return layer;
    }
}
