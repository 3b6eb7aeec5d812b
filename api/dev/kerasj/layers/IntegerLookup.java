package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Maps integers to indices of a vocabulary, as Keras's {@code IntegerLookup}: with the defaults index 0 is the
 * out-of-vocabulary slot (token −1) and the vocabulary starts at 1; with a {@code mask_token} (output_mode
 * "int") the mask is 0 and OOV 1. {@link #adapt(INDArray)} builds the vocabulary from data, most frequent first
 * (ties: the larger value first, as Keras). Encoded per {@code output_mode}; see {@link IndexLookup}. It runs
 * inside the network on float32 values, so ids must be integers of magnitude below 2^24.
 *
 * <pre>{@code
 * IntegerLookup ids = new IntegerLookup(List.of(12L, 36L, 1138L, 42L));
 * ids.call(Nd4j.createFromArray(new float[][] {{12, 1138, 42}, {42, 1000, 36}}));  // [[1, 3, 4], [4, 0, 2]]
 * }</pre>
 *
 * <p>Defaults: {@code max_tokens} none, {@code num_oov_indices} 1, {@code mask_token} none, {@code oov_token}
 * −1, {@code vocabulary} none (adapt), {@code output_mode} "int".
 */
public final class IntegerLookup extends IndexLookup<IntegerLookup> {
    public IntegerLookup() {
        super("-1");
    }

    /** With a fixed vocabulary (no adapt). */
    public IntegerLookup(List<Long> vocabulary) {
        this();
        List<String> keys = new ArrayList<>();
        for (Long v : vocabulary) {
            keys.add(key(v));
        }
        setVocabularyKeys(keys);
    }

    /** The integer of masked inputs (default none). */
    public IntegerLookup maskToken(Long token) {
        setMaskToken(token);
        return this;
    }

    /** The out-of-vocabulary token (default −1). */
    public IntegerLookup oovToken(long token) {
        setOovToken(token);
        return this;
    }

    /** Builds the vocabulary from the values of {@code data} (integers). */
    public IntegerLookup adapt(INDArray data) {
        double[] v = Encodings.doubles(dev.kerasj.internal.Checks.notNull("data", data));
        String[] keys = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            keys[i] = key(v[i]);
        }
        adaptKeys(keys);
        return this;
    }

    @Override
    protected String key(Object token) {
        if (!(token instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("IntegerLookup tokens must be integers. Received: " + token);
        }
        return Long.toString(n.longValue());
    }

    @Override
    protected Object configToken(String key) {
        return Long.parseLong(key);
    }

    @Override
    protected Comparator<String> tokenOrder() {
        return Comparator.comparingLong(Long::parseLong);
    }

    @Override
    protected boolean integerTokens() {
        return true;
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        double[] v = Encodings.doubles(inputs);
        String[] keys = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            keys[i] = key(v[i]);
        }
        return lookupAndEncode(keys, inputs.shape());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = lookupConfig();
        c.put("vocabulary_dtype", "int64");
        return c;
    }

    public static IntegerLookup fromConfig(Map<String, Object> config) {
        IntegerLookup l = new IntegerLookup();
        l.readLookupConfig(new ConfigReader("IntegerLookup", config));
        return l;
    }
}
