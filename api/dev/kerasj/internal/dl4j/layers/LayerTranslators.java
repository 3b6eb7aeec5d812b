package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.Activation;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Reshape;

import java.util.HashMap;
import java.util.Map;

/** The registry: kerasj layer class → its DL4J translator. One line per layer type. */
public final class LayerTranslators {
    private static final Map<Class<? extends Layer>, LayerTranslator<?>> TRANSLATORS = new HashMap<>();

    static {
        TRANSLATORS.put(Dense.class, new DenseTranslator());
        TRANSLATORS.put(Activation.class, new NoParamTranslators.ActivationTranslator());
        TRANSLATORS.put(Dropout.class, new NoParamTranslators.DropoutTranslator());
        TRANSLATORS.put(Flatten.class, new NoParamTranslators.ReshapeTranslator<Flatten>());
        TRANSLATORS.put(Reshape.class, new NoParamTranslators.ReshapeTranslator<Reshape>());
    }

    private LayerTranslators() {
    }

    @SuppressWarnings("unchecked")
    public static <L extends Layer> LayerTranslator<L> of(L layer) {
        LayerTranslator<?> t = TRANSLATORS.get(layer.getClass());
        if (t == null) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' (" + layer.className()
                    + ") has no DL4J translation.");
        }
        return (LayerTranslator<L>) t;
    }
}
