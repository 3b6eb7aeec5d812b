/**
 * The course recipes as plain code: each {@link dev.kerasj.models.Recipe} writes one model of the course
 * with kerasj's public API, the data preparation it needs, and its training defaults — the one place
 * those defaults are written; the command line ({@code kerasj train RECIPE}) and the docs read them.
 *
 * <pre>{@code
 * Recipe recipe = Recipes.get("mnist-mlp");
 * Variant variant = recipe.defaultVariant();
 * RecipeData data = recipe.loadData(DatasetLocator.fromEnvironment(), variant);
 * Model model = recipe.compiled(variant, recipe.defaults(variant));
 * model.fit(data.xTrain(), data.yTrain(), 10, 128);
 * }</pre>
 */
package dev.kerasj.models;
