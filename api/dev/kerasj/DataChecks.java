package dev.kerasj;

import dev.kerasj.internal.Batches;
import dev.kerasj.internal.Shapes;
import dev.kerasj.losses.Loss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.Arrays;

/**
 * The checks every array passes before training, evaluation or prediction, with Keras's messages: the
 * sample shape against the input, labels against the loss and the output, finite values; arrays come out
 * float32 and contiguous.
 */
final class DataChecks {
    private DataChecks() {
    }

    /** A scalar has no samples: refused in Keras's words. */
    static void requireSamples(INDArray x, String arg, long[] exampleShape) {
        if (x != null && x.rank() == 0) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected an array of rank ≥ 2, (samples, "
                    + "...features)" + (exampleShape != null ? " such as shape=" + Shapes.withBatch(exampleShape) : "")
                    + "; a scalar has no samples. Received: " + arg + " with shape=()");
        }
    }

    /** One input array against its expected sample shape; {@code reader} names the layer reading it. */
    static INDArray input(INDArray x, long[] expected, int index, String reader, String arg) {
        long[] got = x.shape();
        long[] sample = Shapes.dropFirst(got);
        if (x.rank() == 1 && expected.length == 1 && expected[0] == 1) {
            x = x.reshape(x.length(), 1);
            sample = new long[] {1};
        }
        if (x.rank() == 0 || !Arrays.equals(sample, expected)) {
            throw new IllegalArgumentException("Input " + index + " of layer \"" + reader
                    + "\" is incompatible with the layer: expected shape=" + Shapes.withBatch(expected) + ", found shape="
                    + Shapes.tuple(got) + " (argument `" + arg + "`).");
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected at least one sample. Received: "
                    + arg + ".shape=" + Shapes.tuple(got));
        }
        INDArray f = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        finite(f, arg);
        return Batches.contiguous(f);
    }

    /** One label array for an output: {@code n} samples, the loss's shape rules, integer classes for sparse losses. */
    static INDArray labels(INDArray y, long n, Loss loss, long[] outputShape, String arg) {
        if (y.rank() == 0 || y.size(0) != n) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected as many samples as x (" + n
                    + "). Received: " + arg + ".shape=" + Shapes.tuple(y.shape()));
        }
        loss.checkShapes(y.shape(), Shapes.prepend(n, outputShape));
        INDArray f = y.dataType() == DataType.FLOAT ? y : y.castTo(DataType.FLOAT);
        finite(f, arg);
        if (loss.sparseLabels()) {
            long classes = outputShape[outputShape.length - 1];
            double min = f.minNumber().doubleValue();
            double max = f.maxNumber().doubleValue();
            if (min < 0 || max >= classes || !f.eq(org.nd4j.linalg.ops.transforms.Transforms.floor(f, true)).all()) {
                throw new IllegalArgumentException("Invalid `" + arg + "` for loss `" + loss.name() + "`: expected integer "
                        + "class labels in [0, " + classes + "). Received: values in [" + min + ", " + max + "].");
            }
        }
        // DL4J's output layers need 2-D labels: (n,) becomes (n, 1), which every loss reads the same way.
        return Batches.contiguous(f.rank() == 1 ? f.reshape(f.length(), 1) : f);
    }

    /** Values per chunk of the Java check: 64 KiB of floats, in the core's cache while it is read. */
    private static final int CHECK_CHUNK = 1 << 14;
    /** From this many values on, the Java check reads two halves on two cores. */
    private static final long CHECK_TWO_CORES = 1L << 21;

    /**
     * Whether {@code a} is a row-major float array whose values are all finite, read in Java (false: not such an
     * array, or a value to name; ND4J then looks). Chunks are copied into a {@code float[]} and summed as x·0 (0 for
     * a finite value, NaN for NaN or ±Inf) in eight independent sums: one running sum waits for each add to finish
     * (1.05 ns a value), eight overlap (0.34 ns, measured), and ND4J's single-threaded sum took ~1 ns a value (9 % of
     * predicting 10,000 MNIST images). A large array is read in two halves on two cores.
     */
    private static boolean finiteInJava(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.length() + a.offset() > Integer.MAX_VALUE
                || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a)) {
            return false;
        }
        // a row-major array (a view of rows too) holds its values from its offset in its buffer's float view
        java.nio.FloatBuffer values = dev.kerasj.internal.BufferViews.floats(a.data());
        int start = (int) a.offset();
        int n = (int) a.length();
        if (n < CHECK_TWO_CORES || Runtime.getRuntime().availableProcessors() < 2) {
            return finiteRange(values, start, n);
        }
        int half = n / 2;
        java.util.concurrent.ForkJoinTask<Boolean> second = java.util.concurrent.ForkJoinPool.commonPool()
                .submit(() -> finiteRange(values, start + half, n - half));
        boolean first = finiteRange(values, start, half);
        return second.join() && first;
    }

    /** Whether the {@code n} floats of {@code values} from {@code start} on are all finite. */
    private static boolean finiteRange(java.nio.FloatBuffer values, int start, int n) {
        float[] v = CHECK_SCRATCH.get();
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int from = 0; from < n; from += CHECK_CHUNK) {
            int m = Math.min(CHECK_CHUNK, n - from);
            values.get(start + from, v, 0, m);
            int i = 0;
            for (; i + 8 <= m; i += 8) {
                s0 += v[i] * 0f;
                s1 += v[i + 1] * 0f;
                s2 += v[i + 2] * 0f;
                s3 += v[i + 3] * 0f;
                s4 += v[i + 4] * 0f;
                s5 += v[i + 5] * 0f;
                s6 += v[i + 6] * 0f;
                s7 += v[i + 7] * 0f;
            }
            for (; i < m; i++) {
                s0 += v[i] * 0f;
            }
        }
        return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 == 0f;
    }

    private static final ThreadLocal<float[]> CHECK_SCRATCH = ThreadLocal.withInitial(() -> new float[CHECK_CHUNK]);

    /** NaN and ±Inf refused, naming which. */
    static void finite(INDArray a, String arg) {
        // NaN and ±Inf make the sum non-finite; one reduction is far cheaper than the two condition
        // scans, which only run to say which (or find nothing when finite values overflowed)
        if (a.isEmpty() || finiteInJava(a) || Double.isFinite(a.sumNumber().doubleValue())) {
            return;
        }
        if (BooleanIndexing.or(a, Conditions.isNan())) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: it contains NaN values. Clean or impute the data "
                    + "before training.");
        }
        if (BooleanIndexing.or(a, Conditions.isInfinite())) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: it contains infinite values. Clip or rescale the "
                    + "data before training.");
        }
    }
}
