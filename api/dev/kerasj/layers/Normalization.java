package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature-wise normalization, as Keras 3's {@code Normalization}:
 * {@code y = (x − mean) / max(sqrt(variance), ε)} with ε = 1e-7 (Keras's {@code backend.epsilon()}), or with
 * {@code invert} {@code y = mean + x · max(sqrt(variance), ε)}. One mean and variance per position of the
 * kept {@code axis} (default −1: one per feature or channel), reduced over every other axis.
 *
 * <p>Either pass {@code mean} and {@code variance} (then the layer has no weights: they are constants in its
 * config), or call {@link #adapt(INDArray)} on data: it sets {@code mean} and the population variance
 * ({@code np.var}) over the reduced axes. Adapted, the layer holds Keras's three non-trainable weights:
 * {@code mean} and {@code variance} of the kept axes' shape ({@code (features,)} for axis −1) and the scalar
 * {@code count} (kept, as Keras 3 keeps it, for old saved models: it stays 0), so {@code summary()} counts
 * {@code 2·features + 1} non-trainable parameters; they are saved and loaded with the model. Output shape =
 * input shape.
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * norm.adapt(xTrain);                              // per-feature mean and variance of the training data
 * Sequential model = new Sequential(new Input(30), norm, new Dense(16, "relu"), new Dense(1, "sigmoid"));
 * new Normalization(-1, new double[] {0.485, 0.456, 0.406}, new double[] {0.052, 0.050, 0.051})
 * }</pre>
 *
 * <p>Defaults: {@code axis} −1, {@code mean} and {@code variance} null (adapt), {@code invert} false.
 * {@code axis} may list several axes ({@code new int[] {1, 2}}) or none ({@code new int[0]}, Keras's
 * {@code axis=None}: one mean and variance for everything); the batch axis cannot be kept.
 */
public final class Normalization extends PreprocessingLayer<Normalization> {
    /** Keras's {@code backend.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private final int[] axis;
    private final double[] inputMean;
    private final double[] inputVariance;
    private boolean invert;
    private float[] adaptedMean;
    private float[] adaptedVariance;
    private int[] keep;
    private long[] keptShape;

    /** {@code Normalization(axis=-1)}: one mean and variance per last-axis position, set by {@link #adapt}. */
    public Normalization() {
        this(new int[] {-1});
    }

    public Normalization(int axis) {
        this(new int[] {axis});
    }

    /** Keeps {@code axis} (an empty array is Keras's {@code axis=None}). */
    public Normalization(int[] axis) {
        this(axis, null, null);
    }

    /** With fixed statistics: a scalar each, or one value per position of the last kept axis. */
    public Normalization(int axis, double[] mean, double[] variance) {
        this(new int[] {axis}, mean, variance);
    }

    public Normalization(int[] axis, double[] mean, double[] variance) {
        this.axis = axis == null ? new int[0] : axis.clone();
        if ((mean == null) != (variance == null)) {
            throw new IllegalArgumentException("When setting values directly, both `mean` and `variance` must be set. "
                    + "Received: mean=" + Arrays.toString(mean) + " and variance=" + Arrays.toString(variance));
        }
        if (mean != null && mean.length != variance.length) {
            throw new IllegalArgumentException("When setting values directly, `mean` and `variance` must have the same "
                    + "shape. Received: mean shape (" + mean.length + ",) and variance shape (" + variance.length + ",)");
        }
        if (mean != null && mean.length == 0) {
            throw new IllegalArgumentException("Received an invalid value for `mean`, expected a number or a non-empty list. "
                    + "Received: mean=[]");
        }
        this.inputMean = mean == null ? null : mean.clone();
        this.inputVariance = variance == null ? null : variance.clone();
    }

    /** Keras's {@code invert}: de-normalize, {@code y = mean + x · sqrt(variance)} (default false). */
    public Normalization invert(boolean invert) {
        checkConfigurable("invert");
        this.invert = invert;
        return this;
    }

    public boolean invert() {
        return invert;
    }

    /** The kept axes as given (empty for Keras's {@code axis=None}). */
    public int[] axis() {
        return axis.clone();
    }

    /** Whether the statistics were given at construction (no weights) rather than adapted. */
    public boolean hasFixedStatistics() {
        return inputMean != null;
    }

    // ---------------------------------------------------------------- building

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        int ndim = inputShape.length + 1;
        int[] k = new int[axis.length];
        for (int i = 0; i < axis.length; i++) {
            int a = axis[i];
            if (a < -ndim || a >= ndim) {
                throw new IllegalArgumentException("All `axis` values must be in the range [-ndim, ndim). Received inputs "
                        + "with ndim=" + ndim + ", while axis=" + Arrays.toString(axis));
            }
            k[i] = a < 0 ? a + ndim : a;
            if (k[i] == 0) {
                throw new IllegalArgumentException("All `axis` values to be kept must have a known shape. Received axis="
                        + Arrays.toString(axis) + ", inputs.shape=" + Shapes.withBatch(inputShape)
                        + ", with unknown axis at index 0 (the batch axis)");
            }
        }
        Arrays.sort(k);
        long[] kept = new long[k.length];
        for (int i = 0; i < k.length; i++) {
            kept[i] = inputShape[k[i] - 1];
        }
        if (inputMean != null && inputMean.length != 1 && (k.length == 0 || kept[kept.length - 1] != inputMean.length)) {
            throw incompatible(inputShape, "a last kept axis of " + inputMean.length + " positions (one per `mean` value)",
                    null);
        }
        this.keep = k;
        this.keptShape = kept;
        return inputShape;
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        if (inputMean != null) {
            return List.of();
        }
        int n = (int) Shapes.product(keptShape);
        if (adaptedMean == null || adaptedMean.length != n) {
            adaptedMean = new float[n];
            adaptedVariance = new float[n];
            Arrays.fill(adaptedVariance, 1f);
        }
        return List.of(stateWeight("mean", keptShape, () -> adaptedMean),
                stateWeight("variance", keptShape, () -> adaptedVariance),
                stateWeight("count", new long[0], () -> new float[1]));
    }

    // ---------------------------------------------------------------- adapt

    /**
     * Keras's {@code adapt(data)}: sets {@code mean} and the population variance of {@code data}
     * {@code (samples, …)} over every axis but the kept ones; builds the layer for the sample shape when it is
     * not built yet. Call it before training (the model's copy of the weights is updated too).
     */
    public Normalization adapt(INDArray data) {
        dev.kerasj.internal.Checks.notNull("data", data);
        if (inputMean != null) {
            throw new IllegalStateException("Layer '" + displayName() + "' (Normalization) was given `mean` and `variance`; "
                    + "adapt() applies only to a layer created without them.");
        }
        if (data.rank() < 2 || data.size(0) == 0) {
            throw new IllegalArgumentException("Invalid `data` for adapt(): expected a non-empty array (samples, …). "
                    + "Received: shape=" + Shapes.tuple(data.shape()));
        }
        long[] sample = Shapes.dropFirst(data.shape());
        if (!isBuilt()) {
            build(sample);
        } else {
            long[] built = builtInputShape();
            for (int k : keep) {
                if (sample.length != built.length || sample[k - 1] != built[k - 1]) {
                    throw new IllegalArgumentException("The layer was built with input_shape=" + Shapes.withBatch(built)
                            + ", but adapt() is being called with data with an incompatible shape, data.shape="
                            + Shapes.tuple(data.shape()));
                }
            }
        }
        float[] x = floats(data);
        int[] position = positions(sample);
        int n = adaptedMean.length;
        double[] sum = new double[n];
        long[] count = new long[n];
        for (int i = 0; i < x.length; i++) {
            int k = position[i % position.length];
            sum[k] += x[i];
            count[k]++;
        }
        double[] mean = new double[n];
        for (int k = 0; k < n; k++) {
            mean[k] = sum[k] / count[k];
        }
        double[] sq = new double[n];
        for (int i = 0; i < x.length; i++) {
            int k = position[i % position.length];
            double d = x[i] - mean[k];
            sq[k] += d * d;
        }
        for (int k = 0; k < n; k++) {
            adaptedMean[k] = (float) mean[k];
            adaptedVariance[k] = (float) (sq[k] / count[k]);
        }
        pushStateToModel();
        return this;
    }

    /** For each position of one sample (row-major), the index of its statistic among the kept axes' positions. */
    private int[] positions(long[] sample) {
        int size = (int) Shapes.product(sample);
        int[] out = new int[size];
        long[] strides = new long[sample.length];
        long s = 1;
        for (int d = sample.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= sample[d];
        }
        for (int i = 0; i < size; i++) {
            int k = 0;
            for (int a : keep) {
                int d = a - 1;
                k = (int) (k * sample[d] + (i / strides[d]) % sample[d]);
            }
            out[i] = k;
        }
        return out;
    }

    // ---------------------------------------------------------------- computing

    /** The mean in use: given, adapted, or (in a model) the model's weight; shape of the kept axes. */
    public INDArray mean() {
        return statistic(0);
    }

    /** The variance in use (see {@link #mean()}). */
    public INDArray variance() {
        return statistic(1);
    }

    private INDArray statistic(int which) {
        if (!isBuilt()) {
            throw new IllegalStateException("Layer '" + displayName() + "' (Normalization) is not built yet: call adapt(data) "
                    + "or add it to a model first.");
        }
        if (inputMean != null) {
            double[] v = which == 0 ? inputMean : inputVariance;
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return array(f, f.length);
        }
        return currentWeights().get(which);
    }

    /** Per statistic index: {@code [mean, max(sqrt(variance), ε)]}. */
    private float[][] meanAndStd(List<INDArray> weights, long[] sample) {
        float[] mean;
        float[] var;
        if (inputMean != null) {
            mean = new float[inputMean.length];
            var = new float[inputMean.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) inputMean[i];
                var[i] = (float) inputVariance[i];
            }
        } else {
            mean = floats(weights.get(0));
            var = floats(weights.get(1));
        }
        float[] std = new float[var.length];
        for (int i = 0; i < var.length; i++) {
            std[i] = (float) Math.max(Math.sqrt(var[i]), EPSILON);
        }
        return new float[][] {mean, std};
    }

    /** Statistic index per sample position: the kept axes' positions, or (given statistics) the last kept axis. */
    private int[] statisticIndex(long[] sample) {
        if (inputMean == null) {
            return positions(sample);
        }
        int size = (int) Shapes.product(sample);
        int[] out = new int[size];
        if (inputMean.length == 1) {
            return out;
        }
        int d = keep[keep.length - 1] - 1;
        long stride = 1;
        for (int j = sample.length - 1; j > d; j--) {
            stride *= sample[j];
        }
        for (int i = 0; i < size; i++) {
            out[i] = (int) ((i / stride) % sample[d]);
        }
        return out;
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        long[] sample = Shapes.dropFirst(inputs.shape());
        float[][] ms = meanAndStd(weights, sample);
        int[] index = statisticIndex(sample);
        float[] x = floats(inputs);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int k = index[i % index.length];
            y[i] = invert ? ms[0][k] + x[i] * ms[1][k] : (x[i] - ms[0][k]) / ms[1][k];
        }
        return array(y, inputs.shape());
    }

    @Override
    public INDArray inputGradient(INDArray inputs, INDArray outputGradient, List<INDArray> weights) {
        long[] sample = Shapes.dropFirst(inputs.shape());
        float[] std = meanAndStd(weights, sample)[1];
        int[] index = statisticIndex(sample);
        float[] g = floats(outputGradient);
        float[] dx = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            int k = index[i % index.length];
            dx[i] = invert ? g[i] * std[k] : g[i] / std[k];
        }
        return array(dx, inputs.shape());
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    // ---------------------------------------------------------------- config

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Object> a = new ArrayList<>();
        for (int v : axis) {
            a.add(v);
        }
        c.put("axis", a);
        c.put("invert", invert);
        c.put("mean", configValue(inputMean, false));
        c.put("variance", configValue(inputVariance, false));
        return c;
    }

    /** Rebuilds the layer from its Keras config ({@code axis}: an integer, a list, or null). */
    public static Normalization fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Normalization", config);
        Object a = r.raw("axis");
        int[] axis = !r.has("axis") ? new int[] {-1} : a == null ? new int[0] : a instanceof Number n
                ? new int[] {n.intValue()} : r.ints("axis");
        Normalization l = new Normalization(axis, configNumbers("Normalization", "mean", r.raw("mean")),
                configNumbers("Normalization", "variance", r.raw("variance")));
        l.invert(r.bool("invert", false));
        l.applyCommonConfig(r);
        return l;
    }
}
