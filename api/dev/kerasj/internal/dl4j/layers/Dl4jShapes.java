package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * Keras sample shapes (no batch axis) → DL4J input types, always channels-last: {@code (n)} →
 * feed-forward, {@code (timesteps, features)} → recurrent NWC, {@code (h, w, c)} → convolutional NHWC.
 */
public final class Dl4jShapes {
    private Dl4jShapes() {
    }

    public static InputType inputType(long[] shape) {
        return switch (shape.length) {
            case 1 -> InputType.feedForward(shape[0]);
            case 2 -> InputType.recurrent(shape[1], shape[0], RNNFormat.NWC);
            case 3 -> InputType.convolutional(shape[0], shape[1], shape[2], CNN2DFormat.NHWC);
            default -> throw new IllegalArgumentException("Shapes of rank " + shape.length + " (without the batch axis) "
                    + "are not supported; expected (features), (timesteps, features) or (height, width, channels).");
        };
    }
}
