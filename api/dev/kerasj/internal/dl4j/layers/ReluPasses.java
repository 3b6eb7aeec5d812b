package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training passes of a plain ReLU after a product ({@link FastDenseLayer}, {@link FastConv2DLayer}) as Java loops
 * over blocks of rows, each a single pass where ND4J runs one op per step (bias broadcast, copy, ReLU; relu_bp,
 * column sum):
 * <pre>
 * forward:   z = x·W + b  (kept for backprop),   y = max(z, 0)
 * backprop:  δ = dy where z &gt; 0, else 0  (DL4J's and TensorFlow's derivative at 0 is 0),   db = Σ_rows δ
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
     * {@code z += bias} ({@code bias} null: none) row by row, written to {@code pre}, and then ReLU in place in
     * {@code z}: one pass.
     */
    static void forward(INDArray z, float[] bias, INDArray pre, int rows, int f) {
        DenseFloats.Blocks in = DenseFloats.Blocks.reading(z);
        DenseFloats.Blocks out = DenseFloats.Blocks.writing(z);
        DenseFloats.Blocks kept = DenseFloats.Blocks.writing(pre);
        int block = Math.min(out.rows(rows, f), kept.rows(rows, f));
        float[] v = Scratch.floats(Scratch.PART, block * f);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int n = (Math.min(rows, r0 + block) - r0) * f;
            in.read((long) r0 * f, v, n);
            if (bias != null) {
                for (int o = 0; o < n; o += f) {
                    for (int k = 0; k < f; k++) {
                        v[o + k] += bias[k];
                    }
                }
            }
            kept.write(v, n, (long) r0 * f);
            for (int i = 0; i < n; i++) {
                v[i] = Math.max(v[i], 0f);   // a vector max: a compare-and-select is a branch mispredicted half the time
            }
            out.write(v, n, (long) r0 * f);
        }
    }

    /**
     * {@code delta = dy} where {@code z > 0}, else 0 ({@code delta} may be {@code z} itself), returning the per-column
     * sums of {@code delta} (the bias gradient) from the same pass.
     */
    static double[] backprop(INDArray z, INDArray epsilon, INDArray delta, int rows, int f) {
        DenseFloats.Blocks zb = DenseFloats.Blocks.reading(z);
        DenseFloats.Blocks eb = DenseFloats.Blocks.reading(epsilon);
        DenseFloats.Blocks out = DenseFloats.Blocks.writing(delta);
        int block = out.rows(rows, f);
        float[] zv = Scratch.floats(Scratch.INPUT, block * f);
        float[] dv = Scratch.floats(Scratch.PART, block * f);
        double[] sums = new double[f];
        float[] part = new float[f];   // float partial sums over 256 rows: vectorizable, then exact enough
        int row = 1;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int n = (Math.min(rows, r0 + block) - r0) * f;
            zb.read((long) r0 * f, zv, n);
            eb.read((long) r0 * f, dv, n);
            for (int o = 0; o < n; o += f, row++) {
                for (int k = 0; k < f; k++) {
                    // a bit mask, not a branch: the sign of z is unpredictable
                    float d = Float.intBitsToFloat(Float.floatToRawIntBits(dv[o + k]) & (zv[o + k] > 0f ? -1 : 0));
                    dv[o + k] = d;
                    part[k] += d;
                }
                if ((row & 255) == 0 || row == rows) {
                    for (int k = 0; k < f; k++) {
                        sums[k] += part[k];
                        part[k] = 0f;
                    }
                }
            }
            out.write(dv, n, (long) r0 * f);
        }
        return sums;
    }
}
