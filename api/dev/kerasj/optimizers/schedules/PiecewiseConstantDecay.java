package dev.kerasj.optimizers.schedules;

import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step function: {@code values[0]} while {@code step ≤ boundaries[0]}, {@code values[i]} while
 * {@code boundaries[i−1] < step ≤ boundaries[i]}, and the last value after the last boundary.
 * {@code values} has one more entry than {@code boundaries}.
 *
 * <pre>{@code
 * new SGD(new PiecewiseConstantDecay(new long[] {100, 200}, new double[] {1.0, 0.5, 0.1}))
 * }</pre>
 */
public final class PiecewiseConstantDecay extends LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (boundaries == null || values == null || values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("Invalid `values`: expected one more value than boundaries. Received: "
                    + "boundaries=" + Arrays.toString(boundaries) + ", values=" + Arrays.toString(values));
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("Invalid `boundaries`: expected increasing steps. Received: boundaries="
                        + Arrays.toString(boundaries));
            }
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double value(long step) {
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Long> b = new ArrayList<>();
        for (long x : boundaries) {
            b.add(x);
        }
        List<Double> v = new ArrayList<>();
        for (double x : values) {
            v.add(x);
        }
        c.put("boundaries", b);
        c.put("values", v);
        return c;
    }

    static PiecewiseConstantDecay fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("PiecewiseConstantDecay", config);
        Object raw = r.raw("values");
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("Invalid PiecewiseConstantDecay config: `values` must be a list. Received: " + raw);
        }
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) list.get(i)).doubleValue();
        }
        return new PiecewiseConstantDecay(r.longs("boundaries"), values);
    }
}
