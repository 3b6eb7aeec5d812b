package dev.kerasj.applications;

import dev.kerasj.Model;

import java.nio.file.Path;

/** Loads a Keras weight file into an application by layer name. */
final class WeightFiles {
    private WeightFiles() {
    }

    static void load(Model model, Path file) {
        throw new UnsupportedOperationException("Loading Keras weight files is not available yet: " + file);
    }
}
