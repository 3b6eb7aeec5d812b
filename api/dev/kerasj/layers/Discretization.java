package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buckets continuous values into bin indices, as Keras's {@code Discretization}: with
 * {@code bin_boundaries = [b0, b1, …]} the bins are {@code (−∞, b0), [b0, b1), …, [b_last, ∞)} and a value's
 * index is the number of boundaries ≤ it ({@code np.digitize}); then encoded per {@code output_mode}
 * ("int", "one_hot", "multi_hot", "count"). Or give {@code num_bins} and call {@link #adapt(INDArray)}: the
 * boundaries become the data's approximate quantiles, computed as Keras does (a summary of
 * {@code 1/epsilon} buckets compressed to {@code num_bins} by interpolating the cumulative weights). The
 * boundaries are part of the config (saved with the model). No weights.
 *
 * <pre>{@code
 * new Discretization(new double[] {0, 1, 2})       // [[-1.5, 1.0, 3.4, 0.5]] → [[0, 2, 3, 1]]
 * new Discretization(4).adapt(ages)                // quartiles of the data
 * }</pre>
 *
 * <p>Defaults: {@code epsilon} 0.01, {@code output_mode} "int".
 */
public final class Discretization extends PreprocessingLayer<Discretization> {
    private double[] binBoundaries;
    private final Integer numBins;
    private double epsilon = 0.01;
    private String outputMode = "int";

    /** Fixed boundaries (strictly increasing). */
    public Discretization(double[] binBoundaries) {
        if (binBoundaries == null) {
            throw new IllegalArgumentException("You need to set either `num_bins` or `bin_boundaries`.");
        }
        this.binBoundaries = increasing(binBoundaries);
        this.numBins = null;
    }

    /** {@code num_bins} bins whose boundaries {@link #adapt} computes. */
    public Discretization(int numBins) {
        if (numBins < 0) {
            throw new IllegalArgumentException("`num_bins` must be greater than or equal to 0. Received: `num_bins="
                    + numBins + "`");
        }
        this.numBins = numBins;
    }

    private static double[] increasing(double[] b) {
        for (int i = 1; i < b.length; i++) {
            if (!(b[i] > b[i - 1])) {
                throw new IllegalArgumentException("Invalid `bin_boundaries`: expected strictly increasing values. Received: "
                        + Arrays.toString(b));
            }
        }
        return b.clone();
    }

    /** The quantile summary's error tolerance (default 0.01). */
    public Discretization epsilon(double epsilon) {
        checkConfigurable("epsilon");
        this.epsilon = dev.kerasj.internal.Checks.inRange("epsilon", epsilon, 0.0, 1.0, true);
        if (epsilon == 0) {
            throw new IllegalArgumentException("Invalid `epsilon`: expected a value in (0, 1]. Received: epsilon=0.0");
        }
        return this;
    }

    /** "int" (default), "one_hot", "multi_hot" or "count". */
    public Discretization outputMode(String outputMode) {
        checkConfigurable("output_mode");
        this.outputMode = Encodings.mode("Discretization", outputMode, Encodings.MODES);
        return this;
    }

    /** The boundaries (given or adapted), or null before {@link #adapt}. */
    public double[] binBoundaries() {
        return binBoundaries == null ? null : binBoundaries.clone();
    }

    private int depth() {
        return binBoundaries != null ? binBoundaries.length + 1 : numBins;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return Encodings.outputShape(inputShape, outputMode, depth());
    }

