package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes integer features in {@code [0, num_tokens)}, as Keras's {@code CategoryEncoding}: "one_hot" (each
 * value → a row of {@code num_tokens} with a 1 at the value; a last axis of size 1 is replaced, any other
 * gets a new axis), "multi_hot" (each sample's last axis → one row with a 1 for every value present) or
 * "count" (how often each value occurs). A value outside the range is an error. No weights.
 *
 * <pre>{@code
 * new CategoryEncoding(4, "one_hot").call(ids)     // [[3], [2]] → [[0, 0, 0, 1], [0, 0, 1, 0]]
 * }</pre>
 *
 * <p>Defaults: {@code output_mode} "multi_hot". Keras's {@code count_weights} and {@code sparse} are not
 * supported.
 */
public final class CategoryEncoding extends PreprocessingLayer<CategoryEncoding> {
    private static final List<String> MODES = List.of("one_hot", "multi_hot", "count");
    private final int numTokens;
    private final String outputMode;

    /** {@code CategoryEncoding(num_tokens, output_mode="multi_hot")}. */
    public CategoryEncoding(int numTokens) {
        this(numTokens, "multi_hot");
    }

    public CategoryEncoding(int numTokens, String outputMode) {
        this.numTokens = Checks.positive("num_tokens", numTokens);
        this.outputMode = Encodings.mode("CategoryEncoding", outputMode, MODES);
    }

    public int numTokens() {
        return numTokens;
    }

    public String outputMode() {
        return outputMode;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return Encodings.outputShape(inputShape, outputMode, numTokens);
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        return Encodings.encode(Encodings.doubles(inputs), inputs.shape(), outputMode, numTokens, displayName());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("num_tokens", numTokens);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        return c;
    }

    public static CategoryEncoding fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("CategoryEncoding", config);
        if (r.bool("sparse", false)) {
            throw new IllegalArgumentException("Invalid CategoryEncoding config: `sparse=True` is not supported.");
        }
        CategoryEncoding l = new CategoryEncoding(r.integer("num_tokens"), r.string("output_mode", "multi_hot"));
        l.applyCommonConfig(r);
        return l;
    }
}
