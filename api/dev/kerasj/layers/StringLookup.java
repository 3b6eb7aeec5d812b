package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Maps strings to integer indices of a vocabulary, as Keras's {@code StringLookup}: with the defaults, index 0
 * is the out-of-vocabulary token {@code "[UNK]"} and the vocabulary starts at 1; with a {@code mask_token}
 * (output_mode "int") the mask is 0, OOV 1, the vocabulary from 2. {@link #adapt(INDArray)} builds the
 * vocabulary from data, most frequent first (ties: the larger string first, as Keras). The indices are
 * encoded per {@code output_mode} ("int", "one_hot", "multi_hot", "count"); see {@link IndexLookup}.
 *
 * <p>In a model it reads an {@code Input(...).dtype("string")} directly: the model looks the strings up on the
 * host before the network runs, so {@code fit}, {@code evaluate} and {@code predict} take string arrays
 * ({@code Nd4j.create(strings).reshape(n, 1)}).
 *
 * <pre>{@code
 * StringLookup lookup = new StringLookup().outputMode("one_hot");
 * lookup.adapt(Nd4j.create("a", "c", "d", "d", "z", "b").reshape(6, 1));
 * Input color = new Input(1).dtype("string");
 * Model m = new Model(color, new Dense(1, "sigmoid").apply(lookup.apply(color)));
 * }</pre>
 *
 * <p>Defaults: {@code max_tokens} none, {@code num_oov_indices} 1, {@code mask_token} none, {@code oov_token}
 * "[UNK]", {@code vocabulary} none (adapt), {@code output_mode} "int". Not supported: {@code invert},
 * "tf_idf", {@code sparse}, {@code pad_to_max_tokens}, vocabulary files.
 */
public final class StringLookup extends IndexLookup<StringLookup> {
    public StringLookup() {
        super("[UNK]");
    }

    /** With a fixed vocabulary (no adapt). */
    public StringLookup(List<String> vocabulary) {
        this();
        setVocabularyKeys(List.copyOf(vocabulary));
    }

    /** The token of masked inputs (default none). */
    public StringLookup maskToken(String token) {
        setMaskToken(token);
        return this;
    }

    /** The out-of-vocabulary token (default "[UNK]"). */
    public StringLookup oovToken(String token) {
        setOovToken(dev.kerasj.internal.Checks.notNull("oov_token", token));
        return this;
    }

    /** Builds the vocabulary from the strings of {@code data} (a UTF-8 array). */
    public StringLookup adapt(INDArray data) {
        if (dev.kerasj.internal.Checks.notNull("data", data).dataType() != DataType.UTF8) {
            throw new IllegalArgumentException("Invalid `data` for StringLookup.adapt(): expected strings (a UTF8 array, "
                    + "Nd4j.create(strings).reshape(n, 1)). Received: dtype=" + data.dataType());
        }
        adaptKeys(strings(data));
        return this;
    }

    /** Builds the vocabulary from {@code tokens}. */
    public StringLookup adapt(List<String> tokens) {
        adaptKeys(tokens.toArray(new String[0]));
        return this;
    }

    @Override
    protected String key(Object token) {
        if (!(token instanceof String s)) {
            throw new IllegalArgumentException("StringLookup tokens must be strings. Received: " + token);
        }
        return s;
    }

    @Override
    protected Object configToken(String key) {
        return key;
    }

    @Override
    protected Comparator<String> tokenOrder() {
        return Comparator.naturalOrder();
    }

    @Override
    protected boolean integerTokens() {
        return false;
    }

    @Override
    public boolean acceptsStrings() {
        return true;
    }

    @Override
    public INDArray indexStrings(INDArray strings) {
        String[] s = strings(strings);
        double[] idx = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            idx[i] = lookup(s[i]);
        }
        float[] f = new float[idx.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) idx[i];
        }
        return array(f, strings.shape());
    }

    @Override
    public INDArray encodeIndexed(INDArray indices) {
        return encode(Encodings.doubles(indices), indices.shape());
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        if (!inputIsIndexedStrings()) {
            throw new IllegalStateException("Layer \"" + name() + "\" (StringLookup) must read an Input of dtype \"string\" "
                    + "directly (new Input(...).dtype(\"string\")), whose string arrays the model looks up.");
        }
        return encodeIndexed(inputs);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = lookupConfig();
        c.put("vocabulary_dtype", "string");
        c.put("encoding", "utf-8");
        return c;
    }

    public static StringLookup fromConfig(Map<String, Object> config) {
        StringLookup l = new StringLookup();
        l.readLookupConfig(new ConfigReader("StringLookup", config));
        return l;
    }
}
