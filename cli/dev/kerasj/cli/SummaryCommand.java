package dev.kerasj.cli;

import picocli.CommandLine.Command;

/** {@code kerasj summary RECIPE}: one subcommand per recipe, added by {@link Main}. */
@Command(name = "summary", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "RECIPE",
        description = "Prints the Keras summary (layers, output shapes, parameter counts) of a recipe's model.",
        commandListHeading = "%nRecipes:%n")
final class SummaryCommand extends RecipeListCommand {
}
