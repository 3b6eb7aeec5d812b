package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Shapes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's input: the shape of one sample, without the batch axis.
 *
 * <p>Images are channels-last {@code (height, width, channels)}, sequences {@code (timesteps, features)}.
 * As the first element of a {@link dev.kerasj.Sequential} it fixes the input shape; in the functional
 * API it is the symbolic tensor layers are applied to. It has no parameters and is not listed in
 * {@code layers()}. Default name {@code "input_layer"}; default dtype {@code "float32"}.
 *
 * <pre>{@code
 * new Sequential(new Input(28, 28), new Flatten(), new Dense(10, "softmax"))
 * }</pre>
 */
public final class Input extends BaseLayer<Input> implements KerasTensor {
    private final long[] shape;
    private String dtype = "float32";

    public Input(long... shape) {
        this.shape = Shapes.positive("Input", "shape", shape);
        build(this.shape);
    }

    /** The sample shape (no batch axis). */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The input's dtype; kerasj trains in float32, and integer inputs are cast as Keras casts them. "string":
     * the input takes string arrays ({@code Nd4j.create(strings).reshape(n, 1)}), read by one StringLookup or Hashing
     * layer, which the model applies on the host (see {@link PreprocessingLayer#acceptsStrings()}).
     */
    public String dtype() {
        return dtype;
    }

    public Input dtype(String dtype) {
        if (!List.of("float32", "float64", "int32", "int64", "uint8", "string").contains(dtype)) {
            throw new IllegalArgumentException("Received an invalid value for `dtype`, expected one of float32, float64, "
                    + "int32, int64, uint8, string. Received: dtype=" + dtype);
        }
        this.dtype = dtype;
        return this;
    }

    @Override
    public Input name(String name) {
        // An Input is built at construction (its shape is its whole config), so naming is always allowed.
        setNameUnchecked(name);
        return this;
    }

    @Override
    public Layer layer() {
        return this;
    }

    @Override
    public int nodeIndex() {
        return 0;
    }

    @Override
    public List<KerasTensor> inboundTensors() {
        return List.of();
    }

    @Override
    protected void buildForInputs(List<long[]> shapes) {
        throw new IllegalArgumentException("An Input is not applied to tensors; it is itself the symbolic tensor that layers "
                + "are applied to: e.g. new Dense(1).apply(inputs).");
    }

    @Override
    public String defaultNameBase() {
        return "input_layer";
    }

    @Override
    public String className() {
        return "InputLayer";
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Object> batchShape = new ArrayList<>();
        batchShape.add(null);
        for (long d : shape) {
            batchShape.add(d);
        }
        c.put("batch_shape", batchShape);
        c.put("input_dtype", dtype);
        c.put("sparse", false);
        return c;
    }

    public static Input fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("InputLayer", config);
        long[] s = r.longs("batch_shape");
        Input in = new Input(java.util.Arrays.copyOfRange(s, 1, s.length));
        if (r.has("name")) {
            in.name(r.string("name"));
        }
        in.dtype(r.string("input_dtype", "float32"));
        return in;
    }
}
