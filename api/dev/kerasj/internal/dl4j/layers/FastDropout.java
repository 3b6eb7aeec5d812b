package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Dropout(rate)} (no noise shape): inverted dropout as DL4J's {@code Dropout}, each value kept with
 * probability {@code 1 − rate} and scaled by {@code 1 / (1 − rate)}, the same mask applied to the gradient, with the
 * mask drawn in Java. ND4J's DropOutInverted op took ~15 ns a value (3 ms of the simple MNIST convnet's 63 ms
 * training step for its (128, 1600) input, async-profiler); here a SplitMix64 stream, seeded by one draw from ND4J's
 * generator per call (so {@code set_random_seed} fixes the masks), keeps a value when its 24-bit uniform is below
 * {@code round((1 − rate)·2²⁴)} (1.5 ns a value), and the mask and the product are one pass. Other data types and the fast paths off
 * take DL4J's ops.
 *
 * <pre>{@code
 * new DropoutLayer.Builder(new FastDropout(0.5)).build();
 * }</pre>
 */
public final class FastDropout implements IDropout {
    private double rate;
    /** The last training pass's mask (0 or 1/(1 − rate) per value), for backprop; null when ND4J's ops ran. */
    private transient float[] mask;
    private transient int maskLength = -1;
    private transient INDArray nd4jMask;
    private transient float[] values;

    /** For DL4J's JSON; use {@link #FastDropout(double)}. */
    public FastDropout() {
    }

    /** Dropout of {@code rate}, the fraction of values dropped, in [0, 1). */
    public FastDropout(double rate) {
        this.rate = rate;
    }

    public double getRate() {
        return rate;
    }

    public void setRate(double rate) {
        this.rate = rate;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray output, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        double keep = 1.0 - rate;
        long length = output.length();
        if (!Common.fastPaths() || output.dataType() != DataType.FLOAT || input.dataType() != DataType.FLOAT
                || length > Integer.MAX_VALUE || !java.util.Arrays.equals(input.shape(), output.shape())) {
            maskLength = -1;
            nd4jMask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), output.shape(), output.ordering()).assign(1.0);
            Nd4j.getExecutioner().exec(new DropOutInverted(nd4jMask, nd4jMask, keep));
            Nd4j.getExecutioner().exec(new MulOp(input, nd4jMask, output));
            return output;
        }
        nd4jMask = null;
        int n = (int) length;
        if (mask == null || mask.length < n) {
            mask = new float[n];
            values = new float[n];
        }
        float[] m = mask;
        float[] v = DenseFloats.read(input, values);
        float scale = (float) (1.0 / keep);
        int threshold = (int) Math.round(keep * (1 << 24));
        long state = Nd4j.getRandom().nextLong();
        for (int i = 0; i < n; i += 2) {
            state += 0x9E3779B97F4A7C15L;   // SplitMix64: two 24-bit uniforms per draw
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            // kept when u < threshold: the sign bit of u − threshold, arithmetic (a compare-and-select is a
            // branch the CPU mispredicts on half the values at rate 0.5: 7.5 ns a value, measured)
            m[i] = scale * (((int) (z >>> 40) - threshold) >>> 31);
            if (i + 1 < n) {
                m[i + 1] = scale * (((int) ((z >>> 16) & 0xFFFFFF) - threshold) >>> 31);
            }
        }
        for (int i = 0; i < n; i++) {
            v[i] *= m[i];
        }
        DenseFloats.write(v, output);
        maskLength = n;
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (nd4jMask != null) {
            Nd4j.getExecutioner().exec(new MulOp(gradAtOutput, nd4jMask, gradAtInput));
            nd4jMask = null;
            return gradAtInput;
        }
        if (maskLength < 0 || gradAtOutput.length() != maskLength || gradAtInput.length() != maskLength) {
            throw new IllegalStateException("Cannot perform backprop: the dropout mask is absent (already cleared?) or of "
                    + "another size than the gradient " + java.util.Arrays.toString(gradAtOutput.shape()));
        }
        float[] g = DenseFloats.read(gradAtOutput.dataType() == DataType.FLOAT ? gradAtOutput
                : gradAtOutput.castTo(DataType.FLOAT), values);
        float[] m = mask;
        for (int i = 0; i < maskLength; i++) {
            g[i] *= m[i];
        }
        DenseFloats.write(g, gradAtInput);
        maskLength = -1;
        return gradAtInput;
    }

    @Override
    public void clear() {
        maskLength = -1;
        nd4jMask = null;
    }

    @Override
    public IDropout clone() {
        return new FastDropout(rate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastDropout d && d.rate == rate;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(rate);
    }

    @Override
    public String toString() {
        return "FastDropout(rate=" + rate + ")";
    }
}
