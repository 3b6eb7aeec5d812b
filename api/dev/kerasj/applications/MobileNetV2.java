package dev.kerasj.applications;

import dev.kerasj.Model;
import dev.kerasj.layers.Add;
import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.DepthwiseConv2D;
import dev.kerasj.layers.GlobalAveragePooling2D;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.ReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * MobileNetV2 (Sandler et al., 2018), as Keras's {@code keras.applications.MobileNetV2}: a 3×3 stride-2 stem, 17
 * inverted residual blocks (1×1 expand → BN → ReLU6 → 3×3 depthwise → BN → ReLU6 → 1×1 project → BN, plus the
 * input where shapes allow), a 1×1 conv to 1280 channels, then global average pooling and the classifier.
 * Layer names are Keras's ({@code Conv1}, {@code bn_Conv1}, {@code block_1_expand}, …, {@code out_relu},
 * {@code predictions}), so Keras's weight files map by name. With Keras's defaults: 3,538,984 parameters
 * (2,257,984 without the top), 156 layers counting the input; the model is named
 * {@code mobilenetv2_1.00_224}.
 *
 * <p>{@code alpha} scales every layer's width (filters rounded to multiples of 8, as Keras's
 * {@code _make_divisible}); the last conv keeps 1280 channels unless alpha &gt; 1. Input: RGB in [−1, 1]
 * ({@link #preprocessInput}).
 *
 * <pre>{@code
 * Model m = Applications.mobileNetV2(ApplicationOptions.defaults().alpha(0.35).inputShape(96, 96, 3));
 * }</pre>
 */
public final class MobileNetV2 {
    private MobileNetV2() {
    }

    /** Keras's {@code mobilenet_v2.preprocess_input} ("tf" mode): {@code x / 127.5 − 1}, pixels 0–255 to [−1, 1]. */
    public static INDArray preprocessInput(INDArray x) {
        return ImageNet.preprocess(x, ImageNet.Mode.TF);
    }

    static Model build(ApplicationOptions o) {
        double alpha = o.alpha();
        long[] shape = Architecture.inputShape(o, 224);
        Input input = new Input(shape);
        KerasTensor x = new Conv2D(makeDivisible(32 * alpha, 8), 3).strides(2).padding("same").useBias(false)
                .name("Conv1").apply(input);
        x = bn("bn_Conv1").apply(x);
        x = new ReLU(6.0).name("Conv1_relu").apply(x);

        int[][] blocks = {   // filters, stride, expansion
            {16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6}, {64, 1, 6}, {64, 1, 6},
            {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6}, {320, 1, 6}};
        for (int id = 0; id < blocks.length; id++) {
            x = invertedResidual(x, blocks[id][0], blocks[id][1], blocks[id][2], alpha, id);
        }
        int last = alpha > 1.0 ? makeDivisible(1280 * alpha, 8) : 1280;
        x = new Conv2D(last, 1).useBias(false).name("Conv_1").apply(x);
        x = bn("Conv_1_bn").apply(x);
        x = new ReLU(6.0).name("out_relu").apply(x);
        if (o.includeTop()) {
            x = Architecture.classifier(new GlobalAveragePooling2D().apply(x), o);
        } else {
            x = Architecture.pooling(x, o, null, null);
        }
        String name = String.format(Locale.ROOT, "mobilenetv2_%.2f_%d", alpha, shape[0]);
        return Architecture.model(input, x, name, o);
    }

    private static KerasTensor invertedResidual(KerasTensor in, int filters, int stride, int expansion, double alpha,
                                                int id) {
        long inChannels = in.shape()[2];
        int pointwise = makeDivisible((int) (filters * alpha), 8);
        KerasTensor x = in;
        String prefix = "block_" + id + "_";
        if (id > 0) {
            x = new Conv2D((int) (expansion * inChannels), 1).padding("same").useBias(false).name(prefix + "expand")
                    .apply(x);
            x = bn(prefix + "expand_BN").apply(x);
            x = new ReLU(6.0).name(prefix + "expand_relu").apply(x);
        } else {
            prefix = "expanded_conv_";
        }
        if (stride == 2) {
            x = Architecture.correctPad(x, 3).name(prefix + "pad").apply(x);
        }
        x = new DepthwiseConv2D(3).strides(stride).useBias(false).padding(stride == 1 ? "same" : "valid")
                .name(prefix + "depthwise").apply(x);
        x = bn(prefix + "depthwise_BN").apply(x);
        x = new ReLU(6.0).name(prefix + "depthwise_relu").apply(x);
        x = new Conv2D(pointwise, 1).padding("same").useBias(false).name(prefix + "project").apply(x);
        x = bn(prefix + "project_BN").apply(x);
        if (inChannels == pointwise && stride == 1) {
            return new Add().name(prefix + "add").apply(in, x);
        }
        return x;
    }

    private static BatchNormalization bn(String name) {
        return new BatchNormalization().epsilon(1e-3).momentum(0.999).name(name);
    }

    /** Keras's {@code _make_divisible}: the nearest multiple of {@code divisor}, at least it, never 10% below {@code v}. */
    static int makeDivisible(double v, int divisor) {
        int n = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return n < 0.9 * v ? n + divisor : n;
    }
}
