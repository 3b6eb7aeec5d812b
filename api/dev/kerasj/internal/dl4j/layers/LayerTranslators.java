package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.*;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Finds the DL4J translator of a kerasj layer: for a layer class {@code dev.kerasj.layers.X}, the class
 * {@code dev.kerasj.internal.dl4j.layers.XTranslator} (so a new built-in layer is two files: the layer and
 * its translator); a {@link CustomLayer} runs as a SameDiff layer, a {@link PreprocessingLayer} as its Java code
 * ({@link PreprocessingTranslator}); the table below names the translators
 * that serve several layer classes or predate the convention.
 */
public final class LayerTranslators {
    private static final Map<Class<? extends Layer>, LayerTranslator<?>> TRANSLATORS = new ConcurrentHashMap<>();

    static {
        TRANSLATORS.put(Dense.class, new DenseTranslator());
        TRANSLATORS.put(Activation.class, new NoParamTranslators.ActivationTranslator());
        TRANSLATORS.put(Dropout.class, new NoParamTranslators.DropoutTranslator());
        TRANSLATORS.put(Flatten.class, new NoParamTranslators.ReshapeTranslator<Flatten>());
        TRANSLATORS.put(Reshape.class, new NoParamTranslators.ReshapeTranslator<Reshape>());
        TRANSLATORS.put(Conv1D.class, new ConvTranslator<Conv1D>());
        TRANSLATORS.put(Conv2D.class, new ConvTranslator<Conv2D>());
        TRANSLATORS.put(MaxPooling1D.class, new PoolingTranslators.Windowed<MaxPooling1D>());
        TRANSLATORS.put(MaxPooling2D.class, new PoolingTranslators.Windowed<MaxPooling2D>());
        TRANSLATORS.put(AveragePooling1D.class, new PoolingTranslators.Windowed<AveragePooling1D>());
        TRANSLATORS.put(AveragePooling2D.class, new PoolingTranslators.Windowed<AveragePooling2D>());
        TRANSLATORS.put(GlobalMaxPooling1D.class, new PoolingTranslators.Global<GlobalMaxPooling1D>());
        TRANSLATORS.put(GlobalMaxPooling2D.class, new PoolingTranslators.Global<GlobalMaxPooling2D>());
        TRANSLATORS.put(GlobalAveragePooling1D.class, new PoolingTranslators.Global<GlobalAveragePooling1D>());
        TRANSLATORS.put(GlobalAveragePooling2D.class, new PoolingTranslators.Global<GlobalAveragePooling2D>());
        TRANSLATORS.put(LSTM.class, new RecurrentTranslators.LstmTranslator());
        TRANSLATORS.put(SimpleRNN.class, new RecurrentTranslators.SimpleRnnTranslator());
        TRANSLATORS.put(BatchNormalization.class, new BatchNormalizationTranslator());
        TRANSLATORS.put(Embedding.class, new EmbeddingTranslator());
        TRANSLATORS.put(Masking.class, new NoParamTranslators.MaskingTranslator());
        TRANSLATORS.put(GRU.class, new RecurrentTranslators.GruTranslator());
        TRANSLATORS.put(ZeroPadding2D.class, new ReshapingTranslators.ZeroPadding());
        TRANSLATORS.put(Cropping2D.class, new ReshapingTranslators.Cropping());
        TRANSLATORS.put(UpSampling2D.class, new ReshapingTranslators.UpSampling());
        TRANSLATORS.put(RepeatVector.class, new ReshapingTranslators.Repeat());
        TRANSLATORS.put(GaussianNoise.class, new ReshapingTranslators.Noise());
        TRANSLATORS.put(Permute.class, new ReshapingTranslators.PermuteAxes());
        TRANSLATORS.put(LayerNormalization.class, new LayerNormalizationTranslator());
        TRANSLATORS.put(TimeDistributed.class, new TimeDistributedTranslator());
        TRANSLATORS.put(SpatialDropout2D.class, new ReshapingTranslators.SpatialDropout());
        TRANSLATORS.put(SeparableConv2D.class, new SeparableConvTranslator());
        TRANSLATORS.put(Conv2DTranspose.class, new ConvTransposeTranslator());
        TRANSLATORS.put(Bidirectional.class, new BidirectionalTranslator());
    }

    private LayerTranslators() {
    }

    @SuppressWarnings("unchecked")
    public static <L extends Layer> LayerTranslator<L> of(L layer) {
        LayerTranslator<?> t = TRANSLATORS.computeIfAbsent(layer.getClass(), LayerTranslators::byConvention);
        if (t == NONE) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' (" + layer.getClass().getName()
                    + ") has no DL4J translation. A layer of your own extends dev.kerasj.layers.CustomLayer (its call()"
                    + " in SameDiff operations); a built-in layer X needs the class " + PACKAGE + "." + "XTranslator.");
        }
        return (LayerTranslator<L>) t;
    }

    private static final String PACKAGE = LayerTranslators.class.getPackageName();
    /** Marks a layer class without a translator (cached like the others). */
    private static final LayerTranslator<Layer> NONE = l -> {
        throw new IllegalStateException();
    };

    /** {@code XTranslator} in this package for a built-in {@code dev.kerasj.layers.X}; custom layers run on SameDiff. */
    private static LayerTranslator<?> byConvention(Class<? extends Layer> type) {
        if (CustomLayer.class.isAssignableFrom(type)) {
            return new CustomLayerTranslator();
        }
        if (PreprocessingLayer.class.isAssignableFrom(type)) {
            return new PreprocessingTranslator();
        }
        if (!type.getPackageName().equals(Layer.class.getPackageName())) {
            return NONE;
        }
        try {
            Class<?> c = Class.forName(PACKAGE + "." + type.getSimpleName() + "Translator");
            if (!LayerTranslator.class.isAssignableFrom(c)) {
                return NONE;
            }
            return (LayerTranslator<?>) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return NONE;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Translator of " + type.getSimpleName() + " cannot be created: " + e, e);
        }
    }
}
