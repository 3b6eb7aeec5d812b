package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.Metric;
import dev.kerasj.metrics.Metrics;
import dev.kerasj.models.Recipe;
import dev.kerasj.models.RecipeData;
import dev.kerasj.models.Recipes;
import dev.kerasj.models.Variant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code kerasj evaluate --model FILE}: the model's loss and metrics on its recipe's test data (and
 * validation data, and reference figures, where the recipe has them). The recipe and its options are
 * read from the model's name, which {@code kerasj train} sets; {@code --recipe}, {@code --dataset} and
 * {@code --location} override them.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluates a saved model on its recipe's test data; prints one `name: value` line per figure.")
final class EvaluateCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by `kerasj train` or "
            + "model.save(path).")
    Path model;

    @Option(names = "--recipe", paramLabel = "NAME", description = "The recipe whose data to use. Default: the one that "
            + "trained the model (from its name).")
    String recipe;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The recipe's dataset option, e.g. mnist, "
            + "fashion-mnist, jena, seattle. Default: the one the model was trained on.")
    String dataset;

    @Option(names = "--location", paramLabel = "NAME", description = "For weather data: Seattle or New York. Default: the "
            + "one the model was trained on.")
    String location;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + Model.DEFAULT_BATCH_SIZE,
            description = "Samples per evaluation batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    EvaluateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (batchSize <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--batch-size': expected "
                    + "a positive integer. Received: " + batchSize);
        }
        Model m = ModelFiles.load(model);
        Variant variant = variant(m);
        Recipe r = variant.recipe();
        if (!m.isCompiled()) {
            m.compile(r.defaults(variant).createOptimizer(), Losses.get(r.loss()),
                    r.metrics().stream().map(Metrics::get).toArray(Metric[]::new));
        }
        RecipeData data = r.loadData(context.locator(), variant);
        try {
            RecipeTrainCommand.printFigures(context.out(), r.report(m, data, batchSize));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "Model " + model + " does not fit recipe " + r.modelName(variant)
                    + "'s data: " + e.getMessage() + " Pass the --recipe/--dataset the model was trained with.", e);
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    private Variant variant(Model m) {
        Variant v;
        try {
            if (recipe != null) {
                Recipe r = Recipes.get(recipe);
                Variant fromName = r.parseModelName(m.name());
                v = fromName != null ? fromName : r.defaultVariant();
            } else {
                v = Recipes.forModelName(m.name());
                if (v == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "Cannot tell which recipe trained model '"
                            + m.name() + "' (" + model + "): pass --recipe, one of " + String.join(", ", Recipes.names())
                            + ".");
                }
            }
            if (dataset != null) {
                v = v.with("dataset", dataset);
            }
            if (location != null) {
                v = v.with("location", location);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return v;
    }
}
