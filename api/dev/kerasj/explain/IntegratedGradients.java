package dev.kerasj.explain;

import dev.kerasj.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * Integrated gradients (Sundararajan, Taly &amp; Yan 2017): the attribution of input feature {@code i} is
 * <pre>(x_i − x'_i) · ∫₀¹ ∂f_t(x' + α (x − x'))/∂x_i dα</pre>
 * for a baseline {@code x'}, computed with the network's own gradients at the midpoints
 * {@code α = (s − ½)/steps}, {@code s = 1…steps}. Completeness: the attributions sum to
 * {@code f_t(x) − f_t(x')} up to the integration error, which shrinks as {@code steps} grows. Defaults:
 * baseline all zeros (a black image, a row of zeros), {@code steps} = 50, target = each row's predicted
 * class.
 *
 * <pre>{@code
 * INDArray attr = new IntegratedGradients(model).steps(100).attributions(x);   // shape of x
 * }</pre>
 */
public final class IntegratedGradients {
    /** Interpolation points per backward pass (rows), so memory stays bounded. */
    private static final int ROWS_PER_PASS = 1024;
    private final Gradients gradients;
    private INDArray baseline;
    private int steps = 50;

    /** An explainer for a built, compiled model with one input and one output. */
    public IntegratedGradients(Model model) {
        this.gradients = new Gradients(model);
    }

    /** The baseline {@code x'}: one sample of the input's shape (or a batch of one). Defaults to zeros. */
    public IntegratedGradients baseline(INDArray baseline) {
        long[] want = gradients.model().inputShape();
        INDArray b = baseline == null ? null : baseline.rank() == want.length + 1 && baseline.size(0) == 1
                ? baseline.reshape(want) : baseline;
        if (b == null || !Arrays.equals(b.shape(), want)) {
            throw new IllegalArgumentException("Invalid `baseline`: expected one sample of shape " + ShapExplainer.shape(want)
                    + ". Received: " + (baseline == null ? "null" : "shape " + Arrays.toString(baseline.shape())) + ".");
        }
        ShapExplainer.finite(b, "baseline");
        this.baseline = b.castTo(DataType.FLOAT).dup();
        return this;
    }

    /** Points of the integral (midpoint rule). Defaults to 50. */
    public IntegratedGradients steps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("Invalid `steps`: expected an integer ≥ 1. Received: steps=" + steps + ".");
        }
        this.steps = steps;
        return this;
    }

    /** Attributions for each row's predicted class; the shape of {@code x}. */
    public INDArray attributions(INDArray x) {
        return compute(x, Gradients.PREDICTED);
    }

    /** Attributions for output {@code output} ({@code 0 ≤ output < outputs}); the shape of {@code x}. */
    public INDArray attributions(INDArray x, int output) {
        return compute(x, gradients.requireOutput(output));
    }

    private INDArray compute(INDArray x, int output) {
        gradients.requireInput(x);
        long[] sample = gradients.model().inputShape();
        INDArray base = baseline != null ? baseline : Nd4j.zeros(DataType.FLOAT, sample);
        int[] targets = gradients.targets(x, output);
        int n = (int) x.size(0);
        long width = base.length();
        INDArray xs = x.castTo(DataType.DOUBLE).reshape('c', n, width);
        INDArray b = base.castTo(DataType.DOUBLE).reshape('c', 1, width);
        INDArray result = Nd4j.create(DataType.DOUBLE, n, width);
        int perPass = Math.max(1, ROWS_PER_PASS / steps);
        for (int start = 0; start < n; start += perPass) {
            int end = Math.min(n, start + perPass);
            int rows = (end - start) * steps;
            INDArray points = Nd4j.create(DataType.DOUBLE, rows, width);
            int[] t = new int[rows];
            for (int i = start; i < end; i++) {
                INDArray diff = xs.getRow(i).reshape(1, width).sub(b);
                for (int s = 0; s < steps; s++) {
                    double alpha = (s + 0.5) / steps;
                    int r = (i - start) * steps + s;
                    points.getRow(r).assign(b.add(diff.mul(alpha)).reshape(width));
                    t[r] = targets[i];
                }
            }
            INDArray g = gradients.pass(points.reshape('c', prepend(rows, sample)), t, null).inputGradients()[0]
                    .castTo(DataType.DOUBLE).reshape('c', rows, width);
            for (int i = start; i < end; i++) {
                INDArray mean = g.get(NDArrayIndex.interval((i - start) * steps, (i - start + 1) * steps), NDArrayIndex.all())
                        .mean(0);
                result.getRow(i).assign(mean.mul(xs.getRow(i).sub(b.reshape(width))));
            }
        }
        return result.reshape('c', prepend(n, sample));
    }

    private static long[] prepend(long n, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
