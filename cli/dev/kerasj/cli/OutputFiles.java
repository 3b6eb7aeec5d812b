package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.internal.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The files a command writes after long work (the trained model, the plot), checked before the work starts:
 * a read-only or full directory, or a path through a regular file, is found in a second, not after an hour
 * of training. Saving itself is atomic ({@link AtomicFiles}); its errors name the target file.
 */
final class OutputFiles {
    /** Room kept for the model file's JSON and zip headers beyond its arrays, and for a plot. */
    static final long OVERHEAD_BYTES = 1L << 20;

    private OutputFiles() {
    }

    /**
     * Fails with bad usage (exit 2) unless {@code file} can be written with {@code bytes} bytes free.
     *
     * @param option the option that names the file, for the remedy (e.g. {@code --output})
     */
    static void checkWritable(Path file, long bytes, String option) {
        try {
            AtomicFiles.checkWritable(file, bytes);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage() + " Nothing was trained; pass " + option
                    + " FILE in a writable directory with room" + (option.equals("--output")
                    ? " (the default is under $KERASJ_HOME/models)." : "."), e);
        }
    }

    /** About the size of {@code model}'s file: its FLOAT weights and optimizer state, plus headers. */
    static long modelBytes(Model model) {
        int stateArrays = model.isCompiled() ? model.optimizer().stateCount() : 0;
        return model.countParams() * Float.BYTES * (1L + stateArrays) + OVERHEAD_BYTES;
    }
}
