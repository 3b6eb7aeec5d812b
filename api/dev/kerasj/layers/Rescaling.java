package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rescales every value: {@code y = x · scale + offset}, in training and inference, as Keras's
 * {@code Rescaling}. {@code scale} and {@code offset} are numbers, or lists with one value per channel (the
 * last axis), as EfficientNet's {@code Rescaling([1/σ_R, 1/σ_G, 1/σ_B])}. Output shape = input shape; no
 * weights; the gradient {@code dL/dx = dL/dy · scale} passes back.
 *
 * <pre>{@code
 * new Sequential(new Input(180, 180, 3), new Rescaling(1.0 / 255), new Conv2D(16, 3, "relu"), …)
 * new Rescaling(1.0 / 127.5, -1)          // [0, 255] → [-1, 1]
 * }</pre>
 *
 * <p>{@code scale}: required. {@code offset}: defaults to 0.
 */
public final class Rescaling extends PreprocessingLayer<Rescaling> {
    private final double[] scale;
    private final double[] offset;
    private final boolean scaleList;
    private final boolean offsetList;

    /** {@code Rescaling(scale, offset=0)}. */
    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    public Rescaling(double scale, double offset) {
        this(new double[] {scale}, false, new double[] {offset}, false);
    }

    /** One scale per channel (the last axis), offset 0. */
    public Rescaling(double[] scale) {
        this(scale, true, new double[] {0.0}, false);
    }

    /** One scale and one offset per channel (the last axis). */
    public Rescaling(double[] scale, double[] offset) {
        this(scale, true, offset, true);
    }

    private Rescaling(double[] scale, boolean scaleList, double[] offset, boolean offsetList) {
        this.scale = finite("scale", scale);
        this.offset = finite("offset", offset);
        this.scaleList = scaleList;
        this.offsetList = offsetList;
    }

    private static double[] finite(String arg, double[] v) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException("Received an invalid value for `" + arg + "`, expected a number or a "
                    + "non-empty list of numbers. Received: " + arg + "=" + (v == null ? "null" : "[]"));
        }
        for (double d : v) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("Received an invalid value for `" + arg + "`, expected finite numbers. "
                        + "Received: " + arg + "=" + java.util.Arrays.toString(v));
            }
        }
        return v.clone();
    }

    /** The scale (one value, or one per channel). */
    public double[] scale() {
        return scale.clone();
    }

    /** The offset (one value, or one per channel). */
    public double[] offset() {
        return offset.clone();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        long channels = inputShape[inputShape.length - 1];
        for (double[] v : new double[][] {scale, offset}) {
            if (v.length != 1 && v.length != channels) {
                throw incompatible(inputShape, "a last axis of " + v.length + " values (one per `scale`/`offset` entry)", null);
            }
        }
        return inputShape;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public org.nd4j.linalg.api.ndarray.INDArray compute(org.nd4j.linalg.api.ndarray.INDArray inputs, boolean training,
                                                        List<org.nd4j.linalg.api.ndarray.INDArray> weights) {
        float[] x = floats(inputs);
        int c = (int) inputs.size(inputs.rank() - 1);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            y[i] = (float) (x[i] * scale[scale.length == 1 ? 0 : ch] + offset[offset.length == 1 ? 0 : ch]);
        }
        return array(y, inputs.shape());
    }

    @Override
    public org.nd4j.linalg.api.ndarray.INDArray inputGradient(org.nd4j.linalg.api.ndarray.INDArray inputs,
            org.nd4j.linalg.api.ndarray.INDArray outputGradient, List<org.nd4j.linalg.api.ndarray.INDArray> weights) {
        float[] g = floats(outputGradient);
        int c = (int) outputGradient.size(outputGradient.rank() - 1);
        float[] dx = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            dx[i] = (float) (g[i] * scale[scale.length == 1 ? 0 : i % c]);
        }
        return array(dx, outputGradient.shape());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scale", configValue(scale, scaleList));
        c.put("offset", configValue(offset, offsetList));
        return c;
    }

    /** Rebuilds the layer from its Keras config ({@code scale}, {@code offset}: numbers or lists). */
    public static Rescaling fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Rescaling", config);
        Object s = r.raw("scale");
        Object o = r.has("offset") ? r.raw("offset") : 0.0;
        if (s == null) {
            throw new IllegalArgumentException("Invalid Rescaling config: `scale` is required.");
        }
        Rescaling l = new Rescaling(configNumbers("Rescaling", "scale", s), s instanceof List,
                configNumbers("Rescaling", "offset", o), o instanceof List);
        l.applyCommonConfig(r);
        return l;
    }
}
