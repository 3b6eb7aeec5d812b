package dev.kerasj.cli;

import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.callbacks.History;
import dev.kerasj.display.Plots;
import dev.kerasj.models.Hyperparameters;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What {@code kerasj train images} and {@code kerasj train tabular} share: the training options over a recipe's
 * defaults, and the end of a run — the figures as {@code name: value} lines, the model saved (default
 * {@code $KERASJ_HOME/models/<recipe>.kerasj}) and its learning curves plotted beside it ({@code <model>.png}).
 */
abstract class OwnDataTrainCommand implements Callable<Integer> {
    protected final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", description = "Number of epochs. Default: the recipe's.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per gradient step. Default: the recipe's.")
    Integer batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "Keras optimizer name (sgd, rmsprop, adam). "
            + "Default: adam.")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "X", description = "Learning rate. Default: the optimizer's.")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split, the shuffling and the weights. "
            + "Default: 1337.")
    Long seed;

    @Option(names = "--validation-split", paramLabel = "F", description = "Fraction of the training data held out for "
            + "validation (after the test rows of a table). Default: 0.2.")
    Double validationSplit;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to save the model. Default: $KERASJ_HOME/"
            + "models/<recipe>.kerasj (KERASJ_HOME defaults to ~/.kerasj).")
    Path output;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Where to write the learning curves. Default: "
            + "beside the model, <model file without .kerasj>.png.")
    Path plot;

    OwnDataTrainCommand(CliContext context) {
        this.context = context;
    }

    /** {@code defaults} overridden by the options given; a bad value is bad usage. */
    protected Hyperparameters hyperparameters(Hyperparameters defaults) {
        Hyperparameters h = defaults;
        try {
            if (epochs != null) {
                h = h.epochs(epochs);
            }
            if (batchSize != null) {
                h = h.batchSize(batchSize);
            }
            if (optimizer != null) {
                h = h.optimizer(optimizer);
            }
            if (learningRate != null) {
                h = h.learningRate(learningRate);
            }
            if (seed != null) {
                h = h.seed(seed);
            }
            if (validationSplit != null) {
                h = h.validationSplit(validationSplit);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return h;
    }

    /** The model file: {@code --output} or the recipe's default; checked writable. */
    protected Path output(String recipe) {
        Path out = output != null ? output : context.modelsDir().resolve(recipe + ".kerasj");
        if (Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--output': " + out
                    + " is a directory; expected a file name such as " + out.resolve(recipe + ".kerasj"));
        }
        OutputFiles.checkWritable(out, OutputFiles.OVERHEAD_BYTES, "--output");
        return out;
    }

    /** The plot file: {@code --plot} or {@code <model>.png} beside the model. */
    protected Path plot(Path model) {
        Path p = plot;
        if (p == null) {
            String name = model.getFileName().toString();
            p = model.resolveSibling((name.endsWith(".kerasj") ? name.substring(0, name.length() - 7) : name) + ".png");
        } else if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--plot': expected a "
                    + ".png file name. Received: " + p);
        }
        OutputFiles.checkWritable(p, OutputFiles.OVERHEAD_BYTES, "--plot");
        return p;
    }

    /** Trains {@code model} with Keras's progress bar, times it, then {@link #finish}es with the recipe's figures. */
    protected int trainAndFinish(Model model, java.util.function.BiFunction<Model, FitOptions, History> train,
                                 java.util.function.Function<Model, Map<String, Double>> report, Path output,
                                 Path plotFile) {
        long start = System.nanoTime();
        History history = train.apply(model, FitOptions.defaults().out(context.out()));
        double seconds = (System.nanoTime() - start) / 1e9;
        finish(model, history, report.apply(model), seconds, output, plotFile);
        return ExitCodes.OK;
    }

    /** Prints the figures, then saves the model and the plot; a failed save keeps the figures printed. */
    protected void finish(Model model, History history, Map<String, Double> figures, double seconds, Path output,
                          Path plotFile) {
        PrintStream out = context.out();
        out.printf(Locale.ROOT, "Training took %.1f s%n", seconds);
        RecipeTrainCommand.printFigures(out, figures);
        out.flush();
        try {
            model.save(output);
            out.println("Model saved to " + output);
            Plots.history(history).save(plotFile);
            out.println("Plot written to " + plotFile);
        } catch (IOException e) {
            throw new CliException(ExitCodes.SOFTWARE, e.getMessage() + " The figures above are the trained model's; "
                    + "train again with --output FILE where there is room to keep it.", e);
        }
        out.flush();
    }

    protected static String describe(Hyperparameters h) {
        return String.format(Locale.ROOT, "epochs=%d, batch_size=%d, optimizer=%s, learning_rate=%s, seed=%s", h.epochs(),
                h.batchSize(), h.optimizer(), h.learningRate(), h.seed() == null ? "none" : h.seed());
    }
}
