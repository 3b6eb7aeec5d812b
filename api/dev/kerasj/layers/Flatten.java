package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Shapes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens every axis but the batch one, in row-major (channels-last) order:
 * {@code (batch, 12, 12, 32)} → {@code (batch, 4608)}. No parameters.
 *
 * <pre>{@code
 * new Sequential(new Input(28, 28), new Flatten(), new Dense(10, "softmax"))
 * }</pre>
 */
public final class Flatten extends BaseLayer<Flatten> {
    public Flatten() {
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return new long[] {Shapes.product(inputShape)};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("data_format", "channels_last");
        return c;
    }

    public static Flatten fromConfig(Map<String, Object> config) {
        Flatten f = new Flatten();
        f.applyCommonConfig(new ConfigReader("Flatten", config));
        return f;
    }
}
