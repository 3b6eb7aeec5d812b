package dev.kerasj.cli;

import picocli.CommandLine.Command;

/** {@code kerasj train RECIPE [options]}: one subcommand per recipe, added by {@link Main}. */
@Command(name = "train", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "RECIPE",
        description = {"Trains a course recipe on its dataset, prints the final test metrics (one `name: value` line "
                + "each), and saves the model.", "Run `kerasj train RECIPE --help` for a recipe's options and defaults."},
        commandListHeading = "%nRecipes:%n")
final class TrainCommand extends RecipeListCommand {
}
