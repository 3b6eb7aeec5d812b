package dev.kerasj.models;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.applications.ApplicationOptions;
import dev.kerasj.applications.Applications;
import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.ImageDataset;
import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Rescaling;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.Metrics;
import dev.kerasj.optimizers.Adam;
import dev.kerasj.optimizers.Optimizer;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code transfer} recipe: keras.io's transfer-learning guide on a folder of images with one sub-folder per
 * class. A pretrained base ({@code mobilenet_v2}, {@code resnet50}, {@code vgg16} or {@code efficientnet_b0},
 * without its top, global average pooling, its weights from a Keras weight file) is frozen; a new head is trained
 * on top; then, with {@code fineTuneEpochs} &gt; 0, the whole base but its BatchNormalization layers (which stay in
 * inference mode) is unfrozen and fine-tuned with Adam(1e-5):
 *
 * <pre>{@code
 * Input(h, w, 3) → the base's preprocessing → base (frozen) → Dropout(0.2) → Dense(1, sigmoid) | Dense(k, softmax)
 * }</pre>
 *
 * <p>The preprocessing is inside the model, so it takes pixels 0–255 as read from disk: MobileNetV2
 * {@code Rescaling(1/127.5, −1)}; ResNet50 and VGG16 a frozen 1×1 convolution doing Keras's "caffe" mode (RGB →
 * BGR, minus the ImageNet means); EfficientNetB0 none (it rescales itself). Defaults: {@link #DEFAULTS} (10 epochs,
 * batch size 32, adam, validation split 0.2, seed 1337), image size 160 × 160, no fine-tuning.
 *
 * <pre>{@code
 * TransferClassifier t = new TransferClassifier(Path.of("photos"), "mobilenet_v2",
 *         Path.of("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_160_no_top.h5")).fineTuneEpochs(5);
 * Model model = t.build();
 * t.train(model, FitOptions.defaults());
 * }</pre>
 */
public final class TransferClassifier {
    /** The recipe's name on the command line. */
    public static final String NAME = "transfer";
    /** Training defaults: 10 epochs, batch size 32, adam (0.001), validation split 0.2, seed 1337. */
    public static final Hyperparameters DEFAULTS = new Hyperparameters(10, 32, "adam").validationSplit(0.2).seed(1337L);
    /** The default image size (the size Keras's MobileNetV2 transfer-learning tutorial uses). */
    public static final int DEFAULT_SIZE = 160;
    /** The fine-tuning learning rate, keras.io's guide's. */
    public static final double FINE_TUNE_LEARNING_RATE = 1e-5;
    private static final String CAFFE = "caffe_preprocessing";
    private static final double[] CAFFE_MEAN_BGR = {103.939, 116.779, 123.68};

    private final Path directory;
    private final String base;
    private final Path weights;
    private final Hyperparameters hyperparameters;
    private final int size;
    private final double alpha;
    private final int fineTuneEpochs;
    private final PrintStream out;
    private List<ImageDataset> data;

    /** The recipe on {@code directory} with base {@code base} and its weights file ({@code null}: random weights). */
    public TransferClassifier(Path directory, String base, Path weights) {
        this(directory, base, weights, DEFAULTS, DEFAULT_SIZE, 1.0, 0, System.out);
    }

    private TransferClassifier(Path directory, String base, Path weights, Hyperparameters h, int size, double alpha,
                               int fineTuneEpochs, PrintStream out) {
        Applications.byName(base, ApplicationOptions.defaults().includeTop(false).inputShape(32, 32, 3)); // checks the name
        this.directory = directory;
        this.base = base.toLowerCase(Locale.ROOT);
        this.weights = weights;
        this.hyperparameters = h;
        this.size = size;
        this.alpha = alpha;
        this.fineTuneEpochs = fineTuneEpochs;
        this.out = out;
    }

    public TransferClassifier hyperparameters(Hyperparameters h) {
        return new TransferClassifier(directory, base, weights, h, size, alpha, fineTuneEpochs, out);
    }

    /** Images are resized to {@code size × size} (≥ 32). */
    public TransferClassifier imageSize(int size) {
        if (size < 32) {
            throw new IllegalArgumentException("Invalid image size: expected at least 32 (the applications' minimum). "
                    + "Received: " + size);
        }
        return new TransferClassifier(directory, base, weights, hyperparameters, size, alpha, fineTuneEpochs, out);
    }

    /** MobileNetV2's width multiplier (default 1.0; must match the weights file). */
    public TransferClassifier alpha(double alpha) {
        return new TransferClassifier(directory, base, weights, hyperparameters, size, alpha, fineTuneEpochs, out);
    }

