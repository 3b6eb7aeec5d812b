package dev.kerasj.explain;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the SHAP explainers share: the background data set, the function, the expected value, and the
 * value of a coalition. Every sample's features are the flattened sample ({@code M} = product of the
 * sample shape); a coalition {@code S} keeps the explained row's values on {@code S} and takes the others
 * from each background row, and its value is the mean output over the background (interventional SHAP,
 * as the {@code shap} package's explainers with a background data set):
 * <pre>v(S) = (1/m) Σ_b f(x_S, b_¬S),   v(∅) = E[f] = expectedValue(),   v(all) = f(x)</pre>
 * and every explainer satisfies {@code expectedValue + Σ φ = f(x)} (efficiency).
 *
 * <p>A model with {@code k > 1} outputs (columns of the flattened output) is explained per output:
 * {@link #shapValuesPerOutput}; {@link #shapValues} is for single-output models.
 */
public abstract class ShapExplainer {
    /** The most model inputs built at once (elements), so memory stays bounded for any background. */
    private static final long CHUNK_ELEMENTS = 1L << 22;
    private final Predictor f;
    private final double[] background;
    private final int m;
    private final int width;
    private final long[] sampleShape;
    private final double[] expected;
    private final int k;

    ShapExplainer(Predictor f, INDArray background, long[] modelInputShape) {
        if (background == null) {
            throw new IllegalArgumentException("Invalid `background`: expected an array (rows, features…). Received: null.");
        }
        if (background.rank() < 2 || background.size(0) < 1) {
            throw new IllegalArgumentException("Invalid `background`: expected at least one row, shape (m, features…). Received: shape "
                    + Arrays.toString(background.shape()) + ".");
        }
        this.sampleShape = Arrays.copyOfRange(background.shape(), 1, background.rank());
        if (modelInputShape != null && !Arrays.equals(sampleShape, modelInputShape)) {
            throw new IllegalArgumentException("Invalid `background`: expected rows of the model's input shape "
                    + shape(modelInputShape) + ". Received: rows of shape " + shape(sampleShape) + ".");
        }
        long w = background.length() / background.size(0);
        if (w > Integer.MAX_VALUE / 2 || background.size(0) > Integer.MAX_VALUE / Math.max(1, w)) {
            throw new IllegalArgumentException("Invalid `background`: too large (" + Arrays.toString(background.shape()) + ").");
        }
        this.f = f;
        this.m = (int) background.size(0);
        this.width = (int) w;
        this.background = finite(background, "background");
        double[] out = f.apply(this.background, m, sampleShape);
        this.k = out.length / m;
        this.expected = new double[k];
        for (int b = 0; b < m; b++) {
            for (int o = 0; o < k; o++) {
                expected[o] += out[b * k + o] / m;
            }
        }
    }

    /** The number of features {@code M} (the flattened sample width). */
    public int numFeatures() {
        return width;
    }

    /** The number of outputs {@code k} explained (columns of the flattened model output). */
    public int numOutputs() {
        return k;
    }

    /** The mean model output over the background, {@code E[f(b)]}, for a single-output model. */
    public double expectedValue() {
        requireSingleOutput("expectedValue", "expectedValues");
        return expected[0];
    }

    /** The mean model output over the background, one value per output. */
    public double[] expectedValues() {
        return expected.clone();
    }

    /**
     * SHAP values {@code (n, M)} of a single-output model for the rows of {@code x} ({@code (n, …)} like the
     * background); row i satisfies {@code expectedValue() + Σ_j φ_ij = f(x_i)}.
     */
    public INDArray shapValues(INDArray x) {
        requireSingleOutput("shapValues", "shapValuesPerOutput");
        return shapValuesPerOutput(x).get(0);
    }

    /** SHAP values per output: element {@code o} is {@code (n, M)} for output {@code o}. */
    public List<INDArray> shapValuesPerOutput(INDArray x) {
        if (x == null || x.rank() < 1) {
            throw new IllegalArgumentException("Invalid `x`: expected rows shaped like the background " + shape(sampleShape)
                    + ". Received: " + (x == null ? "null" : "a scalar") + ".");
        }
        if (!Arrays.equals(Arrays.copyOfRange(x.shape(), 1, x.rank()), sampleShape)) {
            throw new IllegalArgumentException("Invalid `x`: expected rows of shape " + shape(sampleShape)
                    + " like the background. Received: shape " + Arrays.toString(x.shape()) + ".");
        }
        int n = (int) x.size(0);
        double[] rows = finite(x, "x");
        double[] fx = f.apply(rows, n, sampleShape);
        double[][][] phi = new double[k][n][];
        for (int i = 0; i < n; i++) {
            double[] xi = Arrays.copyOfRange(rows, i * width, (i + 1) * width);
            double[][] one = explainRow(xi, Arrays.copyOfRange(fx, i * k, (i + 1) * k));
            for (int o = 0; o < k; o++) {
                phi[o][i] = one[o];
            }
        }
        List<INDArray> result = new ArrayList<>();
        for (int o = 0; o < k; o++) {
            result.add(Nd4j.create(phi[o]).castTo(DataType.DOUBLE));
        }
        return result;
    }

    /** φ for one row {@code x} (flat, width M) with outputs {@code fx}: {@code (k, M)}. */
    abstract double[][] explainRow(double[] x, double[] fx);

    final double[] expected() {
        return expected;
    }

    final int outputs() {
        return k;
    }

    /** The features on which {@code x} differs from some background row (the others have φ = 0). */
    final int[] varying(double[] x) {
        int[] idx = new int[width];
        int count = 0;
        for (int j = 0; j < width; j++) {
            for (int b = 0; b < m; b++) {
                if (background[b * width + j] != x[j]) {
                    idx[count++] = j;
                    break;
                }
            }
        }
        return Arrays.copyOf(idx, count);
    }

    /**
     * {@code v(S)} for each coalition ({@code (r, k)} flat): coalition c keeps {@code x[features[j]]} where
     * {@code coalitions[c][j]}, the background's value elsewhere; the mean over background rows.
     */
    final double[] coalitionValues(double[] x, int[] features, boolean[][] coalitions) {
        int r = coalitions.length;
        double[] values = new double[r * k];
        int perChunk = (int) Math.max(1, Math.min(r, CHUNK_ELEMENTS / ((long) m * width)));
        for (int start = 0; start < r; start += perChunk) {
            int end = Math.min(r, start + perChunk);
            int rows = (end - start) * m;
            double[] data = new double[rows * width];
            for (int c = start; c < end; c++) {
                for (int b = 0; b < m; b++) {
                    int at = ((c - start) * m + b) * width;
                    System.arraycopy(background, b * width, data, at, width);
                    for (int j = 0; j < features.length; j++) {
                        if (coalitions[c][j]) {
                            data[at + features[j]] = x[features[j]];
                        }
                    }
                }
            }
            double[] out = f.apply(data, rows, sampleShape);
            for (int c = start; c < end; c++) {
                for (int b = 0; b < m; b++) {
                    for (int o = 0; o < k; o++) {
                        values[c * k + o] += out[((c - start) * m + b) * k + o] / m;
                    }
                }
            }
        }
        return values;
    }

    private void requireSingleOutput(String method, String instead) {
        if (k != 1) {
            throw new IllegalStateException(method + "() is for single-output models; this one has " + k
                    + " outputs. Use " + instead + "() (one entry per output).");
        }
    }

    static double[] finite(INDArray a, String name) {
        double[] d = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("Invalid `" + name + "`: expected finite values. Received: " + d[i]
                        + " at flat index " + i + ".");
            }
        }
        return d;
    }

    static String shape(long[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? ", " : "").append(s[i]);
        }
        return b.append(s.length == 1 ? ",)" : ")").toString();
    }
}
