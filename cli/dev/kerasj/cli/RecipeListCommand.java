package dev.kerasj.cli;

import dev.kerasj.models.Recipes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The parent of the per-recipe commands ({@code kerasj train}, {@code kerasj summary}): lists the recipes
 * in its help; an unknown or missing recipe is bad usage (exit code 2) naming the known ones.
 */
abstract class RecipeListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Parameters(arity = "0..1", paramLabel = "RECIPE", hidden = true)
    String recipe;

    @CommandLine.Unmatched
    List<String> rest;

    @Override
    public Integer call() {
        // the recipes plus the commands added beside them (train images, train tabular)
        java.util.Set<String> names = new java.util.LinkedHashSet<>(Recipes.names());
        names.addAll(spec.subcommands().keySet());
        names.remove("help");
        String known = String.join(", ", names);
        if (recipe == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing recipe: expected one of " + known + ".");
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "Unknown recipe: '" + recipe + "'. Known recipes are: "
                + known + ".");
    }
}
