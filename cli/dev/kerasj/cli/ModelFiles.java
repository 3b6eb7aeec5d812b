package dev.kerasj.cli;

import dev.kerasj.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loading a model given on the command line: a missing or unreadable file, or one whose content no model
 * accepts, is a bad model file (exit 4).
 */
final class ModelFiles {
    private ModelFiles() {
    }

    static Model load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new CliException(ExitCodes.BAD_MODEL_FILE, "No model file at " + path.toAbsolutePath()
                    + ". Train one with `kerasj train RECIPE` (saved under $KERASJ_HOME/models/) or pass --model FILE.");
        }
        try {
            return Model.load(path);
        } catch (RuntimeException e) {
            // A file that passes the format checks but holds values no model accepts (a learning rate of 1e308…).
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CliException(ExitCodes.BAD_MODEL_FILE, "Cannot load model file " + path + ": " + why, e);
        }
    }
}
