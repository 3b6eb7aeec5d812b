package dev.kerasj.cli;

import dev.kerasj.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code kerasj summary RECIPE}: one subcommand per recipe, added by {@link Main}; or
 * {@code kerasj summary --model FILE}: the summary of a saved model ({@code .kerasj}, Keras's {@code .keras} or
 * {@code .h5}).
 */
@Command(name = "summary", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "RECIPE",
        description = "Prints the Keras summary (layers, output shapes, parameter counts) of a recipe's model, or of a "
                + "saved model with --model FILE (.kerasj, .keras or .h5).",
        commandListHeading = "%nRecipes:%n")
final class SummaryCommand extends RecipeListCommand {
    private final CliContext context;

    @CommandLine.Option(names = "--model", paramLabel = "FILE", description = "A saved model: .kerasj, Keras 3's .keras, "
            + "or a Keras 1/2 .h5.")
    Path model;

    SummaryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (model == null) {
            return super.call();
        }
        if (recipe != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either a RECIPE or --model FILE, not both.");
        }
        try {
            Model m = ModelFiles.load(model);
            context.out().print(m.summaryString());
            context.out().flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_MODEL_FILE, e.getMessage(), e);
        }
    }
}
