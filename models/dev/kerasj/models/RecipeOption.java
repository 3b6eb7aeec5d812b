package dev.kerasj.models;

import java.util.List;

/**
 * A choice a recipe offers besides the training settings: a flag ({@code --deeper}) or one value out of
 * a list ({@code --dataset jena|seattle}). The command line turns each into an option of
 * {@code kerasj train RECIPE}, showing its description, choices and default.
 *
 * <pre>{@code
 * RecipeOption.choice("dataset", "Which series to forecast.", "jena", "jena", "seattle");
 * RecipeOption.flag("deeper", "Use the Keras book's 32/64/128 convnet.");
 * }</pre>
 *
 * @param name the option's name, without dashes
 * @param description one sentence for the help
 * @param defaultValue the value when the option is not given ({@code "false"} for flags)
 * @param choices the accepted values ({@code ["false", "true"]} for flags)
 * @param flag whether it is a flag (given without a value)
 */
public record RecipeOption(String name, String description, String defaultValue, List<String> choices, boolean flag) {
    public RecipeOption {
        choices = List.copyOf(choices);
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException("Invalid `defaultValue` of option `" + name + "`: expected one of " + choices
                    + ". Received: defaultValue=" + defaultValue);
        }
    }

    /** A boolean flag, off by default. */
    public static RecipeOption flag(String name, String description) {
        return new RecipeOption(name, description, "false", List.of("false", "true"), true);
    }

    /** One value out of {@code choices}, {@code defaultValue} when not given. */
    public static RecipeOption choice(String name, String description, String defaultValue, String... choices) {
        return new RecipeOption(name, description, defaultValue, List.of(choices), false);
    }

    /** The accepted value equal to {@code value} ignoring case; fails listing the choices. */
    public String accept(String value) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(value == null ? "" : value.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("Invalid `" + name + "`: expected one of " + String.join(", ", choices)
                + ". Received: " + name + "=" + value);
    }
}
