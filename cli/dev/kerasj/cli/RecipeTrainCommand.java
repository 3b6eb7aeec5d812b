package dev.kerasj.cli;

import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.callbacks.History;
import dev.kerasj.display.Plots;
import dev.kerasj.models.Hyperparameters;
import dev.kerasj.models.Recipe;
import dev.kerasj.models.RecipeData;
import dev.kerasj.models.Variant;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kerasj train RECIPE}: loads the recipe's data, builds and compiles its model, trains it with
 * Keras's progress bar, prints the final figures as {@code name: value} lines, saves the model
 * (default {@code $KERASJ_HOME/models/<model name>.kerasj}) and optionally plots the curves.
 */
final class RecipeTrainCommand extends RecipeCommand {
    RecipeTrainCommand(CliContext context, Recipe recipe) {
        super(context, recipe, "Trains:");
        addOption("--epochs", Integer.class, "N", "Number of epochs.", Hyperparameters::epochs);
        addOption("--batch-size", Integer.class, "N", "Samples per gradient step.", Hyperparameters::batchSize);
        addOption("--optimizer", String.class, "NAME", "Keras optimizer name (sgd, rmsprop, adam).",
                Hyperparameters::optimizer);
        addOption("--learning-rate", Double.class, "X", "Learning rate.", Hyperparameters::learningRate);
        addOption("--validation-split", Double.class, "F", "Fraction of the training data held out for validation "
                + "(its last part, before shuffling, as Keras); recipes with their own validation split use that.",
                Hyperparameters::validationSplit);
        addOption("--seed", Long.class, "N", "Random seed for weights, shuffling and dropout.", Hyperparameters::seed);
        addPlainOption("--output", Path.class, "FILE", "Where to save the model. Default: $KERASJ_HOME/models/"
                + "<recipe>.kerasj (KERASJ_HOME defaults to ~/.kerasj).");
        addPlainOption("--plot", Path.class, "FILE.png", "Also write the loss and metric curves to this PNG file.");
        addPlainOption("--spark", String.class, "MASTER", "Train on Apache Spark: local[N] or a cluster's master URL "
                + "(a jar built with -Pspark, run by spark-submit; see docs/spark.md).");
        addPlainOption("--spark-training", String.class, "MODE", "With --spark: averaging (parameter averaging, the "
                + "default) or shared (gradient sharing with threshold encoding).");
    }

    @Override
    public Integer call() throws IOException {
        Variant variant = variant();
        Hyperparameters h = hyperparameters(variant);
        Path output = value("--output");
        if (output == null) {
            output = context.modelsDir().resolve(fileName(recipe.modelName(variant)) + ".kerasj");
        }
        if (Files.isDirectory(output)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--output': " + output
                    + " is a directory; expected a file name such as " + output.resolve(recipe.name() + ".kerasj"));
        }
        Path plot = value("--plot");
        if (plot != null && !plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--plot': expected a "
                    + ".png file name. Received: " + plot);
        }

        String sparkMaster = value("--spark");
        String sparkTraining = value("--spark-training");
        if (sparkTraining != null && sparkMaster == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Option '--spark-training' needs '--spark MASTER'.");
        }
        Recipe.Fit fit = sparkMaster == null ? Model::fit
                : SparkFit.of(spec.commandLine(), sparkMaster, sparkTraining == null ? "averaging" : sparkTraining);

        OutputFiles.checkWritable(output, OutputFiles.OVERHEAD_BYTES, "--output");
        if (plot != null) {
            OutputFiles.checkWritable(plot, OutputFiles.OVERHEAD_BYTES, "--plot");
        }

        PrintStream out = context.out();
        out.println("Recipe " + recipe.modelName(variant) + ": " + recipe.description());
        out.println("Settings: " + describe(h));
        RecipeData data = recipe.loadData(context.locator(), variant);
        Model model = recipe.compiled(variant, h);
        OutputFiles.checkWritable(output, OutputFiles.modelBytes(model), "--output");
        long start = System.nanoTime();
        History history = recipe.train(model, data, h, FitOptions.defaults().out(out), fit);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> report = recipe.report(model, data, h.batchSize());
        // The figures first: a save that fails after all still leaves the user the results.
        out.printf(Locale.ROOT, "Training took %.1f s%n", seconds);
        printFigures(out, report);
        out.flush();

        try {
            model.save(output);
            out.println("Model saved to " + output);
            if (plot != null) {
                Plots.history(history).save(plot);
                out.println("Plot written to " + plot);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.SOFTWARE, e.getMessage() + " The figures above are the trained model's; "
                    + "train again with --output FILE where there is room to keep it.", e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The recipe's defaults overridden by the options given; a bad value is bad usage. */
    private Hyperparameters hyperparameters(Variant variant) {
        Hyperparameters h = recipe.defaults(variant);
        try {
            Integer epochs = value("--epochs");
            if (epochs != null) {
                h = h.epochs(epochs);
            }
            Integer batchSize = value("--batch-size");
            if (batchSize != null) {
                h = h.batchSize(batchSize);
            }
            String optimizer = value("--optimizer");
            if (optimizer != null) {
                h = h.optimizer(optimizer);
            }
            Double learningRate = value("--learning-rate");
            if (learningRate != null) {
                h = h.learningRate(learningRate);
            }
            Double split = value("--validation-split");
            if (split != null) {
                h = h.validationSplit(split);
            }
            Long seed = value("--seed");
            if (seed != null) {
                h = h.seed(seed);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return h;
    }

    private static String describe(Hyperparameters h) {
        return String.format(Locale.ROOT, "epochs=%d, batch_size=%d, optimizer=%s, learning_rate=%s, validation_split=%s, "
                + "seed=%s", h.epochs(), h.batchSize(), h.optimizer(), h.learningRate(), h.validationSplit(),
                h.seed() == null ? "none" : h.seed());
    }

    /** One {@code name: value} line per figure, four decimals. */
    static void printFigures(PrintStream out, Map<String, Double> figures) {
        figures.forEach((k, v) -> out.println(k + ": " + String.format(Locale.ROOT, "%.4f", v)));
    }

    /** A model name as a file name: {@code temperature-lstm[dataset=seattle]} → {@code temperature-lstm-dataset-seattle}. */
    static String fileName(String modelName) {
        return modelName.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+$", "").toLowerCase(Locale.ROOT);
    }
}
