package dev.kerasj.applications;

import dev.kerasj.activations.Activations;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The arguments every {@link Applications} architecture takes, with Keras's names and defaults; immutable, each
 * setter returns a changed copy.
 *
 * <pre>{@code
 * ApplicationOptions.defaults()                             // include_top, 1000 classes, 224×224×3, no weights
 * ApplicationOptions.defaults().includeTop(false).pooling("avg").inputShape(96, 96, 3).alpha(0.35)
 * ApplicationOptions.defaults().weights(Path.of("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"))
 * }</pre>
 *
 * <ul>
 * <li>{@code include_top}: whether the classifier is included. Defaults to true.</li>
 * <li>{@code weights}: a Keras weight file ({@code .h5}, or a {@code .keras} model) loaded by layer name, or
 *     {@code null} for random initialization. Defaults to null (Keras's default, "imagenet", downloads a file;
 *     kerasj loads the file you bring).</li>
 * <li>{@code input_shape}: {@code (height, width, channels)}, each side ≥ 32. Defaults to the architecture's
 *     default size, 224×224×3 (Keras leaves height and width open without the top; kerasj needs them known).</li>
 * <li>{@code pooling}: without the top, {@code null} (the last 4-D feature map), {@code "avg"} or {@code "max"}
 *     (global pooling to a vector). Defaults to null.</li>
 * <li>{@code classes}: the classifier's units with the top. Defaults to 1000 (ImageNet).</li>
 * <li>{@code classifier_activation}: the classifier's activation; {@code null} or "linear" gives logits. Defaults
 *     to "softmax".</li>
 * <li>{@code alpha}: MobileNetV2's width multiplier (every other architecture rejects a value other than 1).
 *     Defaults to 1.0.</li>
 * </ul>
 */
public final class ApplicationOptions {
    private static final List<String> POOLINGS = List.of("avg", "max");

    private final boolean includeTop;
    private final Path weights;
    private final long[] inputShape;
    private final String pooling;
    private final int classes;
    private final String classifierActivation;
    private final double alpha;

    private ApplicationOptions(boolean includeTop, Path weights, long[] inputShape, String pooling, int classes,
                               String classifierActivation, double alpha) {
        this.includeTop = includeTop;
        this.weights = weights;
        this.inputShape = inputShape;
        this.pooling = pooling;
        this.classes = classes;
        this.classifierActivation = classifierActivation;
        this.alpha = alpha;
    }

    /** Keras's defaults: top included, no weights, default input shape, no pooling, 1000 classes, softmax, alpha 1. */
    public static ApplicationOptions defaults() {
        return new ApplicationOptions(true, null, null, null, 1000, "softmax", 1.0);
    }

    public boolean includeTop() {
        return includeTop;
    }

    public Path weights() {
        return weights;
    }

    /** The input shape asked for, or {@code null} for the architecture's default. */
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    public String pooling() {
        return pooling;
    }

    public int classes() {
        return classes;
    }

    public String classifierActivation() {
        return classifierActivation;
    }

    public double alpha() {
        return alpha;
    }

    public ApplicationOptions includeTop(boolean includeTop) {
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation, alpha);
    }

    /** A Keras weight file to load by layer name, or {@code null} for none. */
    public ApplicationOptions weights(Path weights) {
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation, alpha);
    }

    /** {@code (height, width, channels)}. */
    public ApplicationOptions inputShape(long... inputShape) {
        if (inputShape == null || inputShape.length != 3) {
            throw new IllegalArgumentException("Invalid `input_shape`: expected (height, width, channels). Received: "
                    + "input_shape=" + (inputShape == null ? "null" : Arrays.toString(inputShape)));
        }
        return new ApplicationOptions(includeTop, weights, inputShape.clone(), pooling, classes, classifierActivation,
                alpha);
    }

    /** {@code null}, "avg" or "max". */
    public ApplicationOptions pooling(String pooling) {
        if (pooling != null && !POOLINGS.contains(pooling)) {
            throw new IllegalArgumentException("Invalid `pooling`: expected None, 'avg' or 'max'. Received: pooling="
                    + pooling);
        }
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation, alpha);
    }

    public ApplicationOptions classes(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("Invalid `classes`: expected a positive integer. Received: classes="
                    + classes);
        }
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation, alpha);
    }

    /** An activation name, or {@code null} for logits. */
    public ApplicationOptions classifierActivation(String classifierActivation) {
        String a = Activations.canonical(classifierActivation);
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, a, alpha);
    }

    public ApplicationOptions alpha(double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("Invalid `alpha`: expected a positive number. Received: alpha=" + alpha);
        }
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation, alpha);
    }
}
