package dev.kerasj.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * Keras's {@code encode_categorical_inputs}, shared by CategoryEncoding, Discretization, Hashing and the
 * lookups: integer indices in {@code [0, depth)} → "int" (unchanged), "one_hot" (a last axis of size 1 is
 * replaced by {@code depth}, otherwise {@code depth} is appended), "multi_hot" (1 for each index present in
 * the last axis) or "count" (how often each index occurs in it). Indices marked {@link #DROP} (a lookup's
 * mask token) add nothing.
 */
final class Encodings {
    static final List<String> MODES = List.of("int", "one_hot", "multi_hot", "count");
    /** An index that contributes nothing to one_hot / multi_hot / count (a masked token). */
    static final double DROP = -2;

    private Encodings() {
    }

    static String mode(String owner, String mode, List<String> allowed) {
        if ("binary".equals(mode)) {
            mode = "multi_hot";
        }
        if (!allowed.contains(mode)) {
            throw new IllegalArgumentException("Invalid value for argument `output_mode` of " + owner + ". Expected one of "
                    + allowed + ". Received: output_mode=" + mode);
        }
        return mode;
    }

    /** The sample shape out of an encoding of {@code depth} values. */
    static long[] outputShape(long[] in, String mode, long depth) {
        switch (mode) {
            case "int":
                return in;
            case "one_hot": {
                if (in[in.length - 1] == 1) {
                    long[] out = in.clone();
                    out[out.length - 1] = depth;
                    return out;
                }
                long[] out = Arrays.copyOf(in, in.length + 1);
                out[in.length] = depth;
                return out;
            }
            default: {
                long[] out = in.clone();
                out[out.length - 1] = depth;
                return out;
            }
        }
    }

    /** Encodes the batch {@code indices} (shape {@code batchShape}); fails naming {@code owner} on an index out of range. */
    static INDArray encode(double[] indices, long[] batchShape, String mode, int depth, String owner) {
        for (double v : indices) {
            if (v == DROP && !mode.equals("int")) {
                continue;
            }
            if (v < 0 || v >= depth || v != Math.rint(v)) {
                throw new IllegalArgumentException("Layer \"" + owner + "\": input values must be integers in the range "
                        + "[0, " + depth + ") for " + mode + " encoding with " + depth + " tokens. Received: " + v);
            }
        }
        long[] sample = Arrays.copyOfRange(batchShape, 1, batchShape.length);
        long[] out = dev.kerasj.internal.Shapes.prepend(batchShape[0], outputShape(sample, mode, depth));
        if (mode.equals("int")) {
            float[] f = new float[indices.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) indices[i];
            }
            return Nd4j.create(f, out, 'c').castTo(DataType.FLOAT);
        }
        float[] y = new float[(int) dev.kerasj.internal.Shapes.product(out)];
        if (mode.equals("one_hot")) {
            for (int i = 0; i < indices.length; i++) {
                if (indices[i] != DROP) {
                    y[i * depth + (int) indices[i]] = 1f;
                }
            }
        } else {
            int group = (int) batchShape[batchShape.length - 1];
            for (int i = 0; i < indices.length; i++) {
                if (indices[i] == DROP) {
                    continue;
                }
                int at = (i / group) * depth + (int) indices[i];
                y[at] = mode.equals("count") ? y[at] + 1f : 1f;
            }
        }
        return Nd4j.create(y, out, 'c').castTo(DataType.FLOAT);
    }

    /** {@code a}'s values as doubles, row-major. */
    static double[] doubles(INDArray a) {
        return Nd4j.toFlattened('c', a.castTo(DataType.DOUBLE)).toDoubleVector();
    }
}