    /** Epochs of fine-tuning after the head is trained (default 0: none). */
    public TransferClassifier fineTuneEpochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("Invalid fine-tune epochs: expected 0 or more. Received: " + epochs);
        }
        return new TransferClassifier(directory, base, weights, hyperparameters, size, alpha, epochs, out);
    }

    /** Where the loader's "Found N files" lines and the phase lines go ({@code null}: nowhere). */
    public TransferClassifier out(PrintStream out) {
        return new TransferClassifier(directory, base, weights, hyperparameters, size, alpha, fineTuneEpochs, out);
    }

    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    /** The training and validation subsets (read once, then reused), RGB at the image size. */
    public List<ImageDataset> data() {
        if (data == null) {
            data = DatasetTraining.imageFolders(directory, hyperparameters, size, size, "rgb", out);
        }
        return data;
    }

    /** The class names, sorted as the sub-folders. */
    public List<String> classNames() {
        return data().get(0).classNames();
    }

    /** The base (frozen, weights loaded) with a new head for the folder's classes, compiled. */
    public Model build() {
        if (hyperparameters.seed() != null) {
            Kerasj.setRandomSeed(hyperparameters.seed());
        }
        ApplicationOptions o = ApplicationOptions.defaults().includeTop(false).pooling("avg").inputShape(size, size, 3)
                .weights(weights);
        Model baseModel = Applications.byName(base, "mobilenet_v2".equals(base) ? o.alpha(alpha) : o);
        baseModel.trainable(false);
        Input inputs = new Input(size, size, 3);
        KerasTensor x = inputs;
        Conv2D caffe = null;
        if (base.startsWith("mobilenet")) {
            x = new Rescaling(1 / 127.5, -1).apply(inputs);
        } else if (base.equals("resnet50") || base.equals("vgg16")) {
            caffe = new Conv2D(3, 1).name(CAFFE);
            x = caffe.apply(inputs);
        }
        x = baseModel.apply(x);
        x = new Dropout(0.2).apply(x);
        int classes = classNames().size();
        x = (classes == 2 ? new Dense(1, "sigmoid") : new Dense(classes, "softmax")).apply(x);
        Model model = new Model(inputs, x).name(NAME + "_" + base);
        if (caffe != null) {
            // Keras's "caffe" mode: output channel k is input channel 2 − k (RGB → BGR) minus the ImageNet mean
            float[][][][] k = new float[1][1][3][3];
            float[] bias = new float[3];
            for (int c = 0; c < 3; c++) {
                k[0][0][2 - c][c] = 1f;
                bias[c] = (float) -CAFFE_MEAN_BGR[c];
            }
            caffe.setWeights(Nd4j.createFromArray(k), Nd4j.createFromArray(bias));
            caffe.trainable(false);
        }
        compile(model, hyperparameters.createOptimizer());
        return model;
    }

    private void compile(Model model, Optimizer optimizer) {
        int classes = classNames().size();
        model.compile(optimizer, Losses.get(classes == 2 ? "binary_crossentropy" : "sparse_categorical_crossentropy"),
                Metrics.get("accuracy"));
    }

    /**
     * Trains the head on the training subset (validating each epoch); then, with fine-tune epochs, unfreezes the
     * base but its BatchNormalization layers and trains on at Adam(1e-5). Returns the last phase's history.
     */
    public History train(Model model, FitOptions base) {
        say("Training the new head (base frozen): " + model.countTrainableParams() + " trainable parameters.");
        History h = DatasetTraining.fit(model, data().get(0), data().get(1), hyperparameters, base);
        if (fineTuneEpochs > 0) {
            for (Layer l : model.layers()) {
                if (!(l instanceof BatchNormalization) && !CAFFE.equals(l.name())) {
                    l.trainable(true);
                }
            }
            compile(model, new Adam(FINE_TUNE_LEARNING_RATE));
            say("Fine-tuning the base (BatchNormalization stays in inference mode) at learning rate "
                    + FINE_TUNE_LEARNING_RATE + ": " + model.countTrainableParams() + " trainable parameters.");
            h = DatasetTraining.fit(model, data().get(0), data().get(1), hyperparameters.epochs(fineTuneEpochs), base);
        }
        return h;
    }

    /** {@code val_loss} and {@code val_accuracy} on the validation subset. */
    public Map<String, Double> report(Model model) {
        return DatasetTraining.evaluate(model, data().get(1), "val_");
    }

    /**
     * The Keras weight file (without the top) for {@code base}: the name Keras gives the file it downloads and caches
     * in {@code ~/.keras/models}.
     */
    public static String kerasWeightFile(String base, double alpha, int size) {
        return switch (base.toLowerCase(Locale.ROOT)) {
            case "mobilenet_v2", "mobilenetv2" -> String.format(Locale.ROOT,
                    "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_%s_%d_no_top.h5", alpha, size);
            case "resnet50" -> "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5";
            case "vgg16" -> "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
            default -> "efficientnetb0_notop.h5";
        };
    }

    private void say(String line) {
        if (out != null) {
            out.println(line);
        }
    }
}
