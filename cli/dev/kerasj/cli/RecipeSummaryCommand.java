package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.models.Recipe;
import dev.kerasj.models.Variant;

/** {@code kerasj summary RECIPE [recipe options]}: prints the model's Keras summary; needs no data. */
final class RecipeSummaryCommand extends RecipeCommand {
    RecipeSummaryCommand(CliContext context, Recipe recipe) {
        super(context, recipe, "Summary of:");
    }

    @Override
    public Integer call() {
        Variant variant = variant();
        Model model = recipe.build(variant);
        model.name(recipe.modelName(variant));
        context.out().print(model.summaryString());
        context.out().flush();
        return ExitCodes.OK;
    }
}
