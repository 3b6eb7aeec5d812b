package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.Reshapes;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training passes of a plain ReLU after a product ({@link FastDenseLayer}, {@link FastConv2DLayer}) as Java loops
 * over blocks of rows, each a single pass where ND4J runs one op per step (bias broadcast, copy, ReLU; relu_bp,
 * column sum):
 * <pre>
 * forward:   z = x·W + b  (kept for backprop),   y = max(z, 0)
 * backprop:  δ = dy where z &gt; 0, else 0  (DL4J's and TensorFlow's derivative at 0 is 0),   db = Σ_rows δ = 1ᵀ·δ
 * </pre>
 * Arrays are {@code (rows, f)} row-major ({@link DenseFloats.Blocks} copies any other layout once).
 */
final class ReluPasses {
    private ReluPasses() {
    }

    /** Whether {@code layer}'s activation is a plain ReLU (no maximum, threshold or negative slope). */
    static boolean plain(BaseLayer layer) {
        return layer.getActivationFn() instanceof ActivationReLU r && r.getMax() == null
                && (r.getThreshold() == null || r.getThreshold() == 0.0)
                && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
    }

    /**
     * {@code z += bias} ({@code bias} null: none) row by row, written to {@code pre} (null: not kept), and then ReLU
     * in place in {@code z}: one pass. The output alone serves backprop as well: its mask {@code max(y, 0)} is
     * {@code max(z, 0)}.
     */
    static void forward(INDArray z, float[] bias, INDArray pre, int rows, int f) {
        forwardRows(DenseFloats.Blocks.reading(z), DenseFloats.Blocks.writing(z),
                pre == null ? null : DenseFloats.Blocks.writing(pre), bias, 0, rows, f);
    }

    /**
     * {@link #forward} for rows {@code [r0, r1)} of {@code z} (blocks {@code in} and {@code out} of the same array),
     * the pre-activation into {@code kept} when not null; threads may run disjoint row ranges at once.
     */
    static void forwardRows(DenseFloats.Blocks in, DenseFloats.Blocks out, DenseFloats.Blocks kept, float[] bias,
                            int r0, int r1, int f) {
        int block = kept == null ? out.rows(r1 - r0, f) : Math.min(out.rows(r1 - r0, f), kept.rows(r1 - r0, f));
        float[] v = Scratch.floats(Scratch.PART, block * f);
        for (int b0 = r0; b0 < r1; b0 += block) {
            int n = (Math.min(r1, b0 + block) - b0) * f;
            in.read((long) b0 * f, v, n);
            if (bias != null) {
                addBias(v, n, f, bias);
            }
            if (kept != null) {
                kept.write(v, n, (long) b0 * f);
            }
            relu(v, n);
            out.write(v, n, (long) b0 * f);
        }
    }

    // The passes' loops are methods of their own, apart from the block reads and writes: the JIT compiles a loop
    // method several times (on stack replacement, then whole), and with the buffer glue inlined each compilation
    // was several times larger (the C2 compiler's CPU in an MNIST MLP's first epoch, JFR).

    /** {@code v[row·f + k] += bias[k]} for the {@code n / f} rows of {@code v}. */
    static void addBias(float[] v, int n, int f, float[] bias) {
        for (int o = 0; o < n; o += f) {
            for (int k = 0; k < f; k++) {
                v[o + k] += bias[k];
            }
        }
    }

    /** {@code v[0, n)} through the ReLU, as a vector max (a compare-and-select is a branch mispredicted half the time). */
    private static void relu(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(v[i], 0f);
        }
    }

    /** {@code dv[i] = dv[i]} where {@code zv[i] > 0}, else 0, by the arithmetic mask of {@link #backprop}. */
    private static void mask(float[] zv, float[] dv, int n) {
        for (int i = 0; i < n; i++) {
            dv[i] = dv[i] * Math.min(1f, Math.max(zv[i], 0f) * 0x1p126f);
        }
    }

    /**
     * {@code delta = dy} where {@code z > 0}, else 0 ({@code z} the pre-activation or the ReLU's output: the same mask) ({@code delta} may be {@code z} itself), then
     * {@code sums = Σ_rows delta} (the bias gradient, {@code (1, f)}; null: not wanted) by one matrix-vector product.
     * The mask is arithmetic, {@code min(1, max(z, 0) · 2¹²⁶)}: exactly 1 for every normal {@code z > 0}, 0 for
     * {@code z ≤ 0}, so the loop is a vector loop (a compare-and-select per element is a branch the CPU mispredicts on
     * half the units, 6× slower); a subnormal positive {@code z} passes a fraction of its gradient.
     */
    static void backprop(INDArray z, INDArray epsilon, INDArray delta, int rows, int f, INDArray sums) {
        DenseFloats.Blocks zb = DenseFloats.Blocks.reading(z);
        DenseFloats.Blocks eb = DenseFloats.Blocks.reading(epsilon);
        DenseFloats.Blocks out = DenseFloats.Blocks.writing(delta);
        int block = out.rows(rows, f);
        float[] zv = Scratch.floats(Scratch.INPUT, block * f);
        float[] dv = Scratch.floats(Scratch.PART, block * f);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int n = (Math.min(rows, r0 + block) - r0) * f;
            zb.read((long) r0 * f, zv, n);
            eb.read((long) r0 * f, dv, n);
            mask(zv, dv, n);
            out.write(dv, n, (long) r0 * f);
        }
        if (sums != null) {
            columnSums(delta, rows, f, sums);
        }
    }

    /** {@code sums = Σ_rows a} for a row-major {@code (rows, f)} {@code a}, by one matrix-vector product {@code 1ᵀ·a}. */
    static void columnSums(INDArray a, int rows, int f, INDArray sums) {
        DirectGemm.gemm(ones(rows), Reshapes.rowMajor(a, rows, f), sums, false, false);
    }

    /** This thread's {@code (1, n)} row of ones (a view of its first {@code n}, kept for the next call). */
    static INDArray ones(int n) {
        INDArray[] o = ONES.get();
        if (o[1] != null && o[1].length() == n) {
            return o[1];
        }
        if (o[0] == null || o[0].length() < n) {
            o[0] = Nd4j.createUninitializedDetached(DataType.FLOAT, 1, Math.max(n, 1024)).assign(1f);
        }
        o[1] = o[0].length() == n ? o[0] : Reshapes.rowMajor(o[0].get(NDArrayIndex.point(0), NDArrayIndex.interval(0, n)), 1, n);
        return o[1];
    }

    /** Per thread: the row of ones, and the last view of it handed out. */
    private static final ThreadLocal<INDArray[]> ONES = ThreadLocal.withInitial(() -> new INDArray[2]);
}
