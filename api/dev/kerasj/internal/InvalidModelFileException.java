package dev.kerasj.internal;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be loaded; the message says which file and why, on one line. */
public final class InvalidModelFileException extends IOException {
    public InvalidModelFileException(Path path, String why) {
        super(("Cannot load model file " + path + ": " + why + (why.matches("(?s).*[.?!]") ? "" : "."))
                .replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }
}
