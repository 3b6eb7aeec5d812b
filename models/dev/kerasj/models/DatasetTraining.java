package dev.kerasj.models;

import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.Dataset;

import java.util.LinkedHashMap;
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
}
