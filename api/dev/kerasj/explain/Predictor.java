package dev.kerasj.explain;

import dev.kerasj.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The function an explainer explains: a kerasj model (float32, large batches) or any batched function
 * {@code (n, …sample) → (n, …outputs)}; results come back flattened to {@code (n, k)} doubles.
 */
final class Predictor {
    /** Rows per model call: large batches amortise the per-call work. */
    static final int BATCH = 8192;
    private final Function<INDArray, INDArray> f;
    private final DataType dataType;
    private final String what;

    private Predictor(Function<INDArray, INDArray> f, DataType dataType, String what) {
        this.f = f;
        this.dataType = dataType;
        this.what = what;
    }

    /** A built, compiled, single-input kerasj model. */
    static Predictor of(Model model) {
        requireReady(model);
        if (model.inputShapes().size() != 1) {
            throw new IllegalArgumentException("Explainers take models with one input. Received: model '" + model.name()
                    + "' with " + model.inputShapes().size() + " inputs.");
        }
        return new Predictor(x -> model.predict(x, BATCH), DataType.FLOAT, "model '" + model.name() + "'");
    }

    /** Any batched function, called with arrays of the background's data type. */
    static Predictor of(Function<INDArray, INDArray> f, DataType dataType) {
        if (f == null) {
            throw new IllegalArgumentException("Invalid `model`: expected a model or a function. Received: null.");
        }
        return new Predictor(f, dataType != null && dataType.isFPType() ? dataType : DataType.DOUBLE, "the function");
    }

    static void requireReady(Model model) {
        if (model == null) {
            throw new IllegalArgumentException("Invalid `model`: expected a built, compiled model. Received: null.");
        }
        if (!model.isBuilt()) {
            throw new IllegalStateException("Model '" + model.name() + "' has not been built yet, so it cannot be explained."
                    + " Start it with `new Input(...)` or call fit/predict on data first.");
        }
        if (!model.isCompiled()) {
            throw new IllegalStateException("Model '" + model.name() + "' has not been compiled, so it cannot be explained."
                    + " Call model.compile(optimizer, loss, metrics...) first (as after training).");
        }
    }

    /**
     * Evaluates {@code rows} samples given flat in {@code data} ({@code rows × width}, row-major) and
     * returns the outputs flat ({@code rows × k}); {@code k} is known after the first call.
     */
    double[] apply(double[] data, int rows, long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        INDArray x;
        if (dataType == DataType.FLOAT) {
            // straight into a float buffer: a double array's element-wise copy and the cast took longer than the model
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            x = Nd4j.create(f, shape, 'c');
        } else {
            x = Nd4j.create(data, shape, 'c').castTo(dataType);
        }
        INDArray y = f.apply(x);
        if (y == null || y.rank() == 0 || y.size(0) != rows) {
            throw new IllegalStateException(what + " must return one output row per input row (" + rows + "). Received: "
                    + (y == null ? "null" : "shape " + Arrays.toString(y.shape())) + ".");
        }
        double[] out = y.reshape(rows, y.length() / rows).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (double v : out) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException(what + " returned a non-finite output (" + v + "); explanations need finite"
                        + " outputs. Check the inputs and the model's weights.");
            }
        }
        return out;
    }
}
