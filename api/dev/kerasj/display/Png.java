package dev.kerasj.display;

import dev.kerasj.internal.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * An encoded PNG picture: its bytes and size, and the forms a notebook kernel can show.
 *
 * <pre>{@code
 * Png p = Plots.history(history);
 * display(p.image());          // IJava / JJava: an image/png output
 * p.save(Path.of("curves.png"));
 * }</pre>
 */
public final class Png {
    private final byte[] bytes;
    private final int width;
    private final int height;

    private Png(byte[] bytes, int width, int height) {
        this.bytes = bytes;
        this.width = width;
        this.height = height;
    }

    /** Encodes {@code image} as PNG. */
    public static Png of(RenderedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("Invalid `image`: expected an image. Received: image=null");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer is available in this Java runtime.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Png(out.toByteArray(), image.getWidth(), image.getHeight());
    }

    /** The PNG file's bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The decoded picture, what {@code display(...)} of IJava/JJava renders as {@code image/png}. */
    public BufferedImage image() {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes in Base64, as Jupyter's {@code image/png} MIME data carries them. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** An {@code <img>} element with the picture inlined as a data URI. */
    public String toHtml() {
        return "<img src=\"data:image/png;base64," + toBase64() + "\" width=\"" + width + "\" height=\"" + height + "\"/>";
    }

    /** Writes the PNG file atomically (a temporary file renamed over {@code path}). */
    public void save(Path path) throws IOException {
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    @Override
    public String toString() {
        return "Png(" + width + "x" + height + ", " + bytes.length + " bytes)";
    }
}
