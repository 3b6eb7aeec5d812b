package dev.kerasj.layers;

import dev.kerasj.initializers.Initializer;
import dev.kerasj.regularizers.Regularizer;

/**
 * One weight of a layer, described the Keras way: name ({@code "kernel"}, {@code "bias"}…), shape in
 * Keras's layout, how it starts, its penalty, and whether training changes it (BatchNormalization's
 * moving statistics do not).
 *
 * @param name        the weight's Keras name
 * @param shape       the shape in Keras's layout, e.g. Dense kernel {@code (in, units)}
 * @param initializer how its initial value is drawn
 * @param regularizer its penalty, or {@code null}
 * @param trainable   whether the optimizer updates it
 */
public record WeightSpec(String name, long[] shape, Initializer initializer, Regularizer regularizer, boolean trainable) {
    /** The number of scalars in this weight. */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
