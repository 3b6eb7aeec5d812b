package dev.kerasj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Standardizes features: {@code (x − mean) / std}, with the mean and the population standard
 * deviation (ddof 0) of each feature learned by {@link #fit} on training data only — the course's
 * {@code mean = raw[:numTrain].mean(axis=0); std = raw[:numTrain].std(axis=0)}.
 *
 * <p>Features are along the last axis; statistics are taken over all other axes (a rank-1 array is
 * one feature). A feature with zero variance gets scale 1, as in scikit-learn. Immutable:
 * {@code fit} returns a fitted copy. Output keeps the input's floating type (integers become FLOAT).
 * {@link #getConfig()} / {@link #fromConfig} carry the fitted state so it can be saved with a model.
 *
 * <pre>{@code
 * StandardScaler scaler = new StandardScaler().fit(xTrain);   // xTrain (n, 14)
 * INDArray x = scaler.transform(xAll);
 * INDArray back = scaler.inverseTransform(x);
 * }</pre>
 */
public final class StandardScaler {
    private final double[] mean;
    private final double[] scale;

    /** An unfitted scaler. */
    public StandardScaler() {
        this(null, null);
    }

    private StandardScaler(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** A copy fitted to {@code x} (features along the last axis). */
    public StandardScaler fit(INDArray x) {
        INDArray samples = FeatureStats.samples(x, "StandardScaler");
        double[] m = samples.mean(0).toDoubleVector();
        double[] s = samples.std(false, 0).toDoubleVector();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0 || !Double.isFinite(s[i])) {
                s[i] = 1;
            }
        }
        return new StandardScaler(m, s);
    }

    /** {@code (x − mean) / std} per feature. @throws IllegalStateException if not fitted */
    public INDArray transform(INDArray x) {
        checkFitted();
        double[] inv = new double[scale.length];
        double[] offset = new double[scale.length];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1 / scale[i];
            offset[i] = -mean[i] / scale[i];
        }
        return FeatureStats.affine(x, inv, offset, "StandardScaler");
    }

    /** {@code x · std + mean} per feature. @throws IllegalStateException if not fitted */
    public INDArray inverseTransform(INDArray x) {
        checkFitted();
        return FeatureStats.affine(x, scale, mean, "StandardScaler");
    }

    /** Whether {@link #fit} has been applied. */
    public boolean isFitted() {
        return mean != null;
    }

    /** The per-feature means. @throws IllegalStateException if not fitted */
    public double[] mean() {
        checkFitted();
        return mean.clone();
    }

    /** The per-feature scales (standard deviations, 1 where zero). @throws IllegalStateException if not fitted */
    public double[] scale() {
        checkFitted();
        return scale.clone();
    }

    /** {@code {"mean": [...], "scale": [...]}} when fitted, an empty map otherwise. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (isFitted()) {
            config.put("mean", FeatureStats.toList(mean));
            config.put("scale", FeatureStats.toList(scale));
        }
        return config;
    }

    /** Rebuilds a scaler from {@link #getConfig()}'s map (an empty map gives an unfitted scaler). */
    public static StandardScaler fromConfig(Map<String, Object> config) {
        if (config == null || config.isEmpty()) {
            return new StandardScaler();
        }
        double[] m = FeatureStats.doubles(config, "mean", "StandardScaler");
        double[] s = FeatureStats.doubles(config, "scale", "StandardScaler");
        if (m.length != s.length) {
            throw Args.invalid("config", "`mean` and `scale` of the same length", config, null);
        }
        return new StandardScaler(m, s);
    }

    private void checkFitted() {
        if (!isFitted()) {
            throw new IllegalStateException("This StandardScaler is not fitted yet. Call fit(xTrain) first, on the"
                    + " training data only.");
        }
    }

    @Override
    public String toString() {
        return isFitted() ? "StandardScaler[mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "]"
                : "StandardScaler[unfitted]";
    }
}
