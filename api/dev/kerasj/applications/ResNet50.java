package dev.kerasj.applications;

import dev.kerasj.Model;
import dev.kerasj.layers.Activation;
import dev.kerasj.layers.Add;
import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.GlobalAveragePooling2D;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.MaxPooling2D;
import dev.kerasj.layers.ZeroPadding2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ResNet50 (He et al., 2015; "v1"), as Keras's {@code keras.applications.ResNet50}: a 7×7 stride-2 stem with
 * 3×3 max pooling, then four stacks of bottleneck blocks (3, 4, 6, 3 blocks; 1×1 → 3×3 → 1×1 convolutions with
 * BatchNormalization, epsilon 1.001e-5, and a projection shortcut in each stack's first block), global average
 * pooling ({@code avg_pool}) and the classifier. Layer names are Keras's ({@code conv1_conv},
 * {@code conv2_block1_0_conv}, …, {@code conv5_block3_out}, {@code predictions}). With Keras's defaults:
 * 25,636,712 parameters (23,587,712 without the top), 177 layers counting the input; named {@code resnet50}.
 * Input: BGR, ImageNet-mean-centred ({@link #preprocessInput}).
 *
 * <pre>{@code
 * Model m = Applications.resNet50(ApplicationOptions.defaults().includeTop(false).pooling("avg"));
 * }</pre>
 */
public final class ResNet50 {
    private ResNet50() {
    }

    /**
     * Keras's {@code resnet50.preprocess_input} ("caffe" mode): RGB → BGR, then each channel minus the ImageNet
     * mean (103.939, 116.779, 123.68 for B, G, R), no scaling; pixels 0–255.
     */
    public static INDArray preprocessInput(INDArray x) {
        return ImageNet.preprocess(x, ImageNet.Mode.CAFFE);
    }

    static Model build(ApplicationOptions o) {
        Architecture.noAlpha(o, "ResNet50");
        Input input = new Input(Architecture.inputShape(o, 224));
        KerasTensor x = new ZeroPadding2D(3).name("conv1_pad").apply(input);
        x = new Conv2D(64, 7).strides(2).name("conv1_conv").apply(x);
        x = bn("conv1_bn").apply(x);
        x = new Activation("relu").name("conv1_relu").apply(x);
        x = new ZeroPadding2D(1).name("pool1_pad").apply(x);
        x = new MaxPooling2D(3).strides(2).name("pool1_pool").apply(x);

        x = stack(x, 64, 3, 1, "conv2");
        x = stack(x, 128, 4, 2, "conv3");
        x = stack(x, 256, 6, 2, "conv4");
        x = stack(x, 512, 3, 2, "conv5");
        if (o.includeTop()) {
            x = Architecture.classifier(new GlobalAveragePooling2D().name("avg_pool").apply(x), o);
        } else {
            x = Architecture.pooling(x, o, "avg_pool", "max_pool");
        }
        return Architecture.model(input, x, "resnet50", o);
    }

    private static KerasTensor stack(KerasTensor x, int filters, int blocks, int stride1, String name) {
        x = block(x, filters, stride1, true, name + "_block1");
        for (int i = 2; i <= blocks; i++) {
            x = block(x, filters, 1, false, name + "_block" + i);
        }
        return x;
    }

    /** Keras's {@code residual_block_v1}. */
    private static KerasTensor block(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
        KerasTensor shortcut = x;
        if (convShortcut) {
            shortcut = new Conv2D(4 * filters, 1).strides(stride).name(name + "_0_conv").apply(x);
            shortcut = bn(name + "_0_bn").apply(shortcut);
        }
        x = new Conv2D(filters, 1).strides(stride).name(name + "_1_conv").apply(x);
        x = bn(name + "_1_bn").apply(x);
        x = new Activation("relu").name(name + "_1_relu").apply(x);
        x = new Conv2D(filters, 3).padding("same").name(name + "_2_conv").apply(x);
        x = bn(name + "_2_bn").apply(x);
        x = new Activation("relu").name(name + "_2_relu").apply(x);
        x = new Conv2D(4 * filters, 1).name(name + "_3_conv").apply(x);
        x = bn(name + "_3_bn").apply(x);
        x = new Add().name(name + "_add").apply(shortcut, x);
        return new Activation("relu").name(name + "_out").apply(x);
    }

    private static BatchNormalization bn(String name) {
        return new BatchNormalization().epsilon(1.001e-5).name(name);
    }
}
