package dev.kerasj.layers;

import dev.kerasj.internal.Registry;

import java.util.List;
import java.util.Map;

/**
 * The registry of layer class names, used to rebuild a saved model: {@code {"class_name": "Dense",
 * "config": {…}}} → {@code Dense.fromConfig(config)}.
 *
 * <pre>{@code
 * Layer copy = Layers.deserialize(dense.serialize());
 * }</pre>
 */
public final class Layers {
    private static final Registry<Layer> REGISTRY = new Registry<Layer>("layer")
            .className("InputLayer", Input::fromConfig)
            .className("Dense", Dense::fromConfig)
            .className("Activation", Activation::fromConfig)
            .className("Dropout", Dropout::fromConfig)
            .className("Flatten", Flatten::fromConfig)
            .className("Reshape", Reshape::fromConfig)
            .className("Add", Add::fromConfig)
            .className("Subtract", Subtract::fromConfig)
            .className("Multiply", Multiply::fromConfig)
            .className("Average", Average::fromConfig)
            .className("Maximum", Maximum::fromConfig)
            .className("Concatenate", Concatenate::fromConfig)
            .className("Dot", Dot::fromConfig)
            .className("Conv1D", Conv1D::fromConfig)
            .className("Conv2D", Conv2D::fromConfig)
            .className("MaxPooling1D", MaxPooling1D::fromConfig)
            .className("MaxPooling2D", MaxPooling2D::fromConfig)
            .className("AveragePooling1D", AveragePooling1D::fromConfig)
            .className("AveragePooling2D", AveragePooling2D::fromConfig)
            .className("GlobalMaxPooling1D", GlobalMaxPooling1D::fromConfig)
            .className("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig)
            .className("GlobalAveragePooling1D", GlobalAveragePooling1D::fromConfig)
            .className("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig)
            .className("LSTM", LSTM::fromConfig)
            .className("GRU", GRU::fromConfig)
            .className("Bidirectional", Bidirectional::fromConfig)
            .className("Conv2DTranspose", Conv2DTranspose::fromConfig)
            .className("SeparableConv2D", SeparableConv2D::fromConfig)
            .className("SpatialDropout2D", SpatialDropout2D::fromConfig)
            .className("TimeDistributed", TimeDistributed::fromConfig)
            .className("LayerNormalization", LayerNormalization::fromConfig)
            .className("Permute", Permute::fromConfig)
            .className("ZeroPadding2D", ZeroPadding2D::fromConfig)
            .className("Cropping2D", Cropping2D::fromConfig)
            .className("UpSampling2D", UpSampling2D::fromConfig)
            .className("RepeatVector", RepeatVector::fromConfig)
            .className("GaussianNoise", GaussianNoise::fromConfig)
            .className("Embedding", Embedding::fromConfig)
            .className("Masking", Masking::fromConfig)
            .className("BatchNormalization", BatchNormalization::fromConfig)
            .className("SimpleRNN", SimpleRNN::fromConfig);

    private Layers() {
    }

    /** Rebuilds a layer from {@code {"class_name": …, "config": …}}; an unknown class lists the known ones. */
    public static Layer deserialize(Map<String, Object> serialized) {
        return REGISTRY.fromConfig(serialized);
    }

    /** Every layer class name kerasj can rebuild. */
    public static List<String> classNames() {
        return REGISTRY.classNames();
    }
}
