package dev.kerasj.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Shared plumbing of the scalers: features along the last axis, per-feature affine maps, config lists. */
final class FeatureStats {
    private FeatureStats() {
    }

    /** {@code x} as a C-ordered (samples, features) matrix of doubles; a rank-1 array is one feature. */
    static INDArray samples(INDArray x, String owner) {
        Args.notNull("x", x);
        if (x.rank() < 1 || x.length() == 0) {
            throw Args.invalid("x", "a non-empty array with features along the last axis",
                    Arrays.toString(x.shape()), null);
        }
        long features = x.rank() == 1 ? 1 : x.size(x.rank() - 1);
        return x.castTo(DataType.DOUBLE).dup('c').reshape('c', x.length() / features, features);
    }

    /** {@code x * scale + offset} per feature (last axis), in {@code x}'s floating type (FLOAT for integer input). */
    static INDArray affine(INDArray x, double[] scale, double[] offset, String owner) {
        long features = x.rank() == 1 ? 1 : x.size(x.rank() - 1);
        if (features != scale.length) {
            throw Args.invalid("x", "an array whose last axis has " + scale.length + " features, as seen by fit",
                    "shape " + Arrays.toString(x.shape()), "Transform arrays shaped like the " + owner + "'s training data");
        }
        DataType type = x.dataType().isFPType() ? x.dataType() : DataType.FLOAT;
        INDArray m = x.castTo(type).dup('c').reshape('c', x.length() / features, features);
        m.muliRowVector(Nd4j.createFromArray(scale).castTo(type)).addiRowVector(Nd4j.createFromArray(offset).castTo(type));
        return m.reshape('c', x.shape());
    }

    static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    /** Reads a list of numbers (or a double[]) from a config map. */
    static double[] doubles(Map<String, Object> config, String key, String owner) {
        Object v = config == null ? null : config.get(key);
        if (v instanceof double[] d) {
            return d.clone();
        }
        if (v instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw Args.invalid("config", "`" + key + "` to be a list of numbers", config, null);
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        throw Args.invalid("config", "a " + owner + " config with a list of numbers `" + key + "`", config,
                "Pass the map returned by getConfig()");
    }
}
