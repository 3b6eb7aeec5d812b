package dev.kerasj.models;

import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.Dataset;
import dev.kerasj.datasets.ImageDataset;
import dev.kerasj.datasets.ImageDatasets;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the recipes on the user's own files ({@link ImageFolderClassifier}, {@link TabularClassifier}) share. */
final class DatasetTraining {
    private DatasetTraining() {
    }

    /** Trains on {@code train} for the hyperparameters' epochs (and seed), validating on {@code validation} each epoch. */
    static History fit(Model model, Dataset train, Dataset validation, Hyperparameters h, FitOptions base) {
        FitOptions o = base.epochs(h.epochs()).validationData(validation);
        if (h.seed() != null) {
            o = o.seed(h.seed());
        }
        return model.fit(train, o);
    }

    /** {@code model.evaluate(data)} with each name prefixed, e.g. {@code test_accuracy}. */
    static Map<String, Double> evaluate(Model model, Dataset data, String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        model.evaluate(data).forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    /** The seed of the recipe's splits: the hyperparameters' seed, else 1337 (Keras's examples' seed). */
    static long splitSeed(Hyperparameters h) {
        return h.seed() == null ? 1337 : h.seed();
    }

    /**
     * The training and validation subsets of an image folder, as Keras's {@code image_dataset_from_directory} with
     * the hyperparameters' validation split (0.2 when none) and split seed; binary labels for two classes, else int.
     */
    static List<ImageDataset> imageFolders(Path directory, Hyperparameters h, int height, int width, String colorMode,
                                           java.io.PrintStream out) {
        ImageDatasets.Options o = ImageDatasets.options().imageSize(height, width).colorMode(colorMode)
                .batchSize(h.batchSize()).seed(splitSeed(h)).verbose(out);
        List<String> classes = ImageDatasets.fromDirectory(directory, o.shuffle(false).verbose(null)).classNames();
        o = o.labelMode(classes.size() == 2 ? "binary" : "int");
        double split = h.validationSplit() > 0 ? h.validationSplit() : 0.2;
        return ImageDatasets.fromDirectoryBoth(directory, o.validationSplit(split));
    }
}
