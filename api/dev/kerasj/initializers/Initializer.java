package dev.kerasj.initializers;

import dev.kerasj.internal.KerasRandom;
import dev.kerasj.internal.Serialized;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills a new weight of a given Keras-layout shape, as a {@code keras.initializers.Initializer}.
 *
 * <p>Initializers that draw random numbers take an optional {@code seed}; without one they draw from
 * kerasj's global generator ({@link dev.kerasj.Kerasj#setRandomSeed(long)}). Values are generated in
 * Java, in float32, so a seed gives the same weights on every backend.
 *
 * <pre>{@code
 * INDArray kernel = new GlorotUniform().call(784, 512);
 * }</pre>
 */
public abstract class Initializer {
    private final Long seed;

    protected Initializer(Long seed) {
        this.seed = seed;
    }

    /** The seed given at construction, or {@code null}. */
    public final Long seed() {
        return seed;
    }

    /** A new float32 array of {@code shape} (Keras layout), drawn from this initializer's seed or the global generator. */
    public final INDArray call(long... shape) {
        SplittableRandom rng = seed != null ? new SplittableRandom(seed) : KerasRandom.split();
        return generate(shape, rng);
    }

    /** A new float32 array of {@code shape} drawn from {@code rng}. */
    public final INDArray generate(long[] shape, SplittableRandom rng) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Weight of shape " + java.util.Arrays.toString(shape) + " is too large.");
        }
        float[] values = new float[(int) n];
        fill(values, shape, seed != null ? new SplittableRandom(seed) : rng);
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    /** Writes the values, in row-major order of {@code shape}. */
    protected abstract void fill(float[] values, long[] shape, SplittableRandom rng);

    /** Keras's class name, e.g. {@code "GlorotUniform"}. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The constructor arguments, under Keras's names. */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed);
        return c;
    }

    /** {@code {"class_name": …, "config": …}}, as Keras serialises it. */
    public final Map<String, Object> serialize() {
        return Serialized.of(className(), getConfig());
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }

    /**
     * Keras's fan computation: rank 1 → fan_in = fan_out = shape[0]; rank 2 → (shape[0], shape[1]);
     * higher rank (convolution kernels {@code (…spatial, in, out)}) → receptive field × in / out.
     */
    public static double[] fans(long[] shape) {
        if (shape.length < 1) {
            return new double[] {1, 1};
        }
        if (shape.length == 1) {
            return new double[] {shape[0], shape[0]};
        }
        if (shape.length == 2) {
            return new double[] {shape[0], shape[1]};
        }
        double receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
    }

    /** One draw from a normal distribution truncated at two standard deviations (TensorFlow's rule). */
    protected static double truncatedGaussian(SplittableRandom rng) {
        while (true) {
            double g = gaussian(rng);
            if (Math.abs(g) <= 2.0) {
                return g;
            }
        }
    }

    /** One standard normal draw (Box–Muller, one value per pair of uniforms). */
    protected static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
