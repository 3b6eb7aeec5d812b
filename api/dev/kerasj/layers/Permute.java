package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Permutes the non-batch axes, as Keras's {@code Permute}: {@code dims} is a permutation of
 * {@code 1..rank} (1-based, the batch axis excluded); output axis i is input axis {@code dims[i]}. No
 * parameters.
 *
 * <pre>{@code
 * new Permute(2, 1)   // (10, 64) → (64, 10)
 * }</pre>
 */
public final class Permute extends BaseLayer<Permute> {
    private final int[] dims;

    public Permute(int... dims) {
        int[] sorted = dims == null ? new int[0] : dims.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Received an invalid value for `dims`, expected a permutation of 1.."
                        + sorted.length + ". Received: dims=" + Arrays.toString(dims));
            }
        }
        if (sorted.length == 0) {
            throw new IllegalArgumentException("Received an invalid value for `dims`, expected a non-empty permutation. "
                    + "Received: dims=[]");
        }
        this.dims = dims.clone();
    }

    /** The 1-based permutation. */
    public int[] dims() {
        return dims.clone();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != dims.length) {
            throw incompatible(inputShape, "ndim=" + (dims.length + 1) + " for dims=" + Arrays.toString(dims), null);
        }
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = inputShape[dims[i] - 1];
        }
        return out;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Integer> d = new ArrayList<>();
        for (int x : dims) {
            d.add(x);
        }
        c.put("dims", d);
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    public static Permute fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Permute", config);
        Permute p = new Permute(r.ints("dims"));
        p.applyCommonConfig(r);
        return p;
    }
}
