package dev.kerasj.internal;

import dev.kerasj.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Connects a built layer to the model that owns its weights, without giving {@link Layer} a public
 * method for it. The model registers itself when it builds; {@code layer.getWeights()} asks here.
 */
public final class LayerBindings {
    /** What a model offers its layers. */
    public interface Owner {
        List<INDArray> getWeights(Layer layer);

        void setWeights(Layer layer, List<INDArray> weights);

        /** A layer's trainable flag changed: the model must rebuild its training configuration. */
        void layerChanged(Layer layer);
    }

    private static final Map<Layer, Owner> OWNERS = Collections.synchronizedMap(new WeakHashMap<>());

    private LayerBindings() {
    }

    public static void bind(Layer layer, Owner owner) {
        OWNERS.put(layer, owner);
    }

    public static Owner ownerOf(Layer layer) {
        return OWNERS.get(layer);
    }
}
