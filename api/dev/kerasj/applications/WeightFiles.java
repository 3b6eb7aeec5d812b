package dev.kerasj.applications;

import dev.kerasj.Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the {@code weights} file of an application: Keras's application weight files
 * ({@code *_weights_tf_dim_ordering_tf_kernels*.h5}, Keras 2's layout) by layer name, as the architecture's layer
 * order need not be the file's; a Keras 3 {@code .weights.h5} as Keras 3's {@code load_weights} does.
 */
final class WeightFiles {
    private WeightFiles() {
    }

    static void load(Model model, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("The `weights` argument should be either null (random initialization) or "
                    + "the path to the weights file to be loaded. Received: weights=" + file + " (no such file). Keras's "
                    + "ImageNet weight files (e.g. mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5) are the "
                    + "files Keras downloads and caches in ~/.keras/models.");
        }
        try {
            model.loadWeights(file, !file.getFileName().toString().endsWith(".weights.h5"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the weights file " + file + ": " + e.getMessage(), e);
        }
    }
}