    /**
     * Keras's {@code adapt(data)}: sets the boundaries to the approximate quantiles of all values of
     * {@code data} ({@code num_bins − 1} boundaries).
     */
    public Discretization adapt(INDArray data) {
        if (numBins == null) {
            throw new IllegalStateException("Cannot adapt a Discretization layer that has been initialized with "
                    + "`bin_boundaries`, use `num_bins` instead.");
        }
        double[] v = Encodings.doubles(dev.kerasj.internal.Checks.notNull("data", data));
        if (v.length == 0) {
            throw new IllegalArgumentException("Invalid `data` for adapt(): expected at least one value.");
        }
        Arrays.sort(v);
        // summarize: every step-th sorted value, each standing for `step` values
        double step = Math.max(v.length / (1.0 / epsilon), 1);
        List<Double> values = new ArrayList<>();
        for (int i = (int) (step - 1); i < v.length; i += (int) step) {
            values.add(v[i]);
        }
        double[][] summary = new double[2][values.size()];
        for (int i = 0; i < values.size(); i++) {
            summary[0][i] = values.get(i);
            summary[1][i] = step;
        }
        summary = compress(summary, epsilon);
        double[] bins = compress(summary, 1.0 / numBins)[0];
        this.binBoundaries = Arrays.copyOf(bins, Math.max(bins.length - 1, 0));
        return this;
    }

    /** Keras's {@code compress_summary}: new values at the cumulative-weight fractions ε, 2ε, …, 1. */
    private static double[][] compress(double[][] summary, double eps) {
        int n = summary[0].length;
        if (n * eps < 1) {
            return summary;
        }
        int m = (int) Math.ceil(1.0 / eps);
        double[] cum = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += summary[1][i];
            cum[i] = total;
        }
        double[] pct = new double[n];
        for (int i = 0; i < n; i++) {
            pct[i] = cum[i] / total;
        }
        double[][] out = new double[2][m];
        double prev = 0;
        for (int i = 0; i < m; i++) {
            double p = eps + i * eps;
            out[0][i] = (float) interp(p, pct, summary[0]);
            double c = interp(p, pct, cum);
            out[1][i] = (float) (c - prev);
            prev = c;
        }
        return out;
    }

    /** {@code np.interp}: piecewise-linear, clamped to the end values. */
    private static double interp(double x, double[] xp, double[] fp) {
        if (x <= xp[0]) {
            return fp[0];
        }
        if (x >= xp[xp.length - 1]) {
            return fp[fp.length - 1];
        }
        int hi = 1;
        while (xp[hi] < x) {
            hi++;
        }
        int lo = hi - 1;
        if (xp[hi] == xp[lo]) {
            return fp[hi];
        }
        return fp[lo] + (x - xp[lo]) * (fp[hi] - fp[lo]) / (xp[hi] - xp[lo]);
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        if (binBoundaries == null) {
            throw new IllegalStateException("You need to either pass the `bin_boundaries` argument at construction time or "
                    + "call `adapt(dataset)` before you can start using the `Discretization` layer.");
        }
        double[] x = Encodings.doubles(inputs);
        double[] idx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int k = Arrays.binarySearch(binBoundaries, x[i]);
            idx[i] = k >= 0 ? k + 1 : -k - 1; // boundaries ≤ x
        }
        return Encodings.encode(idx, inputs.shape(), outputMode, depth(), displayName());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Object> b = null;
        if (binBoundaries != null) {
            b = new ArrayList<>();
            for (double d : binBoundaries) {
                b.add(d);
            }
        }
        c.put("bin_boundaries", b);
        c.put("num_bins", numBins);
        c.put("epsilon", epsilon);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        return c;
    }

    /** Rebuilds the layer; after {@code adapt} both {@code num_bins} and {@code bin_boundaries} are saved, as in Keras. */
    public static Discretization fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Discretization", config);
        double[] bounds = null;
        if (r.raw("bin_boundaries") instanceof List<?> l) {
            bounds = new double[l.size()];
            for (int i = 0; i < bounds.length; i++) {
                bounds[i] = ((Number) l.get(i)).doubleValue();
            }
        }
        Discretization d = r.raw("num_bins") != null ? new Discretization(r.integer("num_bins")) : new Discretization(bounds);
        if (bounds != null) {
            d.binBoundaries = increasing(bounds);
        }
        d.epsilon(r.number("epsilon", 0.01)).outputMode(r.string("output_mode", "int"));
        d.applyCommonConfig(r);
        return d;
    }
}
