package dev.kerasj.applications;

import dev.kerasj.Model;
import dev.kerasj.initializers.Initializer;
import dev.kerasj.initializers.VarianceScaling;
import dev.kerasj.layers.Activation;
import dev.kerasj.layers.Add;
import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.DepthwiseConv2D;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.GlobalAveragePooling2D;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Multiply;
import dev.kerasj.layers.Normalization;
import dev.kerasj.layers.Rescaling;
import dev.kerasj.layers.Reshape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * EfficientNetB0 (Tan and Le, 2019), as Keras's {@code keras.applications.EfficientNetB0}: the preprocessing
 * inside the model ({@code rescaling}: x/255, {@code normalization}: per-channel mean and variance, Keras's
 * three non-trainable weights), a 3×3 stride-2 swish stem, 16 MBConv blocks in 7 stages (expand 1×1 → depthwise
 * k×k → squeeze-and-excitation (global pooling, 1×1 reduce with swish, 1×1 expand with sigmoid, multiply) →
 * project 1×1, with a residual where shapes allow), a 1×1 conv to 1280 channels, then {@code avg_pool},
 * {@code top_dropout} (0.2) and the classifier. Layer names are Keras's ({@code stem_conv}, {@code block1a_dwconv},
 * {@code block2b_se_excite}, …, {@code top_activation}, {@code predictions}); kernels start from Keras's
 * VarianceScaling initializers. With Keras's defaults: 5,330,571 parameters (4,049,571 without the top), 240
 * layers counting the input; named {@code efficientnetb0}. Input: RGB pixels 0–255 ({@link #preprocessInput} is
 * the identity).
 *
 * <p>As Keras with {@code weights} other than "imagenet", no extra Rescaling by 1/sqrt(std) follows the
 * normalization. The residual dropout ({@code block*_drop}) drops whole samples, Keras's
 * {@code noise_shape=(None, 1, 1, 1)}.
 *
 * <pre>{@code
 * Model m = Applications.efficientNetB0(ApplicationOptions.defaults().includeTop(false).pooling("avg"));
 * }</pre>
 */
public final class EfficientNetB0 {
    /** kernel_size, repeats, filters_in, filters_out, expand_ratio, strides (se_ratio 0.25, id_skip true). */
    private static final int[][] BLOCKS = {
        {3, 1, 32, 16, 1, 1}, {3, 2, 16, 24, 6, 2}, {5, 2, 24, 40, 6, 2}, {3, 3, 40, 80, 6, 2},
        {5, 3, 80, 112, 6, 1}, {5, 4, 112, 192, 6, 2}, {3, 1, 192, 320, 6, 1}};
    private static final double DROP_CONNECT_RATE = 0.2;

    private EfficientNetB0() {
    }

    /** Keras's {@code efficientnet.preprocess_input}: the identity (the model rescales and normalizes itself). */
    public static INDArray preprocessInput(INDArray x) {
        return x;
    }

    private static Initializer convInit() {
        return new VarianceScaling(2.0, "fan_out", "truncated_normal", null);
    }

    static Model build(ApplicationOptions o) {
        Architecture.noAlpha(o, "EfficientNetB0");
        Input input = new Input(Architecture.inputShape(o, 224));
        KerasTensor x = new Rescaling(1.0 / 255.0).apply(input);
        x = new Normalization(-1).apply(x);
        x = Architecture.correctPad(x, 3).name("stem_conv_pad").apply(x);
        x = new Conv2D(32, 3).strides(2).padding("valid").useBias(false).kernelInitializer(convInit())
                .name("stem_conv").apply(x);
        x = new BatchNormalization().name("stem_bn").apply(x);
        x = new Activation("swish").name("stem_activation").apply(x);

        int total = 0;
        for (int[] b : BLOCKS) {
            total += b[1];
        }
        int index = 0;
        for (int i = 0; i < BLOCKS.length; i++) {
            int[] a = BLOCKS[i];
            for (int j = 0; j < a[1]; j++) {
                int filtersIn = j == 0 ? a[2] : a[3];
                int strides = j == 0 ? a[5] : 1;
                String name = "block" + (i + 1) + (char) ('a' + j) + "_";
                x = block(x, DROP_CONNECT_RATE * index / total, name, filtersIn, a[3], a[0], strides, a[4]);
                index++;
            }
        }
        x = new Conv2D(1280, 1).padding("same").useBias(false).kernelInitializer(convInit()).name("top_conv").apply(x);
        x = new BatchNormalization().name("top_bn").apply(x);
        x = new Activation("swish").name("top_activation").apply(x);
        if (o.includeTop()) {
            x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
            x = new Dropout(0.2).name("top_dropout").apply(x);
            x = new Dense(o.classes(), o.classifierActivation())
                    .kernelInitializer(new VarianceScaling(1.0 / 3.0, "fan_out", "uniform", null))
                    .name("predictions").apply(x);
        } else {
            x = Architecture.pooling(x, o, "avg_pool", "max_pool");
        }
        return Architecture.model(input, x, "efficientnetb0", o);
    }

    /** Keras's MBConv {@code block} with se_ratio 0.25 and id_skip. */
    private static KerasTensor block(KerasTensor inputs, double dropRate, String name, int filtersIn, int filtersOut,
                                     int kernel, int strides, int expandRatio) {
        int filters = filtersIn * expandRatio;
        KerasTensor x = inputs;
        if (expandRatio != 1) {
            x = new Conv2D(filters, 1).padding("same").useBias(false).kernelInitializer(convInit())
                    .name(name + "expand_conv").apply(x);
            x = new BatchNormalization().name(name + "expand_bn").apply(x);
            x = new Activation("swish").name(name + "expand_activation").apply(x);
        }
        String pad = "same";
        if (strides == 2) {
            x = Architecture.correctPad(x, kernel).name(name + "dwconv_pad").apply(x);
            pad = "valid";
        }
        x = new DepthwiseConv2D(kernel).strides(strides).padding(pad).useBias(false).kernelInitializer(convInit())
                .name(name + "dwconv").apply(x);
        x = new BatchNormalization().name(name + "bn").apply(x);
        x = new Activation("swish").name(name + "activation").apply(x);

        int filtersSe = Math.max(1, (int) (filtersIn * 0.25));
        KerasTensor se = new GlobalAveragePooling2D().name(name + "se_squeeze").apply(x);
        se = new Reshape(1, 1, filters).name(name + "se_reshape").apply(se);
        se = new Conv2D(filtersSe, 1).padding("same").activation("swish").kernelInitializer(convInit())
                .name(name + "se_reduce").apply(se);
        se = new Conv2D(filters, 1).padding("same").activation("sigmoid").kernelInitializer(convInit())
                .name(name + "se_expand").apply(se);
        x = new Multiply().name(name + "se_excite").apply(x, se);

        x = new Conv2D(filtersOut, 1).padding("same").useBias(false).kernelInitializer(convInit())
                .name(name + "project_conv").apply(x);
        x = new BatchNormalization().name(name + "project_bn").apply(x);
        if (strides == 1 && filtersIn == filtersOut) {
            if (dropRate > 0) {
                x = new Dropout(dropRate).noiseShape(-1, 1, 1, 1).name(name + "drop").apply(x);
            }
            x = new Add().name(name + "add").apply(x, inputs);
        }
        return x;
    }
}
