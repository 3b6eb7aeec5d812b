package dev.kerasj.applications;

import dev.kerasj.Model;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.MaxPooling2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * VGG16 (Simonyan and Zisserman, 2014), as Keras's {@code keras.applications.VGG16}: five blocks of 3×3 "same"
 * ReLU convolutions (2, 2, 3, 3, 3 of 64, 128, 256, 512, 512 filters) each ending in 2×2 max pooling, then
 * {@code flatten}, {@code fc1} and {@code fc2} (4096, ReLU) and the classifier. Layer names are Keras's
 * ({@code block1_conv1}, …, {@code block5_pool}, {@code fc1}, {@code fc2}, {@code predictions}). With Keras's
 * defaults: 138,357,544 parameters (14,714,688 without the top), 23 layers counting the input; named
 * {@code vgg16}. Input: BGR, ImageNet-mean-centred ({@link #preprocessInput}).
 *
 * <pre>{@code
 * Model m = Applications.vgg16(ApplicationOptions.defaults().includeTop(false).inputShape(64, 64, 3));
 * }</pre>
 */
public final class VGG16 {
    private VGG16() {
    }

    /** Keras's {@code vgg16.preprocess_input} ("caffe" mode), the same as {@link ResNet50#preprocessInput}. */
    public static INDArray preprocessInput(INDArray x) {
        return ImageNet.preprocess(x, ImageNet.Mode.CAFFE);
    }

    static Model build(ApplicationOptions o) {
        Architecture.noAlpha(o, "VGG16");
        Input input = new Input(Architecture.inputShape(o, 224));
        int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        KerasTensor x = input;
        for (int b = 0; b < blocks.length; b++) {
            String block = "block" + (b + 1);
            for (int c = 1; c <= blocks[b][1]; c++) {
                x = new Conv2D(blocks[b][0], 3).activation("relu").padding("same").name(block + "_conv" + c).apply(x);
            }
            x = new MaxPooling2D(2).strides(2).name(block + "_pool").apply(x);
        }
        if (o.includeTop()) {
            x = new Flatten().name("flatten").apply(x);
            x = new Dense(4096, "relu").name("fc1").apply(x);
            x = new Dense(4096, "relu").name("fc2").apply(x);
            x = Architecture.classifier(x, o);
        } else {
            x = Architecture.pooling(x, o, null, null);
        }
        return Architecture.model(input, x, "vgg16", o);
    }
}
