package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.layers.Dl4jActivations;
import dev.kerasj.layers.Activation;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Masking;
import dev.kerasj.layers.Reshape;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/** Translators of the layers without parameters: Activation, Dropout, Masking, Flatten, Reshape. */
public final class NoParamTranslators {
    private NoParamTranslators() {
    }

    /** Activation → DL4J {@code ActivationLayer}. */
    public static final class ActivationTranslator implements LayerTranslator<Activation> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Activation a) {
            return Common.activationLayer(a.name(), Dl4jActivations.of(a.activation()));
        }
    }

    /**
     * Dropout(rate) → DL4J {@code DropoutLayer} keeping 1 − rate (inverted dropout, as Keras; the mask drawn in Java,
     * {@link FastDropout}); with a noise_shape, {@link NoiseShapeDropout}.
     */
    public static final class DropoutTranslator implements LayerTranslator<Dropout> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Dropout d) {
            DropoutLayer.Builder b = new DropoutLayer.Builder(d.noiseShape() == null
                    ? new FastDropout(d.rate())
                    : new NoiseShapeDropout(d.rate(), d.noiseShape()));
            return MaskAwareLayers.Dropout.of(b.name(d.name()).nIn(0).nOut(0).build());
        }
    }

    /**
     * Masking → an identity {@code ActivationLayer}: Masking reads a model input, so the runtime zeroes the
     * masked steps of that input ({@code MaskPlan.masked}) and passes the mask as DL4J's feature mask.
     */
    public static final class MaskingTranslator implements LayerTranslator<Masking> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Masking m) {
            return Common.activationLayer(m.name(), new ActivationIdentity());
        }
    }

    /** Flatten and Reshape → an identity {@code ActivationLayer} (passing arrays through) behind a row-major reshape. */
    public static final class ReshapeTranslator<L extends Layer> implements LayerTranslator<L> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(L layer) {
            return Common.activationLayer(layer.name(), new ActivationIdentity());
        }

        @Override
        public InputPreProcessor preProcessor(L layer) {
            return new ReshapePreProcessor(layer.builtInputShape(), layer.outputShape());
        }
    }

    static Class<?>[] handled() {
        return new Class<?>[] {Activation.class, Dropout.class, Flatten.class, Reshape.class};
    }
}
