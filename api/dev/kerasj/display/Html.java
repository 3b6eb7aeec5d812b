package dev.kerasj.display;

import dev.kerasj.internal.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A fragment of HTML to show in a notebook: {@code display(html.toHtml(), "text/html")} in IJava/JJava.
 *
 * <pre>{@code
 * Html table = Summaries.html(model);
 * }</pre>
 */
public final class Html {
    private final String html;

    public Html(String html) {
        if (html == null) {
            throw new IllegalArgumentException("Invalid `html`: expected a string. Received: html=null");
        }
        this.html = html;
    }

    public String toHtml() {
        return html;
    }

    /** Writes the fragment as a UTF-8 file, atomically. */
    public void save(Path path) throws IOException {
        AtomicFiles.write(path, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    }

    /** Escapes {@code &}, {@code <}, {@code >} and {@code "} for use in HTML text and attributes. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public String toString() {
        return html;
    }
}
