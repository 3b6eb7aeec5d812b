package dev.kerasj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * One batch of a {@link Dataset}: the inputs (one array per model input, samples first) and the targets,
 * {@code null} for a data set without labels (Keras's {@code label_mode=None}).
 *
 * <pre>{@code
 * for (Batch b : ImageDatasets.fromDirectory(dir)) {
 *     b.x();   // (32, 256, 256, 3) float32 in [0, 255]
 *     b.y();   // (32,) int32 class indices
 * }
 * }</pre>
 */
public final class Batch {
    private final INDArray[] inputs;
    private final INDArray y;

    /** @param inputs one array per model input, each with the same number of samples; @param y targets or null */
    public Batch(INDArray[] inputs, INDArray y) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("Invalid `inputs`: expected at least one array. Received: inputs="
                    + Arrays.toString(inputs));
        }
        this.inputs = inputs.clone();
        this.y = y;
    }

    /** A batch of a single-input data set. */
    public Batch(INDArray x, INDArray y) {
        this(new INDArray[] {x}, y);
    }

    /** The input array of a single-input data set (the first input otherwise). */
    public INDArray x() {
        return inputs[0];
    }

    /** Every input array, in the model's input order. */
    public INDArray[] inputs() {
        return inputs.clone();
    }

    /** The targets, or {@code null} when the data set has no labels. */
    public INDArray y() {
        return y;
    }

    /** The number of samples. */
    public long size() {
        return inputs[0].size(0);
    }
}
