package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.SpatialDropout2D;
import dev.kerasj.layers.Cropping2D;
import dev.kerasj.layers.Permute;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import dev.kerasj.layers.GaussianNoise;
import dev.kerasj.layers.RepeatVector;
import dev.kerasj.layers.UpSampling2D;
import dev.kerasj.layers.ZeroPadding2D;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/** Translators of the parameter-free layers that change the shape (or add noise): all NHWC / NWC. */
public final class ReshapingTranslators {
    private ReshapingTranslators() {
    }

    /** ZeroPadding2D → DL4J {@code ZeroPaddingLayer} (top, bottom, left, right), forward pass by {@link FastZeroPaddingLayer}. */
    public static final class ZeroPadding implements LayerTranslator<ZeroPadding2D> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(ZeroPadding2D z) {
            int[] p = z.padding();
            return FastZeroPaddingLayer.of(new ZeroPaddingLayer.Builder(p[0], p[1], p[2], p[3]).dataFormat(CNN2DFormat.NHWC)
                    .name(z.name()).build());
        }
    }

    /** Cropping2D → DL4J {@code Cropping2D} (top, bottom, left, right). */
    public static final class Cropping implements LayerTranslator<Cropping2D> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Cropping2D c) {
            int[] p = c.cropping();
            return new org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D.Builder(p[0], p[1], p[2], p[3])
                    .dataFormat(CNN2DFormat.NHWC).name(c.name()).build();
        }
    }

    /** UpSampling2D → DL4J {@code Upsampling2D} (nearest neighbour). */
    public static final class UpSampling implements LayerTranslator<UpSampling2D> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(UpSampling2D u) {
            return new Upsampling2D.Builder().size(u.size()).dataFormat(CNN2DFormat.NHWC).name(u.name()).build();
        }
    }

    /** RepeatVector → DL4J {@code RepeatVector} with NWC output. */
    public static final class Repeat implements LayerTranslator<RepeatVector> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(RepeatVector r) {
            return new org.deeplearning4j.nn.conf.layers.misc.RepeatVector.Builder(r.n()).dataFormat(RNNFormat.NWC)
                    .name(r.name()).build();
        }
    }

    /** Permute → an identity {@code ActivationLayer} behind a {@link PermutePreProcessor}. */
    public static final class PermuteAxes implements LayerTranslator<Permute> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Permute p) {
            return new ActivationLayer.Builder().name(p.name()).activation(new ActivationIdentity()).build();
        }

        @Override
        public InputPreProcessor preProcessor(Permute p) {
            int[] perm = p.dims();
            for (int i = 0; i < perm.length; i++) {
                perm[i] -= 1;
            }
            return new PermutePreProcessor(perm, p.outputShape());
        }
    }

    /**
     * SpatialDropout2D → a DL4J {@code DropoutLayer} with {@link NoiseShapeDropout}{@code (rate, (batch, 1, 1, channels))},
     * Keras's own definition: one draw per (sample, channel), shared by every position (DL4J's SpatialDropout
     * assumes channels on axis 1).
     */
    public static final class SpatialDropout implements LayerTranslator<SpatialDropout2D> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(SpatialDropout2D d) {
            return new DropoutLayer.Builder(new NoiseShapeDropout(d.rate(), new long[] {-1, 1, 1, -1})).name(d.name()).nIn(0).nOut(0).build();
        }
    }

    /** GaussianNoise → a DL4J {@code DropoutLayer} whose "dropout" is additive Gaussian noise (training only). */
    public static final class Noise implements LayerTranslator<GaussianNoise> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(GaussianNoise g) {
            return MaskAwareLayers.Dropout.of(new DropoutLayer.Builder(
                    new org.deeplearning4j.nn.conf.dropout.GaussianNoise(g.stddev())).name(g.name()).nIn(0).nOut(0).build());
        }
    }
}
