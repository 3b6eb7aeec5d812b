package dev.kerasj.models;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.DatasetLocator;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.Metric;
import dev.kerasj.metrics.Metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One course recipe: a model definition written with kerasj's public API, the data it trains on and
 * the course's training defaults. Each default is written once, in the recipe's {@link #defaults}; the
 * command line's help and the docs read it from there.
 *
 * <p>A run: {@link #loadData} → {@link #compiled} → {@link #train} → {@link #report}. Subclasses write
 * {@link #build}, {@link #loadData}, {@link #defaults}, {@link #loss} and {@link #metrics}.
 *
 * <pre>{@code
 * Recipe recipe = Recipes.get("mnist-mlp");
 * Variant v = recipe.defaultVariant();
 * Hyperparameters h = recipe.defaults(v).epochs(2);
 * RecipeData data = recipe.loadData(DatasetLocator.fromEnvironment(), v);
 * Model model = recipe.compiled(v, h);
 * recipe.train(model, data, h, FitOptions.defaults());
 * System.out.println(recipe.report(model, data, h.batchSize()));   // {test_loss=…, test_accuracy=…}
 * }</pre>
 */
public abstract class Recipe {
    private final String name;
    private final String description;
    private final List<RecipeOption> options;

    protected Recipe(String name, String description, RecipeOption... options) {
        this.name = name;
        this.description = description;
        this.options = List.of(options);
    }

    /** The recipe's command-line name, e.g. {@code "mnist-mlp"}. */
    public final String name() {
        return name;
    }

    /** One sentence: the model and the data. */
    public final String description() {
        return description;
    }

    /** The recipe's own options (flags and choices), in help order. */
    public final List<RecipeOption> options() {
        return options;
    }

    /** The option called {@code name}; fails listing the recipe's options. */
    public final RecipeOption option(String name) {
        for (RecipeOption o : options) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("Recipe " + this.name + " has no option `" + name + "`. Its options are: "
                + (options.isEmpty() ? "none" : options.stream().map(RecipeOption::name).toList()) + ".");
    }

    /** Every option at its default. */
    public final Variant defaultVariant() {
        Map<String, String> values = new LinkedHashMap<>();
        for (RecipeOption o : options) {
            values.put(o.name(), o.defaultValue());
        }
        return new Variant(this, values);
    }

    /**
     * Checks a combination of option values, each valid alone; the default accepts every combination.
     *
     * @throws IllegalArgumentException naming the option and what to do instead
     */
    public void validate(Variant variant) {
    }

    /** The course's training settings for this variant. */
    public abstract Hyperparameters defaults(Variant variant);

    /** The model, built (input shape known) but not compiled. */
    public abstract Model build(Variant variant);

    /** The Keras loss name, e.g. {@code "sparse_categorical_crossentropy"}. */
    public abstract String loss();

    /** The Keras metric names, e.g. {@code ["accuracy"]}. */
    public abstract List<String> metrics();

    /**
     * The data prepared for the model.
     *
     * @throws dev.kerasj.datasets.DatasetException when the files are missing or corrupt (the message says
     *     how to fetch them)
     */
    public abstract RecipeData loadData(DatasetLocator locator, Variant variant);

    /**
     * The model built and compiled with {@code hyperparameters}' optimizer, named after the recipe and
     * variant ({@link #modelName}), so that a saved file tells which recipe made it. Seeds kerasj first
     * when the hyperparameters carry a seed.
     */
    public final Model compiled(Variant variant, Hyperparameters hyperparameters) {
        if (hyperparameters.seed() != null) {
            Kerasj.setRandomSeed(hyperparameters.seed());
        }
        Model model = build(variant);
        model.name(modelName(variant));
        model.compile(hyperparameters.createOptimizer(), Losses.get(loss()),
                metrics().stream().map(Metrics::get).toArray(Metric[]::new));
        return model;
    }

    /**
     * Trains: epochs, batch size, validation and seed from {@code hyperparameters}; progress output,
     * verbosity and callbacks from {@code base}. A recipe with its own validation split
     * ({@link RecipeData#hasValidation()}) validates on it, which takes precedence over
     * {@code validationSplit}, as {@code validation_data} does in Keras.
     */
    public final History train(Model model, RecipeData data, Hyperparameters hyperparameters, FitOptions base) {
        return train(model, data, hyperparameters, base, Model::fit);
    }

    /** How a recipe's model is trained on its arrays: {@code Model::fit}, or another trainer (the CLI's {@code --spark}). */
    @FunctionalInterface
    public interface Fit {
        History fit(Model model, INDArray x, INDArray y, FitOptions options);
    }

    /** As {@link #train(Model, RecipeData, Hyperparameters, FitOptions)}, training with {@code fit}. */
    public final History train(Model model, RecipeData data, Hyperparameters hyperparameters, FitOptions base, Fit fit) {
        FitOptions options = base.epochs(hyperparameters.epochs()).batchSize(hyperparameters.batchSize());
        if (data.hasValidation()) {
            options = options.validationData(data.xVal(), data.yVal());
        } else if (hyperparameters.validationSplit() > 0) {
            options = options.validationSplit(hyperparameters.validationSplit());
        }
        if (hyperparameters.seed() != null) {
            options = options.seed(hyperparameters.seed());
        }
        return fit.fit(model, data.xTrain(), data.yTrain(), options);
    }

    /**
     * The final figures of a run, in print order: the recipe's references (e.g. {@code baseline_mae}),
     * then {@code val_…} metrics when the recipe has a validation split, then {@code test_loss} and the
     * {@code test_…} metrics.
     */
    public Map<String, Double> report(Model model, RecipeData data, int batchSize) {
        Map<String, Double> out = new LinkedHashMap<>(data.references());
        if (data.hasValidation()) {
            model.evaluate(data.xVal(), data.yVal(), batchSize).forEach((k, v) -> out.put("val_" + k, v));
        }
        model.evaluate(data.xTest(), data.yTest(), batchSize).forEach((k, v) -> out.put("test_" + k, v));
        return out;
    }

    /** {@code name} for the default variant, else {@code name[k=v,…]} listing the non-default options. */
    public final String modelName(Variant variant) {
        String nd = variant.nonDefaults();
        return nd.isEmpty() ? name : name + "[" + nd + "]";
    }

    /** The variant encoded in a model name made by {@link #modelName}; {@code null} if it is not this recipe's. */
    public final Variant parseModelName(String modelName) {
        if (modelName == null || !modelName.startsWith(name)) {
            return null;
        }
        String rest = modelName.substring(name.length());
        Variant v = defaultVariant();
        if (rest.isEmpty()) {
            return v;
        }
        if (!rest.startsWith("[") || !rest.endsWith("]")) {
            return null;
        }
        try {
            for (String kv : rest.substring(1, rest.length() - 1).split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    return null;
                }
                v = v.with(kv.substring(0, eq), kv.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return v;
    }

    /** Every combination of option values, default variant first (for help texts and docs). */
    public final List<Variant> allVariants() {
        List<Variant> out = new ArrayList<>();
        out.add(defaultVariant());
        for (RecipeOption o : options) {
            List<Variant> more = new ArrayList<>();
            for (Variant v : out) {
                for (String c : o.choices()) {
                    Variant w = v.with(o.name(), c);
                    if (!out.contains(w) && !more.contains(w)) {
                        more.add(w);
                    }
                }
            }
            out.addAll(more);
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
