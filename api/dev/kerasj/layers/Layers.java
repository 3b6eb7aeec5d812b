package dev.kerasj.layers;

import dev.kerasj.internal.Registry;

import java.util.List;
import java.util.function.Function;
import java.util.Map;

/**
 * The registry of layer class names, used to rebuild a saved model: {@code {"class_name": "Dense",
 * "config": {…}}} → {@code Dense.fromConfig(config)}.
 *
 * <pre>{@code
 * Layer copy = Layers.deserialize(dense.serialize());
 * }</pre>
 */
public final class Layers {
    private static final Registry<Layer> REGISTRY = new Registry<Layer>("layer")
            .className("InputLayer", Input::fromConfig)
            .className("Dense", Dense::fromConfig)
            .className("Activation", Activation::fromConfig)
            .className("Dropout", Dropout::fromConfig)
            .className("Flatten", Flatten::fromConfig)
            .className("Reshape", Reshape::fromConfig)
            .className("Add", Add::fromConfig)
            .className("Subtract", Subtract::fromConfig)
            .className("Multiply", Multiply::fromConfig)
            .className("Average", Average::fromConfig)
            .className("Maximum", Maximum::fromConfig)
            .className("Concatenate", Concatenate::fromConfig)
            .className("Dot", Dot::fromConfig)
            .className("Conv1D", Conv1D::fromConfig)
            .className("Conv2D", Conv2D::fromConfig)
            .className("MaxPooling1D", MaxPooling1D::fromConfig)
            .className("MaxPooling2D", MaxPooling2D::fromConfig)
            .className("AveragePooling1D", AveragePooling1D::fromConfig)
            .className("AveragePooling2D", AveragePooling2D::fromConfig)
            .className("GlobalMaxPooling1D", GlobalMaxPooling1D::fromConfig)
            .className("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig)
            .className("GlobalAveragePooling1D", GlobalAveragePooling1D::fromConfig)
            .className("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig)
            .className("LSTM", LSTM::fromConfig)
            .className("GRU", GRU::fromConfig)
            .className("Bidirectional", Bidirectional::fromConfig)
            .className("Conv2DTranspose", Conv2DTranspose::fromConfig)
            .className("SeparableConv2D", SeparableConv2D::fromConfig)
            .className("SpatialDropout2D", SpatialDropout2D::fromConfig)
            .className("TimeDistributed", TimeDistributed::fromConfig)
            .className("LayerNormalization", LayerNormalization::fromConfig)
            .className("Permute", Permute::fromConfig)
            .className("ZeroPadding2D", ZeroPadding2D::fromConfig)
            .className("Cropping2D", Cropping2D::fromConfig)
            .className("UpSampling2D", UpSampling2D::fromConfig)
            .className("RepeatVector", RepeatVector::fromConfig)
            .className("GaussianNoise", GaussianNoise::fromConfig)
            .className("Embedding", Embedding::fromConfig)
            .className("Masking", Masking::fromConfig)
            .className("BatchNormalization", BatchNormalization::fromConfig)
            .className("SimpleRNN", SimpleRNN::fromConfig);

    /** Keras's {@code custom_object_scope}: class names mapped by the caller for one load, on this thread. */
    private static final ThreadLocal<Map<String, Function<Map<String, Object>, ? extends Layer>>> SCOPE =
            ThreadLocal.withInitial(Map::of);

    private Layers() {
    }

    /**
     * Runs {@code body} with {@code customObjects} mapped (class name → how to build the layer from its config)
     * on this thread only, as Keras's {@code custom_object_scope}; they take precedence over built-in classes.
     */
    public static <T, E extends Exception> T withCustomObjects(Map<String, Function<Map<String, Object>, ? extends Layer>>
            customObjects, ScopedBody<T, E> body) throws E {
        Map<String, Function<Map<String, Object>, ? extends Layer>> before = SCOPE.get();
        SCOPE.set(Map.copyOf(customObjects));
        try {
            return body.run();
        } finally {
            SCOPE.set(before);
        }
    }

    /** The work done inside {@link #withCustomObjects}. */
    @FunctionalInterface
    public interface ScopedBody<T, E extends Exception> {
        T run() throws E;
    }

    /** Whether a layer of class {@code className} can be built now (built in, registered, or in the scope). */
    public static synchronized boolean isKnown(String className) {
        return SCOPE.get().containsKey(className) || REGISTRY.classNames().contains(className)
                || className != null && builtIn(className) != null;
    }

    /**
     * Rebuilds a layer from {@code {"class_name": …, "config": …}}: a registered class, else the built-in
     * {@code dev.kerasj.layers.<class_name>} with a static {@code fromConfig(Map)} (so a new built-in layer
     * needs no line here); an unknown class lists the known ones. Nothing outside kerasj's own layers and
     * the classes registered with {@link #register} is ever instantiated from a file.
     */
    @SuppressWarnings("unchecked")
    public static synchronized Layer deserialize(Map<String, Object> serialized) {
        Object cls = serialized == null ? null : serialized.get("class_name");
        if (cls instanceof String name && SCOPE.get().containsKey(name)) {
            Object config = serialized.get("config");
            return SCOPE.get().get(name).apply(config instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        }
        if (cls instanceof String name && !REGISTRY.classNames().contains(name)) {
            Function<Map<String, Object>, Layer> f = builtIn(name);
            if (f != null) {
                REGISTRY.className(name, f);
            }
        }
        return REGISTRY.fromConfig(serialized);
    }

    /**
     * Registers a layer class of your own (Keras's {@code register_keras_serializable}), so models holding it
     * load: {@code className} as its {@link Layer#className()} writes it, and how to rebuild it from its config.
     *
     * <pre>{@code
     * Layers.register("Scale", Scale::fromConfig);
     * Model m = Model.load(Path.of("with-scale.kerasj"));
     * }</pre>
     */
    public static synchronized void register(String className, Function<Map<String, Object>, ? extends Layer> fromConfig) {
        if (className == null || !className.matches("[A-Za-z_][A-Za-z0-9_.>]*")) {
            throw new IllegalArgumentException("Invalid `className`: expected a class name such as \"Scale\". Received: "
                    + className + ".");
        }
        if (fromConfig == null) {
            throw new IllegalArgumentException("Invalid `fromConfig`: expected a function. Received: null.");
        }
        REGISTRY.className(className, fromConfig);
    }

    /** Every layer class name kerasj can rebuild now (built-ins found by name once used are added). */
    public static synchronized List<String> classNames() {
        return REGISTRY.classNames();
    }

    /** {@code dev.kerasj.layers.<name>.fromConfig}, for a concrete Layer subclass of this package; else null. */
    private static Function<Map<String, Object>, Layer> builtIn(String name) {
        if (!name.matches("[A-Z][A-Za-z0-9]*")) {
            return null;
        }
        try {
            Class<?> c = Class.forName(Layers.class.getPackageName() + "." + name, false, Layers.class.getClassLoader());
            if (!Layer.class.isAssignableFrom(c) || java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                return null;
            }
            java.lang.reflect.Method m = c.getMethod("fromConfig", Map.class);
            if (!java.lang.reflect.Modifier.isStatic(m.getModifiers()) || !Layer.class.isAssignableFrom(m.getReturnType())) {
                return null;
            }
            return config -> {
                try {
                    return (Layer) m.invoke(null, config);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        }
    }
}
