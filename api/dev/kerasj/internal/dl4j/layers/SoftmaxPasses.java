package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training passes of a softmax after a product (a classifier's last {@link FastDenseLayer}) as Java loops over
 * blocks of rows, where ND4J runs a bias broadcast, a copy and its softmax op forward and its softmax_bp op
 * backward, each op's call costing more than its arithmetic on an MNIST batch's (128, 10) output (~0.1 ms each,
 * async-profiler):
 * <pre>
 * forward:   z = x·W + b,   y = softmax(z) = exp(z − max z) / Σ exp(z − max z)  per row  (y kept for backprop)
 * backprop:  δ = y ⊙ (dy − Σ_row dy ⊙ y)  (Keras's and DL4J's softmax gradient),   db = Σ_rows δ = 1ᵀ·δ
 * </pre>
 * Arrays are {@code (rows, f)} row-major ({@link DenseFloats.Blocks} copies any other layout once).
 */
final class SoftmaxPasses {
    private SoftmaxPasses() {
    }

    /** Whether {@code layer}'s activation is the softmax. */
    static boolean plain(BaseLayer layer) {
        return layer.getActivationFn() instanceof ActivationSoftmax;
    }

    /** {@code z += bias} ({@code bias} null: none) row by row, then the softmax of each row, written to {@code z} and {@code kept}. */
    static void forward(INDArray z, float[] bias, INDArray kept, int rows, int f) {
        DenseFloats.Blocks in = DenseFloats.Blocks.reading(z);
        DenseFloats.Blocks out = DenseFloats.Blocks.writing(z);
        DenseFloats.Blocks keep = DenseFloats.Blocks.writing(kept);
        int block = Math.min(out.rows(rows, f), keep.rows(rows, f));
        float[] v = Scratch.floats(Scratch.PART, block * f);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int n = (Math.min(rows, r0 + block) - r0) * f;
            in.read((long) r0 * f, v, n);
            if (bias != null) {
                ReluPasses.addBias(v, n, f, bias);
            }
            rows(v, n, f);
            keep.write(v, n, (long) r0 * f);
            out.write(v, n, (long) r0 * f);
        }
    }

    /**
     * {@code delta = y ⊙ (dy − Σ_row dy ⊙ y)} for the kept softmax output {@code y} ({@code delta} may be {@code y}
     * itself), then {@code sums = Σ_rows delta} (the bias gradient, {@code (1, f)}; null: not wanted).
     */
    static void backprop(INDArray y, INDArray epsilon, INDArray delta, int rows, int f, INDArray sums) {
        DenseFloats.Blocks yb = DenseFloats.Blocks.reading(y);
        DenseFloats.Blocks eb = DenseFloats.Blocks.reading(epsilon);
        DenseFloats.Blocks out = DenseFloats.Blocks.writing(delta);
        int block = out.rows(rows, f);
        float[] yv = Scratch.floats(Scratch.INPUT, block * f);
        float[] dv = Scratch.floats(Scratch.PART, block * f);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int n = (Math.min(rows, r0 + block) - r0) * f;
            yb.read((long) r0 * f, yv, n);
            eb.read((long) r0 * f, dv, n);
            gradientRows(yv, dv, n, f);
            out.write(dv, n, (long) r0 * f);
        }
        if (sums != null) {
            ReluPasses.columnSums(delta, rows, f, sums);
        }
    }

    /** Each of the {@code n / f} rows of {@code v} replaced by its softmax (the loops apart from the glue: see ReluPasses). */
    private static void rows(float[] v, int n, int f) {
        for (int o = 0; o < n; o += f) {
            row(v, o, f);
        }
    }

    /** {@code dv = y ⊙ (dv − Σ_row dv ⊙ y)} for each of the {@code n / f} rows. */
    private static void gradientRows(float[] yv, float[] dv, int n, int f) {
        for (int o = 0; o < n; o += f) {
            float dot = 0f;
            for (int k = o; k < o + f; k++) {
                dot += dv[k] * yv[k];
            }
            for (int k = o; k < o + f; k++) {
                dv[k] = yv[k] * (dv[k] - dot);
            }
        }
    }

    /** {@code v[from, from + n)} replaced by its softmax, Keras's {@code exp(v − max v) / Σ exp(v − max v)}. */
    static void row(float[] v, int from, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = from; j < from + n; j++) {
            max = Math.max(max, v[j]);
        }
        float sum = 0f;
        for (int j = from; j < from + n; j++) {
            float e = (float) Math.exp(v[j] - max);
            v[j] = e;
            sum += e;
        }
        for (int j = from; j < from + n; j++) {
            v[j] /= sum;
        }
    }
}
