package dev.kerasj.tools.jupyter;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * What notebook code calls, statically imported in every session as IJava and JJava do:
 * {@code display(object)} publishes an object's rich view (an image as PNG, text as text) and
 * {@code display(text, "text/html")} publishes it under the given MIME types.
 */
public final class Display {
    private static volatile BaseKernel kernel;
    private static volatile Object lastValue;
    private static volatile ClassLoader snippetLoader;

    private Display() {
    }

    static void attach(BaseKernel k) {
        kernel = k;
    }

    /** Publishes {@code o}'s richest view now, as IJava's {@code display(Object)}. */
    public static void display(Object o) {
        requireKernel().display(requireKernel().getRenderer().render(o));
    }

    /** Publishes {@code o} rendered as the given MIME types, e.g. {@code display(html, "text/html")}. */
    public static void display(Object o, String... mimeTypes) {
        DisplayData data = requireKernel().getRenderer().renderAs(o, mimeTypes);
        requireKernel().display(data);
    }

    /** For the kernel: keeps the value of a cell's last expression so that the kernel can render it. */
    public static void keep(Object value) {
        lastValue = value;
    }

    static Object takeLast() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    /** For the kernel: records the class loader that loads snippets (and the jars added with %jars). */
    public static void useSnippetLoader(ClassLoader loader) {
        snippetLoader = loader;
    }

    static ClassLoader snippetLoader() {
        return snippetLoader;
    }

    private static BaseKernel requireKernel() {
        if (kernel == null) {
            throw new IllegalStateException("display() works only inside the Jupyter kernel.");
        }
        return kernel;
    }
}
