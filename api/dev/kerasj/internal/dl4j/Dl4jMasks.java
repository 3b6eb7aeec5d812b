package dev.kerasj.internal.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras's masks in DL4J's layouts (the plan itself is {@link dev.kerasj.internal.runtime.MaskPlan}). */
final class Dl4jMasks {
    private Dl4jMasks() {
    }

    /**
     * The labels mask of an output reaching the loss layer as one row per position (see
     * {@link PositionsPreProcessor}): the {@code (batch, timesteps)} mask as a column {@code (batch·timesteps, 1)},
     * or {@code null} when the output is not masked.
     */
    static INDArray rowsMask(INDArray mask, long[] outputShape) {
        if (mask == null) {
            return null;
        }
        if (outputShape.length != 2) {
            throw new IllegalStateException("A masked output must be a sequence (timesteps, features); got shape "
                    + java.util.Arrays.toString(outputShape));
        }
        INDArray c = mask.ordering() == 'c' ? mask : mask.dup('c');
        return c.reshape('c', new long[] {mask.length(), 1});
    }
}
