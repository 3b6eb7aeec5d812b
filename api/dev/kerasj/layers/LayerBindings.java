package dev.kerasj.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Connects a built layer to the model that owns its weights, without giving {@link Layer} a public
 * method for it. The model registers itself when it builds; {@code layer.getWeights()} asks here.
 *
 * <p>The owner is kept in a private field of the layer itself (which {@link Layer} lets this class reach
 * through {@link Slot}), not in a global map: a layer and its model reference each other, so a map from
 * layers to owners kept every model ever built alive, with its native weights (a weak-keyed map does not
 * help, since the value reaches the key). As a field, the pair is collected together once the user holds
 * neither, and a layer the user still holds keeps its model's weights (for transfer learning) as before.
 */
public final class LayerBindings {
    /** What a model offers its layers. */
    public interface Owner {
        List<INDArray> getWeights(Layer layer);

        void setWeights(Layer layer, List<INDArray> weights);

        /** A layer's trainable flag changed: the model must rebuild its training configuration. */
        void layerChanged(Layer layer);
    }

    /** Reads and writes the owner field of a layer; installed once, by {@link Layer}'s class initializer. */
    public interface Slot {
        Owner get(Layer layer);

        void set(Layer layer, Owner owner);
    }

    private static volatile Slot slot;

    private LayerBindings() {
    }

    /** Called by {@link Layer} when its class is initialized; a second call is refused. */
    public static synchronized void install(Slot layerSlot) {
        if (slot != null) {
            throw new IllegalStateException("LayerBindings already has its slot; only dev.kerasj.layers.Layer installs it.");
        }
        slot = layerSlot;
    }

    public static void bind(Layer layer, Owner owner) {
        slot.set(layer, owner);
    }

    public static Owner ownerOf(Layer layer) {
        return slot.get(layer);
    }
}
