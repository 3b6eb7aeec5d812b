package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.StringHashes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hashes strings or integers into {@code num_bins} bins, as Keras's {@code Hashing}: FarmHash
 * {@code Fingerprint64} of the value's UTF-8 bytes modulo the bins (TensorFlow's {@code to_hash_bucket_fast}),
 * or, with a {@code salt}, SipHash-2-4 keyed by the two salt values ({@code to_hash_bucket_strong}). Numbers
 * are hashed as Keras does: floats truncated to integers, then their decimal text. With a
 * {@code mask_value}, that value maps to bin 0 and the others to {@code 1 + hash mod (num_bins − 1)}. Then
 * encoded per {@code output_mode}. No weights.
 *
 * <p>Strings: as the first layer after an {@code Input(...).dtype("string")}, the model hashes the string
 * arrays it is given on the host before the network runs (see {@link PreprocessingLayer#acceptsStrings()}), so
 * {@code model.predict(rawRows)} takes strings.
 *
 * <pre>{@code
 * new Hashing(3).call(Nd4j.create(new String[] {"A", "B", "C", "D", "E"}).reshape(5, 1))  // [[1], [0], [1], [1], [2]]
 * }</pre>
 *
 * <p>Defaults: {@code mask_value} none, {@code salt} none (FarmHash), {@code output_mode} "int".
 */
public final class Hashing extends PreprocessingLayer<Hashing> {
    private final int numBins;
    private String maskValue;
    private long[] salt;
    private String outputMode = "int";

    public Hashing(int numBins) {
        this.numBins = Checks.positive("num_bins", numBins);
    }

    /** The value (its text, e.g. "" or "0") mapped to bin 0 (default none). */
    public Hashing maskValue(String maskValue) {
        checkConfigurable("mask_value");
        this.maskValue = maskValue;
        return this;
    }

    /** SipHash-2-4 with the key {@code (salt, salt)} instead of FarmHash. */
    public Hashing salt(long salt) {
        return salt(salt, salt);
    }

    /** SipHash-2-4 with the key {@code (k0, k1)} instead of FarmHash. */
    public Hashing salt(long k0, long k1) {
        checkConfigurable("salt");
        this.salt = new long[] {k0, k1};
        return this;
    }

    /** "int" (default), "one_hot", "multi_hot" or "count". */
    public Hashing outputMode(String outputMode) {
        checkConfigurable("output_mode");
        this.outputMode = Encodings.mode("Hashing", outputMode, Encodings.MODES);
        return this;
    }

    public int numBins() {
        return numBins;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return Encodings.outputShape(inputShape, outputMode, numBins);
    }

    @Override
    public boolean acceptsStrings() {
        return true;
    }

    /** The bin of one value's text. */
    public long bin(String value) {
        long bins = numBins;
        boolean masked = maskValue != null && bins > 1;
        if (masked) {
            if (maskValue.equals(value)) {
                return 0;
            }
            bins -= 1;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        long h = salt == null ? StringHashes.fingerprint64(b) : StringHashes.sipHash24(salt[0], salt[1], b);
        return StringHashes.bucket(h, bins) + (masked ? 1 : 0);
    }

    @Override
    public INDArray indexStrings(INDArray strings) {
        String[] s = strings(strings);
        float[] bins = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            bins[i] = bin(s[i]);
        }
        return array(bins, strings.shape());
    }

    @Override
    public INDArray encodeIndexed(INDArray indices) {
        return Encodings.encode(Encodings.doubles(indices), indices.shape(), outputMode, numBins, displayName());
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        if (inputIsIndexedStrings()) {
            return encodeIndexed(inputs);
        }
        double[] v = Encodings.doubles(inputs);
        double[] bins = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            bins[i] = bin(Long.toString((long) v[i]));
        }
        return Encodings.encode(bins, inputs.shape(), outputMode, numBins, displayName());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("num_bins", numBins);
        c.put("salt", salt == null ? null : new ArrayList<>(List.of(salt[0], salt[1])));
        c.put("mask_value", maskValue);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        return c;
    }

    public static Hashing fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Hashing", config);
        Hashing h = new Hashing(r.integer("num_bins"));
        Object salt = r.raw("salt");
        if (salt instanceof Number n) {
            h.salt(n.longValue());
        } else if (salt instanceof List<?> l && l.size() == 2) {
            h.salt(((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue());
        } else if (salt != null) {
            throw new IllegalArgumentException("The `salt` argument for `Hashing` can only be a tuple of size 2 integers, or "
                    + "a single integer. Received: salt=" + salt + ".");
        }
        Object mask = r.raw("mask_value");
        if (mask != null) {
            h.maskValue(mask instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? Long.toString(n.longValue()) : String.valueOf(mask));
        }
        h.outputMode(r.string("output_mode", "int"));
        h.applyCommonConfig(r);
        return h;
    }
}
