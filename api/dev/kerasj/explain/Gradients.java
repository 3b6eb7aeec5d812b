package dev.kerasj.explain;

import dev.kerasj.Model;
import dev.kerasj.internal.runtime.GradientPass;
import dev.kerasj.internal.runtime.ModelRuntimes;
import dev.kerasj.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the gradient explainers share: the model checks, the target output of each row, and the
 * network's own inference-mode backward pass (dropout off, BatchNormalization on its moving statistics).
 */
final class Gradients {
    /** The target "each row's predicted class", for the explain methods called without an output index. */
    static final int PREDICTED = -1;
    private final Model model;

    Gradients(Model model) {
        Predictor.requireReady(model);
        if (model.inputShapes().size() != 1 || model.outputShapes().size() != 1) {
            throw new IllegalArgumentException("Gradient explanations take models with one input and one output. Received: model '"
                    + model.name() + "' with " + model.inputShapes().size() + " inputs and " + model.outputShapes().size()
                    + " outputs.");
        }
        this.model = model;
    }

    Model model() {
        return model;
    }

    /** Checks that {@code x} is a batch of the model's input samples. */
    void requireInput(INDArray x) {
        long[] want = model.inputShape();
        if (x == null || x.rank() != want.length + 1 || !Arrays.equals(Arrays.copyOfRange(x.shape(), 1, x.rank()), want)) {
            throw new IllegalArgumentException("Invalid `x`: expected a batch of the model's inputs, shape (n, "
                    + Arrays.stream(want).mapToObj(Long::toString).collect(Collectors.joining(", ")) + "). Received: "
                    + (x == null ? "null" : "shape " + Arrays.toString(x.shape())) + ".");
        }
        ShapExplainer.finite(x, "x");
    }

    /** Checks an output index given by the user: {@code 0 ≤ output < k}. */
    int requireOutput(int output) {
        long k = outputs();
        if (output < 0 || output >= k) {
            throw new IllegalArgumentException("Invalid `output`: expected an index in [0, " + k + "). Received: output="
                    + output + ".");
        }
        return output;
    }

    /** The number of output columns {@code k} of the flattened output. */
    long outputs() {
        return Arrays.stream(model.outputShape()).reduce(1, (a, b) -> a * b);
    }

    /** Each row's target: {@code output} (checked), or each row's largest output (the predicted class) for {@link #PREDICTED}. */
    int[] targets(INDArray x, int output) {
        long k = outputs();
        int n = (int) x.size(0);
        int[] t = new int[n];
        if (output != PREDICTED) {
            Arrays.fill(t, requireOutput(output));
            return t;
        }
        INDArray y = model.predict(x, Predictor.BATCH).reshape(n, k);
        for (int i = 0; i < n; i++) {
            t[i] = k == 1 ? 0 : y.getRow(i).argMax().getInt(0);
        }
        return t;
    }

    /** The gradient pass for {@code x}, seeded with 1 at each row's target output, optionally at {@code layer}. */
    GradientPass pass(INDArray x, int[] targets, Layer layer) {
        INDArray in = x.castTo(DataType.FLOAT);
        return ModelRuntimes.of(model).gradients(new INDArray[] {in}, outs -> {
            INDArray w = Nd4j.zeros(outs[0].dataType(), outs[0].shape());
            INDArray flat = w.reshape('c', outs[0].size(0), outs[0].length() / outs[0].size(0));
            for (int i = 0; i < targets.length; i++) {
                flat.putScalar(i, targets[i], 1.0);
            }
            return new INDArray[] {flat.reshape('c', outs[0].shape())};
        }, layer);
    }
}
