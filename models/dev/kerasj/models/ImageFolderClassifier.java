package dev.kerasj.models;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.ImageDataset;
import dev.kerasj.datasets.ImageDatasets;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.MaxPooling2D;
import dev.kerasj.layers.RandomFlip;
import dev.kerasj.layers.RandomRotation;
import dev.kerasj.layers.Rescaling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code images} recipe: a small convnet trained on a folder of images with one sub-folder per class,
 * after Keras's "Image classification from scratch" example, scaled down for a CPU. The raw pixels go in
 * (the model rescales them itself, so {@code predict} takes images as they are on disk):
 *
 * <pre>{@code
 * Input(h, w, c) → RandomFlip("horizontal") → RandomRotation(0.1) → Rescaling(1/255)
 *   → Conv2D(32, 3, relu) → MaxPooling2D(2) → Conv2D(64, 3, relu) → MaxPooling2D(2)
 *   → Flatten → Dropout(0.5) → Dense(1, sigmoid)        two classes: binary_crossentropy
 *                              Dense(k, softmax)        k classes:   sparse_categorical_crossentropy
 * }</pre>
 *
 * <p>The folder is read with {@code ImageDatasets.fromDirectoryBoth}: validation_split 0.2 and seed 1337
 * (the example's), so the validation images are those Keras would hold out; it reports {@code val_loss} and
 * {@code val_accuracy}. Defaults: {@link #DEFAULTS} (adam, 10 epochs, batch size 32), image size 64 × 64,
 * colour mode rgb.
 *
 * <pre>{@code
 * ImageFolderClassifier c = new ImageFolderClassifier(Path.of("photos")).imageSize(64, 64);
 * Model model = c.build();
 * History h = c.train(model, FitOptions.defaults());
 * Map<String, Double> figures = c.report(model);       // {val_loss=…, val_accuracy=…}
 * }</pre>
 */
public final class ImageFolderClassifier {
    /** The recipe's name on the command line. */
    public static final String NAME = "images";
    /** Training defaults: 10 epochs, batch size 32, adam (0.001), validation split 0.2, seed 1337. */
    public static final Hyperparameters DEFAULTS = new Hyperparameters(10, 32, "adam").validationSplit(0.2).seed(1337L);
    /** The default image size, height and width. */
    public static final int DEFAULT_SIZE = 64;

    private final Path directory;
    private final Hyperparameters hyperparameters;
    private final int height;
    private final int width;
    private final String colorMode;
    private final java.io.PrintStream out;
    private List<ImageDataset> data;

    /** The recipe on {@code directory} with the defaults. */
    public ImageFolderClassifier(Path directory) {
        this(directory, DEFAULTS, DEFAULT_SIZE, DEFAULT_SIZE, "rgb", System.out);
    }

    private ImageFolderClassifier(Path directory, Hyperparameters h, int height, int width, String colorMode,
                                  java.io.PrintStream out) {
        this.directory = directory;
        this.hyperparameters = h;
        this.height = height;
        this.width = width;
        this.colorMode = colorMode;
        this.out = out;
    }

    public ImageFolderClassifier hyperparameters(Hyperparameters h) {
        return new ImageFolderClassifier(directory, h, height, width, colorMode, out);
    }

    public ImageFolderClassifier imageSize(int height, int width) {
        return new ImageFolderClassifier(directory, hyperparameters, height, width, colorMode, out);
    }

    /** {@code "grayscale"}, {@code "rgb"} or {@code "rgba"}. */
    public ImageFolderClassifier colorMode(String colorMode) {
        ImageDatasets.options().colorMode(colorMode);   // checks the name
        return new ImageFolderClassifier(directory, hyperparameters, height, width, colorMode, out);
    }

    /** Where the loader's "Found N files" lines go ({@code null}: nowhere). */
    public ImageFolderClassifier out(java.io.PrintStream out) {
        return new ImageFolderClassifier(directory, hyperparameters, height, width, colorMode, out);
    }

    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    /** The training and validation data sets (read once, then reused). */
    public List<ImageDataset> data() {
        if (data == null) {
            data = DatasetTraining.imageFolders(directory, hyperparameters, height, width, colorMode, out);
        }
        return data;
    }

    /** The class names, sorted as the sub-folders. */
    public List<String> classNames() {
        return data().get(0).classNames();
    }

    /** The model for the folder's classes, compiled with the hyperparameters' optimizer. */
    public Model build() {
        if (hyperparameters.seed() != null) {
            Kerasj.setRandomSeed(hyperparameters.seed());
        }
        int classes = classNames().size();
        int channels = (int) data().get(0).imageShape()[2];
        List<Layer> layers = new ArrayList<>(List.of(
                new Input(height, width, channels),
                new RandomFlip("horizontal"),
                new RandomRotation(0.1),
                new Rescaling(1.0 / 255),
                new Conv2D(32, 3, "relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"),
                new MaxPooling2D(2),
                new Flatten(),
                new Dropout(0.5),
                classes == 2 ? new Dense(1, "sigmoid") : new Dense(classes, "softmax")));
        Sequential model = new Sequential(layers.toArray(new Layer[0]));
        model.name(NAME);
        model.compile(hyperparameters.createOptimizer(), dev.kerasj.losses.Losses.get(classes == 2 ? "binary_crossentropy"
                : "sparse_categorical_crossentropy"), dev.kerasj.metrics.Metrics.get("accuracy"));
        return model;
    }

    /** Trains on the training subset, validating on the validation subset after each epoch. */
    public History train(Model model, FitOptions base) {
        return DatasetTraining.fit(model, data().get(0), data().get(1), hyperparameters, base);
    }

    /** {@code val_loss} and {@code val_accuracy} on the validation subset. */
    public Map<String, Double> report(Model model) {
        return DatasetTraining.evaluate(model, data().get(1), "val_");
    }
}
