package dev.kerasj.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a recipe's {@link RecipeOption}s for one run, every option present (given or default).
 * Immutable; {@link #with} returns a copy.
 *
 * <pre>{@code
 * Variant v = recipe.defaultVariant().with("dataset", "seattle");
 * v.get("dataset");      // "seattle"
 * v.flag("deeper");      // false (when the recipe has such a flag)
 * }</pre>
 */
public final class Variant {
    private final Recipe recipe;
    private final Map<String, String> values;

    Variant(Recipe recipe, Map<String, String> values) {
        this.recipe = recipe;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A copy with option {@code name} set to {@code value} (checked against the option's choices). */
    public Variant with(String name, String value) {
        RecipeOption option = recipe.option(name);
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(option.name(), option.accept(value));
        return new Variant(recipe, copy);
    }

    /** The value of option {@code name}. */
    public String get(String name) {
        return values.get(recipe.option(name).name());
    }

    /** Whether flag {@code name} is on. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(get(name));
    }

    /** Every option's value, in the recipe's order. */
    public Map<String, String> values() {
        return values;
    }

    public Recipe recipe() {
        return recipe;
    }

    /** The options that differ from their defaults, as {@code k=v,k=v}; empty for the default variant. */
    public String nonDefaults() {
        StringBuilder sb = new StringBuilder();
        for (RecipeOption o : recipe.options()) {
            String v = values.get(o.name());
            if (!v.equals(o.defaultValue())) {
                sb.append(sb.length() == 0 ? "" : ",").append(o.name()).append('=').append(v);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variant v && v.recipe == recipe && v.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return recipe.name() + values;
    }
}
