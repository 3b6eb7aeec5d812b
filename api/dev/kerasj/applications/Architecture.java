package dev.kerasj.applications;

import dev.kerasj.Model;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.GlobalAveragePooling2D;
import dev.kerasj.layers.GlobalMaxPooling2D;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.ZeroPadding2D;

import java.util.Arrays;

/** What the architectures share: Keras's {@code obtain_input_shape}, {@code correct_pad}, the pooling/top and weights. */
final class Architecture {
    /** Keras's smallest input side for these architectures. */
    static final int MIN_SIZE = 32;

    private Architecture() {
    }

    /** Fails unless {@code alpha} is 1 (only MobileNetV2 has a width multiplier). */
    static void noAlpha(ApplicationOptions o, String architecture) {
        if (o.alpha() != 1.0) {
            throw new IllegalArgumentException(architecture + " has no `alpha` argument (MobileNetV2's width multiplier). "
                    + "Received: alpha=" + o.alpha());
        }
    }

    /**
     * Keras's {@code obtain_input_shape}: the given {@code (h, w, c)} with each side ≥ 32, else
     * {@code (default, default, 3)}.
     */
    static long[] inputShape(ApplicationOptions o, int defaultSize) {
        long[] s = o.inputShape();
        if (s == null) {
            return new long[] {defaultSize, defaultSize, 3};
        }
        if (s[0] < MIN_SIZE || s[1] < MIN_SIZE || s[2] < 1) {
            throw new IllegalArgumentException("Input size must be at least " + MIN_SIZE + "x" + MIN_SIZE
                    + "; Received: input_shape=" + Arrays.toString(s));
        }
        return s;
    }

    /**
     * Keras's {@code correct_pad} before a strided "valid" {@code kernel × kernel} convolution: ⌊k/2⌋ on every side,
     * one fewer at the top (left) when the height (width) is even, so the windows fall as TensorFlow's "same" would.
     */
    static ZeroPadding2D correctPad(KerasTensor x, int kernel) {
        long[] s = x.shape();
        int c = kernel / 2;
        int adjustH = s[0] % 2 == 0 ? 1 : 0;
        int adjustW = s[1] % 2 == 0 ? 1 : 0;
        return new ZeroPadding2D(c - adjustH, c, c - adjustW, c);
    }

    /** The classifier Dense ({@code predictions}) on the top, with the options' classes and activation. */
    static KerasTensor classifier(KerasTensor x, ApplicationOptions o) {
        return new Dense(o.classes(), o.classifierActivation()).name("predictions").apply(x);
    }

    /**
     * Without the top, the optional global pooling; {@code avgName}/{@code maxName} are Keras's names for the
     * pooling layers, or {@code null} where Keras leaves them unnamed.
     */
    static KerasTensor pooling(KerasTensor x, ApplicationOptions o, String avgName, String maxName) {
        if ("avg".equals(o.pooling())) {
            GlobalAveragePooling2D p = new GlobalAveragePooling2D();
            return (avgName == null ? p : p.name(avgName)).apply(x);
        }
        if ("max".equals(o.pooling())) {
            GlobalMaxPooling2D p = new GlobalMaxPooling2D();
            return (maxName == null ? p : p.name(maxName)).apply(x);
        }
        return x;
    }

    /** The functional model called {@code name}, with the options' weight file loaded when one is given. */
    static Model model(Input input, KerasTensor output, String name, ApplicationOptions o) {
        Model m = new Model(input, output).name(name);
        if (o.weights() != null) {
            WeightFiles.load(m, o.weights());
        }
        return m;
    }
}
