package dev.kerasj.explain;

import dev.kerasj.Model;
import dev.kerasj.internal.runtime.GradientPass;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Grad-CAM (Selvaraju et al. 2017): where a convolutional network looks for a class. With {@code A} the
 * output {@code (h, w, c)} of a convolutional layer and {@code y_t} the target output,
 * <pre>α_c = mean_{h,w} ∂y_t/∂A_{h,w,c},   L = ReLU(Σ_c α_c A_{·,·,c}),   heatmap = L / max(L)</pre>
 * a map at the layer's resolution with values in [0, 1] (all zeros where nothing supports the class), as in
 * keras.io's Grad-CAM example. Gradients come from the network's own backward pass in inference mode; the
 * target is the model's output as it is (after a final softmax, where keras.io removes it first). Defaults:
 * the last {@code Conv2D} of the model, target = each row's predicted class.
 *
 * <pre>{@code
 * GradCam cam = new GradCam(cnn);                        // last Conv2D
 * INDArray maps = cam.heatmap(images);                   // (n, h, w)
 * display(Heatmaps.overlay(images.get(point(0)), maps.get(point(0))).image());
 * }</pre>
 */
public final class GradCam {
    private final Gradients gradients;
    private final Layer layer;

    /** Grad-CAM at the model's last {@code Conv2D}. */
    public GradCam(Model model) {
        this.gradients = new Gradients(model);
        Layer last = null;
        for (Layer l : model.layers()) {
            if (l instanceof Conv2D) {
                last = l;
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("Grad-CAM needs a Conv2D layer, and model '" + model.name()
                    + "' has none (layers: " + names(model.layers()) + "). Use Saliency or IntegratedGradients for it.");
        }
        this.layer = last;
    }

    /** Grad-CAM at the named layer, whose output must be an image {@code (h, w, channels)}. */
    public GradCam(Model model, String layerName) {
        this.gradients = new Gradients(model);
        Layer l = model.getLayer(layerName);
        if (l.outputShape() == null || l.outputShape().length != 3) {
            throw new IllegalArgumentException("Invalid `layerName`: Grad-CAM needs a layer with image output (h, w, channels)."
                    + " Received: layer '" + layerName + "' (" + l.getClass().getSimpleName() + ") with output shape "
                    + (l.outputShape() == null ? "unknown" : ShapExplainer.shape(l.outputShape())) + ".");
        }
        if (!model.layers().contains(l)) {
            throw new IllegalArgumentException("Invalid `layerName`: '" + layerName + "' is an input, not a layer.");
        }
        this.layer = l;
    }

    /** The layer whose activations are weighted. */
    public String layerName() {
        return layer.name();
    }

    /** Heat maps {@code (n, h, w)} in [0, 1] for each row's predicted class. */
    public INDArray heatmap(INDArray x) {
        return compute(x, Gradients.PREDICTED);
    }

    /** Heat maps {@code (n, h, w)} in [0, 1] for output {@code output} ({@code 0 ≤ output < outputs}). */
    public INDArray heatmap(INDArray x, int output) {
        return compute(x, gradients.requireOutput(output));
    }

    private INDArray compute(INDArray x, int output) {
        gradients.requireInput(x);
        GradientPass p = gradients.pass(x, gradients.targets(x, output), layer);
        INDArray a = p.layerOutput().castTo(DataType.DOUBLE);
        INDArray g = p.layerGradient().castTo(DataType.DOUBLE);
        long n = a.size(0);
        INDArray alpha = g.mean(1, 2);                                   // (n, c)
        INDArray cam = Nd4j.create(DataType.DOUBLE, n, a.size(1), a.size(2));
        for (long i = 0; i < n; i++) {
            INDArray ai = a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup('c');
            INDArray weighted = ai.reshape('c', ai.size(0) * ai.size(1), ai.size(2))
                    .mulRowVector(alpha.getRow(i));                       // (h·w, c) · α
            INDArray l = org.nd4j.linalg.ops.transforms.Transforms.relu(weighted.sum(1), false)
                    .reshape('c', ai.size(0), ai.size(1));
            double max = l.maxNumber().doubleValue();
            cam.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(max > 0 ? l.div(max) : l);
        }
        return cam;
    }

    private static List<String> names(List<Layer> layers) {
        return layers.stream().map(Layer::name).toList();
    }
}
