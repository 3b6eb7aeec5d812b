package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Translates one kerasj layer type to DL4J: the layer configuration (every field set explicitly to
 * Keras's value), an optional input preprocessor, and the mapping between Keras's weight layout and
 * DL4J's parameters.
 *
 * @param <L> the kerasj layer type
 */
public interface LayerTranslator<L extends Layer> {
    /** The DL4J configuration for a built layer. */
    org.deeplearning4j.nn.conf.layers.Layer toDl4j(L layer);

    /** A preprocessor applied to the layer's input, or {@code null}. */
    default InputPreProcessor preProcessor(L layer) {
        return null;
    }

    /**
     * The shape (no batch axis) of the DL4J layer's output when it differs from Keras's
     * {@code layer.outputShape()} only by unit axes (a 1-D layer run as a 2-D one gives {@code (steps, 1,
     * channels)}); the runtime reshapes it back, row-major, before the next layer.
     */
    default long[] dl4jOutputShape(L layer) {
        return layer.outputShape();
    }

    /**
     * A preprocessor turning the DL4J layer's output into Keras's {@code layer.outputShape()} when that is
     * more than a reshape (Bidirectional's last steps), applied before the next layer; or {@code null}.
     */
    default InputPreProcessor outputAdapter(L layer) {
        return null;
    }

    /** Copies of the weights in Keras's layout and order. */
    default List<INDArray> getWeights(L layer, org.deeplearning4j.nn.api.Layer dl4j) {
        return List.of();
    }

    /** Writes Keras-layout weights (already shape-checked) into the DL4J parameters. */
    default void setWeights(L layer, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
    }
}
