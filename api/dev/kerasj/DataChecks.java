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

    /** NaN and ±Inf refused, naming which. */
    /** Up to this many values are checked in Java (one image per {@code predict}): an ND4J reduction costs more. */
    private static final int JAVA_CHECK_MAX = 1 << 14;

    /** Whether {@code a} is a small float array whose values are all finite, read in Java (false: let ND4J look). */
    private static boolean smallAndFinite(INDArray a) {
        if (a.length() > JAVA_CHECK_MAX || a.dataType() != DataType.FLOAT) {
            return false;
        }
        // a row-major array (a view of rows too) holds its values from the start of its own buffer view
        INDArray d = a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
        int n = (int) d.length();
        float[] v = CHECK_SCRATCH.get();
        // one bulk copy and a loop over a float[]: a call of FloatBuffer.get per value is what the first
        // thousands of one-image predicts (before the JIT compiles it) spent most of this check on
        dev.kerasj.internal.BufferViews.floats(d.data()).get((int) d.offset(), v, 0, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += v[i] * 0f;   // 0 for every finite value, NaN once any value is NaN or ±Inf
        }
        return s == 0f;
    }

    private static final ThreadLocal<float[]> CHECK_SCRATCH = ThreadLocal.withInitial(() -> new float[JAVA_CHECK_MAX]);

    static void finite(INDArray a, String arg) {
        // NaN and ±Inf make the sum non-finite; one native reduction is far cheaper than the two
        // condition scans, which only run to say which (or find nothing when finite values overflowed)
        if (a.isEmpty() || smallAndFinite(a) || Double.isFinite(a.sumNumber().doubleValue())) {
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
