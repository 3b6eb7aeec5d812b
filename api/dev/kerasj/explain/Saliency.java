package dev.kerasj.explain;

import dev.kerasj.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Saliency maps (Simonyan et al. 2014): the absolute gradient of one output with respect to the input,
 * {@code |∂y_t/∂x|}, from the network's own backward pass in inference mode. The target {@code t} is each
 * row's predicted class (largest output) unless an output index is given.
 *
 * <pre>{@code
 * INDArray s = new Saliency(cnn).explain(images);       // (n, 28, 28, 1), same shape as the input
 * display(Heatmaps.overlay(images.get(point(0)), s.get(point(0))).image());
 * }</pre>
 */
public final class Saliency {
    private final Gradients gradients;

    /** A saliency explainer for a built, compiled model with one input and one output. */
    public Saliency(Model model) {
        this.gradients = new Gradients(model);
    }

    /** {@code |∂y_t/∂x|} with {@code t} each row's predicted class; the shape of {@code x}. */
    public INDArray explain(INDArray x) {
        return compute(x, Gradients.PREDICTED);
    }

    /** {@code |∂y_output/∂x|} for an output index {@code 0 ≤ output < outputs}; the shape of {@code x}. */
    public INDArray explain(INDArray x, int output) {
        return compute(x, gradients.requireOutput(output));
    }

    private INDArray compute(INDArray x, int output) {
        gradients.requireInput(x);
        return Transforms.abs(gradients.pass(x, gradients.targets(x, output), null).inputGradients()[0], false)
                .castTo(DataType.DOUBLE);
    }
}
