package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.StringHashes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code IndexLookup}, the common part of {@link StringLookup} and {@link IntegerLookup}: a vocabulary
 * (given, or built by {@code adapt} from the data: most frequent first, ties broken by the larger token first,
 * as Keras's {@code np.lexsort(...)[::-1]}), and indices laid out as Keras lays them out:
 * {@code [mask token (only with output_mode "int")] + [num_oov_indices OOV slots] + vocabulary}. An unknown
 * token gets the OOV index (with several OOV slots: FarmHash of the token's text modulo the slots for strings,
 * {@code value mod slots} for integers); the mask token gets 0 in "int" mode and adds nothing in the other
 * modes. The vocabulary is part of the config, so it is saved with the model.
 *
 * @param <T> the concrete layer type
 */
public abstract class IndexLookup<T extends IndexLookup<T>> extends PreprocessingLayer<T> {
    private static final List<String> MODES = Encodings.MODES;

    private Integer maxTokens;
    private int numOovIndices = 1;
    private String maskToken;
    private String oovToken;
    private String outputMode = "int";
    private List<String> vocabulary;
    private Map<String, Integer> index;

    protected IndexLookup(String oovToken) {
        this.oovToken = oovToken;
    }

    /** The token text as the layer keys it. */
    protected abstract String key(Object token);

    /** The token as the config writes it (a string, or an integer for IntegerLookup). */
    protected abstract Object configToken(String key);

    /** Compares two token keys as Keras's numpy sort orders the tokens. */
    protected abstract Comparator<String> tokenOrder();

    /** Whether integer OOV tokens are spread with {@code value mod num_oov_indices} (IntegerLookup). */
    protected abstract boolean integerTokens();

    // ---------------------------------------------------------------- options

    /** The largest vocabulary, special tokens included (default none). */
    public T maxTokens(Integer maxTokens) {
        checkConfigurable("max_tokens");
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("If set, `max_tokens` must be greater than 1. Received: max_tokens="
                    + maxTokens);
        }
        this.maxTokens = maxTokens;
        return self();
    }

    /** How many OOV slots (default 1; 0: an unknown token is an error). */
    public T numOovIndices(int n) {
        checkConfigurable("num_oov_indices");
        if (n < 0) {
            throw new IllegalArgumentException("`num_oov_indices` must be greater than or equal to 0. Received: "
                    + "num_oov_indices=" + n);
        }
        this.numOovIndices = n;
        return self();
    }

    protected final void setMaskToken(Object token) {
        checkConfigurable("mask_token");
        this.maskToken = token == null ? null : key(token);
    }

    protected final void setOovToken(Object token) {
        checkConfigurable("oov_token");
        this.oovToken = key(token);
    }

    /** "int" (default), "one_hot", "multi_hot" or "count". */
    public T outputMode(String outputMode) {
        checkConfigurable("output_mode");
        this.outputMode = Encodings.mode(className(), outputMode, MODES);
        return self();
    }

    /** Sets the vocabulary (no special tokens; no duplicates). */
    protected final void setVocabularyKeys(List<String> tokens) {
        int special = 0; // a vocabulary that starts with the special tokens (as get_vocabulary() returns it): skipped
        while (special < tokens.size() && special < tokenStart()
                && (tokens.get(special).equals(oovToken) || tokens.get(special).equals(maskToken))) {
            special++;
        }
        tokens = tokens.subList(special, tokens.size());
        Map<String, Integer> idx = new HashMap<>();
        for (String t : tokens) {
            if (t.equals(oovToken) || t.equals(maskToken)) {
                throw new IllegalArgumentException("Found reserved token " + t + " in the vocabulary of layer \""
                        + displayName() + "\": the OOV and mask tokens must not be part of it.");
            }
            if (idx.put(t, idx.size()) != null) {
                throw new IllegalArgumentException("The passed vocabulary has at least one repeated term. Please uniquify "
                        + "your dataset. The repeated term is " + t + ".");
            }
        }
        if (isBuilt() && !outputMode.equals("int") && vocabularySize(tokens.size()) != outputShape()[outputShape().length - 1]) {
            throw new IllegalStateException("Layer \"" + name() + "\" is built with a vocabulary of "
                    + outputShape()[outputShape().length - 1] + " for output_mode=" + outputMode + "; its vocabulary cannot "
                    + "change size. Adapt the layer before adding it to a model.");
        }
        this.vocabulary = List.copyOf(tokens);
        this.index = idx;
    }

    public String outputMode() {
        return outputMode;
    }

    public int numOovIndices() {
        return numOovIndices;
    }

    private int oovStart() {
        return maskToken != null && outputMode.equals("int") ? 1 : 0;
    }

    private int tokenStart() {
        return oovStart() + numOovIndices;
    }

    private int vocabularySize(int tokens) {
        return tokenStart() + tokens;
    }

    /** Keras's {@code vocabulary_size()}: special tokens included. */
    public int vocabularySize() {
        requireVocabulary();
        return vocabularySize(vocabulary.size());
    }

    /** Keras's {@code get_vocabulary()}: the token of each index, special tokens first. */
    public List<Object> getVocabulary() {
        requireVocabulary();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < oovStart(); i++) {
            out.add(configToken(maskToken));
        }
        for (int i = 0; i < numOovIndices; i++) {
            out.add(configToken(oovToken));
        }
        for (String t : vocabulary) {
            out.add(configToken(t));
        }
        return out;
    }

    private void requireVocabulary() {
        if (vocabulary == null) {
            throw new IllegalStateException("Layer \"" + displayName() + "\" (" + className() + ") has no vocabulary: pass "
                    + "`vocabulary` or call adapt(data) first.");
        }
    }

    // ---------------------------------------------------------------- adapt

    /** Builds the vocabulary from the tokens of {@code keys}: most frequent first, Keras's tie order, {@code max_tokens}. */
    protected final void adaptKeys(String[] keys) {
        Map<String, Integer> counts = new HashMap<>();
        for (String k : keys) {
            counts.merge(k, 1, Integer::sum);
        }
        counts.remove(oovToken);
        if (maskToken != null) {
            counts.remove(maskToken);
        }
        Comparator<String> order = tokenOrder();
        List<String> tokens = new ArrayList<>(counts.keySet());
        tokens.sort((a, b) -> {
            int c = Integer.compare(counts.get(b), counts.get(a));
            return c != 0 ? c : order.compare(b, a);
        });
        if (maxTokens != null) {
            tokens = new ArrayList<>(tokens.subList(0, Math.max(0, Math.min(tokens.size(), maxTokens - tokenStart()))));
        }
        setVocabularyKeys(tokens);
    }

    // ---------------------------------------------------------------- computing

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (outputMode.equals("int")) {
            return inputShape;
        }
        requireVocabulary();
        return Encodings.outputShape(inputShape, outputMode, vocabularySize());
    }

    /** The index of one token (see the class notes). */
    protected final double lookup(String key) {
        if (maskToken != null && maskToken.equals(key)) {
            return outputMode.equals("int") ? 0 : Encodings.DROP;
        }
        Integer i = index.get(key);
        if (i != null) {
            return tokenStart() + i;
        }
        if (numOovIndices == 0) {
            throw new IllegalArgumentException("When `num_oov_indices=0` all inputs should be in vocabulary, found OOV "
                    + "values [" + key + "], consider setting `num_oov_indices=1`.");
        }
        if (numOovIndices == 1) {
            return oovStart();
        }
        long slot = integerTokens() ? Math.floorMod(Long.parseLong(key), (long) numOovIndices)
                : StringHashes.bucket(StringHashes.fingerprint64(key.getBytes(StandardCharsets.UTF_8)), numOovIndices);
        return oovStart() + slot;
    }

    /** The lookup of every token key of a batch of shape {@code shape}, then the output mode's encoding. */
    protected final INDArray lookupAndEncode(String[] keys, long[] shape) {
        requireVocabulary();
        double[] idx = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            idx[i] = lookup(keys[i]);
        }
        return encode(idx, shape);
    }

    protected final INDArray encode(double[] indices, long[] shape) {
        return Encodings.encode(indices, shape, outputMode, outputMode.equals("int") ? Integer.MAX_VALUE : vocabularySize(),
                displayName());
    }

    // ---------------------------------------------------------------- config

    protected final void putLookupConfig(Map<String, Object> c) {
        c.put("invert", false);
        c.put("max_tokens", maxTokens);
        c.put("num_oov_indices", numOovIndices);
        c.put("oov_token", configToken(oovToken));
        c.put("mask_token", maskToken == null ? null : configToken(maskToken));
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        c.put("pad_to_max_tokens", false);
        c.put("idf_weights", null);
        List<Object> v = null;
        if (vocabulary != null) {
            v = new ArrayList<>();
            for (String t : vocabulary) {
                v.add(configToken(t));
            }
        }
        c.put("vocabulary", v);
        c.put("vocabulary_size", vocabulary == null ? null : vocabularySize());
    }

    /** Applies a saved lookup config (Keras's keys; {@code invert}, {@code tf_idf}, sparse and padding refused). */
    protected final void readLookupConfig(ConfigReader r) {
        for (String k : new String[] {"invert", "sparse", "pad_to_max_tokens"}) {
            if (r.bool(k, false)) {
                throw new IllegalArgumentException("Invalid " + className() + " config: `" + k + "=True` is not supported.");
            }
        }
        if (r.raw("max_tokens") != null) {
            maxTokens(r.integer("max_tokens"));
        }
        numOovIndices(r.integer("num_oov_indices", 1));
        if (r.has("oov_token")) {
            setOovToken(r.raw("oov_token"));
        }
        setMaskToken(r.raw("mask_token"));
        outputMode(r.string("output_mode", "int"));
        if (r.raw("vocabulary") instanceof List<?> l) {
            List<String> keys = new ArrayList<>();
            for (Object o : l) {
                keys.add(key(o));
            }
            setVocabularyKeys(keys);
        } else if (r.raw("vocabulary") != null) {
            throw new IllegalArgumentException("Invalid " + className() + " config: `vocabulary` must be a list of tokens "
                    + "(a vocabulary file is not supported). Received: " + r.raw("vocabulary"));
        }
        applyCommonConfig(r);
    }

    /** The config's own entries, in Keras's order. */
    protected final Map<String, Object> lookupConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        putLookupConfig(c);
        return c;
    }
}
