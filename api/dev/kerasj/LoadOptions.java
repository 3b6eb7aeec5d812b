package dev.kerasj;

import dev.kerasj.layers.Layer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@link Model#load(java.nio.file.Path, LoadOptions)} reads a model file: Keras's {@code custom_objects}
 * and {@code compile} arguments of {@code keras.saving.load_model}.
 *
 * <p>Defaults, as Keras: no custom objects (a file naming a class kerasj lacks is refused with the class, the
 * layer and the supported classes), {@code compile} true (a file's compile config — optimizer, its state where
 * Keras stored it, loss, metrics — is applied, so {@code fit} continues where Keras stopped). Loading never
 * runs code from a file: {@code Lambda} layers are always refused (Keras's {@code safe_mode}); a custom class
 * is built by the Java function you map it to.
 *
 * <pre>{@code
 * Model m = Model.load(Path.of("model.keras"),
 *         LoadOptions.defaults().customObjects(Map.of("Scale", Scale::fromConfig)).compile(false));
 * }</pre>
 */
public final class LoadOptions {
    private final Map<String, Function<Map<String, Object>, ? extends Layer>> customObjects;
    private final boolean compile;

    private LoadOptions(Map<String, Function<Map<String, Object>, ? extends Layer>> customObjects, boolean compile) {
        this.customObjects = Map.copyOf(customObjects);
        this.compile = compile;
    }

    /** No custom objects; compile as the file says. */
    public static LoadOptions defaults() {
        return new LoadOptions(Map.of(), true);
    }

    /**
     * Maps layer class names in the file ({@code "class_name"}) to functions that build the layer from its
     * config, as Keras's {@code custom_objects}; replaces any earlier mapping.
     */
    public LoadOptions customObjects(Map<String, Function<Map<String, Object>, ? extends Layer>> objects) {
        if (objects == null) {
            throw new IllegalArgumentException("Invalid `customObjects`: expected a map of class names to functions. "
                    + "Received: null.");
        }
        Map<String, Function<Map<String, Object>, ? extends Layer>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Map<String, Object>, ? extends Layer>> e : objects.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("Invalid `customObjects`: expected class names mapped to functions. "
                        + "Received: " + e.getKey() + "=" + e.getValue() + ".");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return new LoadOptions(copy, compile);
    }

    /** Whether to compile the model with the file's compile config (default true); false loads it uncompiled. */
    public LoadOptions compile(boolean compile) {
        return new LoadOptions(customObjects, compile);
    }

    public Map<String, Function<Map<String, Object>, ? extends Layer>> customObjects() {
        return customObjects;
    }

    public boolean compile() {
        return compile;
    }
}
