package dev.kerasj.callbacks;

import dev.kerasj.internal.PyFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves the model after each epoch, as Keras's {@code ModelCheckpoint}, into a {@code .kerasj} file
 * holding the weights, the optimizer state, the learning rate and the number of completed epochs: a run
 * resumes exactly with {@code Model.load(file)} and {@code FitOptions.initialEpoch(model.completedEpochs())}.
 * Files are written atomically (a temporary file renamed over the target), so a crash while saving never
 * damages the last good checkpoint.
 *
 * <p>The path may hold Python-style fields filled from the epoch (1-based, as Keras) and the logs:
 * {@code "ckpt/model.{epoch:02d}-{val_loss:.2f}.kerasj"} → {@code ckpt/model.03-0.41.kerasj}. With
 * {@code saveBestOnly}, a file is written only when the monitored value improves on the best so far
 * ({@code v < best} in mode min, {@code v > best} in mode max); a missing monitor prints a warning and
 * skips saving. As in Keras, the best value is kept across fit calls (so a resumed run does not overwrite a
 * better checkpoint); {@code initialValueThreshold} sets its starting point.
 *
 * <p>Defaults, as Keras: monitor "val_loss", verbose 0, save_best_only false, save_weights_only false
 * (weights-only files leave out the optimizer state: a model loaded from them restarts its optimizer),
 * mode "auto" (max when the name contains "acc", else min), save_freq "epoch", initial_value_threshold none.
 *
 * <pre>{@code
 * var ckpt = new ModelCheckpoint("best.kerasj").monitor("val_accuracy").saveBestOnly(true);
 * model.fit(x, y, FitOptions.defaults().epochs(20).validationSplit(0.1).callbacks(ckpt));
 * Sequential best = Sequential.load(Path.of("best.kerasj"));
 * }</pre>
 */
public final class ModelCheckpoint extends Callback {
    private final String filepath;
    private String monitor = "val_loss";
    private int verbose = 0;
    private boolean saveBestOnly = false;
    private boolean saveWeightsOnly = false;
    private String mode = "auto";
    private Double initialValueThreshold;
    private Double best;

    /** Checkpoints to {@code filepath}, a path ending in {@code .kerasj} that may hold {@code {epoch}}-style fields. */
    public ModelCheckpoint(String filepath) {
        if (filepath == null || !filepath.endsWith(".kerasj")) {
            throw new IllegalArgumentException("Invalid `filepath`: expected a path ending in `.kerasj` (the kerasj model "
                    + "format). Received: filepath=" + filepath);
        }
        this.filepath = filepath;
    }

    public ModelCheckpoint(Path filepath) {
        this(filepath == null ? null : filepath.toString());
    }

    public ModelCheckpoint monitor(String monitor) {
        this.monitor = Monitors.checkMonitor(monitor);
        return this;
    }

    /** 1 prints a line for each save (or skipped save). Default 0. */
    public ModelCheckpoint verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Save only when the monitored value improves. Default false (save every epoch). */
    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    /** Leave the optimizer state out of the files. Default false. */
    public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
        this.saveWeightsOnly = saveWeightsOnly;
        return this;
    }

    public ModelCheckpoint mode(String mode) {
        this.mode = Monitors.checkMode("ModelCheckpoint", mode);
        return this;
    }

    /** The value a first checkpoint must beat (only with saveBestOnly). Default none (±infinity). */
    public ModelCheckpoint initialValueThreshold(double threshold) {
        this.initialValueThreshold = threshold;
        this.best = threshold;
        return this;
    }

    /** The best monitored value seen so far (±infinity before any). */
    public double best() {
        return best != null ? best : startingBest();
    }

    /** The path written for {@code epoch} (0-based) and {@code logs}: the template's fields filled in. */
    public Path filePath(int epoch, Map<String, Double> logs) {
        Map<String, Object> values = new LinkedHashMap<>(logs);
        values.put("epoch", epoch + 1);
        return Path.of(PyFormat.format(filepath, values));
    }

    private double startingBest() {
        if (initialValueThreshold != null) {
            return initialValueThreshold;
        }
        return Monitors.maximizeByName(mode, monitor) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Path path = filePath(epoch, logs);
        if (!saveBestOnly) {
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": saving model to " + path);
            }
            save(path);
            return;
        }
        Double current = logs.get(monitor);
        if (current == null) {
            Monitors.warn("Can save best model only with " + monitor + " available, skipping.");
            return;
        }
        double previous = best();
        boolean improved = Monitors.maximizeByName(mode, monitor) ? current > previous : current < previous;
        if (improved) {
            if (verbose > 0) {
                System.out.printf(java.util.Locale.ROOT, "%nEpoch %d: %s improved from %.5f to %.5f, saving model to %s%n",
                        epoch + 1, monitor, previous, current, path);
            }
            best = current;
            save(path);
        } else if (verbose > 0) {
            System.out.printf(java.util.Locale.ROOT, "%nEpoch %d: %s did not improve from %.5f%n", epoch + 1, monitor,
                    previous);
        }
    }

    private void save(Path path) {
        try {
            model().save(path, !saveWeightsOnly);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not write " + path + ": " + e.getMessage(), e);
        }
    }
}
