package dev.kerasj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scales each feature to a range: {@code (x − dataMin) / (dataMax − dataMin) · (max − min) + min},
 * with {@code dataMin}/{@code dataMax} learned by {@link #fit} on training data only
 * (scikit-learn's {@code MinMaxScaler}).
 *
 * <p>Features are along the last axis (a rank-1 array is one feature). A constant feature gets a
 * data range of 1. Immutable: {@code fit} returns a fitted copy. Output keeps the input's floating
 * type (integers become FLOAT). Defaults: feature range (0, 1).
 *
 * <pre>{@code
 * MinMaxScaler scaler = new MinMaxScaler().fit(xTrain);            // to [0, 1]
 * MinMaxScaler signed = new MinMaxScaler(-1, 1).fit(xTrain);       // to [-1, 1]
 * INDArray back = scaler.inverseTransform(scaler.transform(xTest));
 * }</pre>
 */
public final class MinMaxScaler {
    private final double min;
    private final double max;
    private final double[] dataMin;
    private final double[] dataMax;

    /** An unfitted scaler to the range (0, 1). */
    public MinMaxScaler() {
        this(0, 1);
    }

    /** An unfitted scaler to the range ({@code min}, {@code max}); {@code min < max}. */
    public MinMaxScaler(double min, double max) {
        this(min, max, null, null);
    }

    private MinMaxScaler(double min, double max, double[] dataMin, double[] dataMax) {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw Args.invalid("feature_range", "finite (min, max) with min < max", "(" + min + ", " + max + ")", null);
        }
        this.min = min;
        this.max = max;
        this.dataMin = dataMin;
        this.dataMax = dataMax;
    }

    /** A copy fitted to {@code x} (features along the last axis). */
    public MinMaxScaler fit(INDArray x) {
        INDArray samples = FeatureStats.samples(x, "MinMaxScaler");
        return new MinMaxScaler(min, max, samples.min(0).toDoubleVector(), samples.max(0).toDoubleVector());
    }

    private double[] scales() {
        double[] s = new double[dataMin.length];
        for (int i = 0; i < s.length; i++) {
            double range = dataMax[i] - dataMin[i];
            s[i] = (max - min) / (range == 0 ? 1 : range);
        }
        return s;
    }

    /** Scales {@code x} to the feature range. @throws IllegalStateException if not fitted */
    public INDArray transform(INDArray x) {
        checkFitted();
        double[] s = scales();
        double[] offset = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            offset[i] = min - dataMin[i] * s[i];
        }
        return FeatureStats.affine(x, s, offset, "MinMaxScaler");
    }

    /** Undoes {@link #transform}. @throws IllegalStateException if not fitted */
    public INDArray inverseTransform(INDArray x) {
        checkFitted();
        double[] s = scales();
        double[] inv = new double[s.length];
        double[] offset = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            inv[i] = 1 / s[i];
            offset[i] = dataMin[i] - min / s[i];
        }
        return FeatureStats.affine(x, inv, offset, "MinMaxScaler");
    }

    /** Whether {@link #fit} has been applied. */
    public boolean isFitted() {
        return dataMin != null;
    }

    /** The per-feature minimum seen by fit. @throws IllegalStateException if not fitted */
    public double[] dataMin() {
        checkFitted();
        return dataMin.clone();
    }

    /** The per-feature maximum seen by fit. @throws IllegalStateException if not fitted */
    public double[] dataMax() {
        checkFitted();
        return dataMax.clone();
    }

    /** {@code {"feature_range": [min, max], "data_min": [...], "data_max": [...]}} (data only when fitted). */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("feature_range", List.of(min, max));
        if (isFitted()) {
            config.put("data_min", FeatureStats.toList(dataMin));
            config.put("data_max", FeatureStats.toList(dataMax));
        }
        return config;
    }

    /** Rebuilds a scaler from {@link #getConfig()}'s map. */
    public static MinMaxScaler fromConfig(Map<String, Object> config) {
        double[] range = config != null && config.containsKey("feature_range")
                ? FeatureStats.doubles(config, "feature_range", "MinMaxScaler") : new double[] {0, 1};
        if (range.length != 2) {
            throw Args.invalid("config", "`feature_range` of two numbers", config, null);
        }
        if (config == null || !config.containsKey("data_min")) {
            return new MinMaxScaler(range[0], range[1]);
        }
        double[] lo = FeatureStats.doubles(config, "data_min", "MinMaxScaler");
        double[] hi = FeatureStats.doubles(config, "data_max", "MinMaxScaler");
        if (lo.length != hi.length) {
            throw Args.invalid("config", "`data_min` and `data_max` of the same length", config, null);
        }
        return new MinMaxScaler(range[0], range[1], lo, hi);
    }

    private void checkFitted() {
        if (!isFitted()) {
            throw new IllegalStateException("This MinMaxScaler is not fitted yet. Call fit(xTrain) first, on the"
                    + " training data only.");
        }
    }

    @Override
    public String toString() {
        return "MinMaxScaler[feature_range=(" + min + ", " + max + ")"
                + (isFitted() ? ", data_min=" + Arrays.toString(dataMin) + ", data_max=" + Arrays.toString(dataMax) : ", unfitted")
                + "]";
    }
}
