package dev.kerasj.models;

import dev.kerasj.datasets.FashionMnist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of course recipes, by name: {@code mnist-mlp}, {@code fashion-mnist-mlp}, and the others
 * as their layers exist. An unknown name fails listing the known ones.
 *
 * <pre>{@code
 * Recipe r = Recipes.get("mnist-mlp");
 * Recipes.names();   // [mnist-mlp, fashion-mnist-mlp, …]
 * }</pre>
 */
public final class Recipes {
    private static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();

    static {
        register(new MnistMlp());
        register(new MnistMlp("fashion-mnist-mlp", FashionMnist.NAME));
        register(new MnistCnn());
        register(new MnistCnn("fashion-mnist-cnn", FashionMnist.NAME));
        register(new TemperatureLstm());
    }

    private Recipes() {
    }

    private static void register(Recipe r) {
        RECIPES.put(r.name(), r);
    }

    /** The recipe called {@code name}. */
    public static Recipe get(String name) {
        Recipe r = name == null ? null : RECIPES.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (r == null) {
            throw new IllegalArgumentException("Unknown recipe: '" + name + "'. Known recipes are: "
                    + String.join(", ", names()) + ".");
        }
        return r;
    }

    /** Every recipe, in registration order. */
    public static List<Recipe> all() {
        return Collections.unmodifiableList(new ArrayList<>(RECIPES.values()));
    }

    public static List<String> names() {
        return List.copyOf(RECIPES.keySet());
    }

    /** The recipe and variant that named a model ({@link Recipe#modelName}), or {@code null}. */
    public static Variant forModelName(String modelName) {
        Variant best = null;
        for (Recipe r : RECIPES.values()) {
            Variant v = r.parseModelName(modelName);
            // "fashion-mnist-mlp" must not be read as a variant of a recipe named by its prefix.
            if (v != null && (best == null || r.name().length() > best.recipe().name().length())) {
                best = v;
            }
        }
        return best;
    }
}
