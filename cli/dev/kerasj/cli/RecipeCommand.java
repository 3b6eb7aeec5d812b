package dev.kerasj.cli;

import dev.kerasj.models.Hyperparameters;
import dev.kerasj.models.Recipe;
import dev.kerasj.models.RecipeOption;
import dev.kerasj.models.Variant;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A command about one recipe ({@code kerasj train mnist-cnn}, {@code kerasj summary mnist-cnn}), built
 * programmatically so that its help shows that recipe's own options and defaults, read from the recipe
 * (defaults are written only there).
 */
abstract class RecipeCommand implements Callable<Integer> {
    protected final CliContext context;
    protected final Recipe recipe;
    protected final CommandSpec spec;

    RecipeCommand(CliContext context, Recipe recipe, String headerVerb) {
        this.context = context;
        this.recipe = recipe;
        this.spec = CommandSpec.wrapWithoutInspection(this);
        spec.name(recipe.name());
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(recipe.description());
        spec.usageMessage().showDefaultValues(false);
        for (RecipeOption o : recipe.options()) {
            OptionSpec.Builder b = OptionSpec.builder("--" + o.name());
            if (o.flag()) {
                // picocli toggles a flag when a default value is applied to it, so flags get an initial value instead.
                b.arity("0").type(boolean.class).initialValue(Boolean.parseBoolean(o.defaultValue())).hasInitialValue(true)
                        .description(o.description());
            } else {
                b.type(String.class).paramLabel("<" + o.name() + ">").defaultValue(o.defaultValue())
                        .completionCandidates(o.choices())
                        .description(o.description() + " One of: " + String.join(", ", o.choices())
                                + ". Default: " + o.defaultValue() + ".");
            }
            spec.addOption(b.build());
        }
    }

    /** This command for picocli. */
    CommandLine commandLine() {
        return new CommandLine(spec);
    }

    /** The recipe's options as given on the command line (defaults for the rest). */
    protected Variant variant() {
        Variant v = recipe.defaultVariant();
        for (RecipeOption o : recipe.options()) {
            Object value = spec.findOption(o.name()).getValue();
            try {
                v = v.with(o.name(), String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        try {
            recipe.validate(v);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return v;
    }

    /** Adds an option whose default is the recipe's, described as such in the help. */
    protected void addOption(String name, Class<?> type, String label, String description,
                             Function<Hyperparameters, Object> recipeDefault) {
        spec.addOption(OptionSpec.builder(name).type(type).paramLabel(label)
                .description(description + " Default: " + describeDefault(recipe, recipeDefault) + ".").build());
    }

    /** Adds an option without a recipe default. */
    protected void addPlainOption(String name, Class<?> type, String label, String description) {
        spec.addOption(OptionSpec.builder(name).type(type).paramLabel(label).description(description).build());
    }

    /** The value given for option {@code name}, or {@code null}. */
    @SuppressWarnings("unchecked")
    protected <T> T value(String name) {
        return (T) spec.findOption(name).getValue();
    }

    /**
     * The recipe's default for one setting, as help text: the default variant's value, followed by the
     * values that other option choices give, e.g. {@code "10 (40 with --dataset seattle)"}.
     */
    static String describeDefault(Recipe recipe, Function<Hyperparameters, Object> setting) {
        Object base = shown(setting.apply(recipe.defaults(recipe.defaultVariant())));
        List<String> others = new ArrayList<>();
        for (RecipeOption o : recipe.options()) {
            for (String c : o.choices()) {
                Object value = shown(setting.apply(recipe.defaults(recipe.defaultVariant().with(o.name(), c))));
                if (!Objects.equals(value, base)) {
                    others.add(value + " with --" + o.name() + (o.flag() ? "" : " " + c));
                }
            }
        }
        return others.isEmpty() ? String.valueOf(base) : base + " (" + String.join("; ", others) + ")";
    }

    private static Object shown(Object value) {
        return value == null ? "none" : value;
    }
}
