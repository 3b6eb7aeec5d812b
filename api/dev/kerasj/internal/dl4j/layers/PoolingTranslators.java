package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.BaseGlobalPooling;
import dev.kerasj.layers.BasePooling;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/** Translators of the pooling layers (no parameters). */
public final class PoolingTranslators {
    private PoolingTranslators() {
    }

    /**
     * MaxPooling1D/2D, AveragePooling1D/2D → DL4J {@code SubsamplingLayer} (NHWC; 1-D pooling runs on the
     * {@code (steps, 1, channels)} image); averages exclude padding from the divisor, as Keras. 2-D pooling
     * runs as {@link FastPooling2DLayer} (the same configuration with kerasj's channels-last kernels).
     */
    public static final class Windowed<L extends BasePooling<L>> implements LayerTranslator<L> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(L p) {
            PoolingType type = p.isMax() ? PoolingType.MAX : PoolingType.AVG;
            ConvolutionMode mode = "same".equals(p.padding()) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
            SubsamplingLayer conf = new SubsamplingLayer.Builder(type)
                    .kernelSize(ConvTranslator.as2d(p.poolSize()))
                    .stride(ConvTranslator.as2d(p.strides()))
                    .padding(0, 0)
                    .dilation(1, 1)
                    .convolutionMode(mode)
                    .avgPoolIncludePadInDivisor(false)
                    .dataFormat(CNN2DFormat.NHWC)
                    .name(p.name())
                    .build();
            return p.rank() == 2 ? FastPooling2DLayer.of(conf) : conf;
        }

        @Override
        public InputPreProcessor preProcessor(L p) {
            return p.rank() == 1 ? new ReshapePreProcessor(p.builtInputShape(), ConvTranslator.as2d(p.builtInputShape())) : null;
        }

        @Override
        public long[] dl4jOutputShape(L p) {
            return ConvTranslator.as2d(p.outputShape());
        }
    }

    /**
     * Global poolings → DL4J {@code GlobalPoolingLayer} over the channels-last spatial axes.
     * GlobalAveragePooling1D reads NCW ({@link NcwPreProcessor}), so that with Keras's mask DL4J averages
     * the unmasked steps only (its masked pooling assumes NCW).
     */
    public static final class Global<L extends BaseGlobalPooling<L>> implements LayerTranslator<L> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(L p) {
            return new GlobalPoolingLayer.Builder(p.isMax() ? PoolingType.MAX : PoolingType.AVG)
                    .poolingDimensions(p.rank() == 1 ? new int[] {averagesSteps(p) ? 2 : 1} : new int[] {1, 2})
                    .collapseDimensions(true)
                    .name(p.name())
                    .build();
        }

        @Override
        public InputPreProcessor preProcessor(L p) {
            long[] in = p.builtInputShape();
            return averagesSteps(p) ? new NcwPreProcessor(in[0], in[1]) : null;
        }

        private static boolean averagesSteps(BaseGlobalPooling<?> p) {
            return p.rank() == 1 && !p.isMax();
        }
    }
}
