package dev.kerasj.datasets.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files atomically: the content goes to a temporary file in the target's directory, which is
 * renamed onto the target only when complete, so an interrupted write never leaves a partial file
 * under the final name.
 *
 * <pre>{@code
 * AtomicFiles.write(cache.resolve("weather.csv"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {
    /** Writes content to a stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        /** @param out the temporary file's stream */
        void write(OutputStream out) throws IOException;
    }

    /** Checks a completed temporary file before it is renamed; throws to reject it. */
    @FunctionalInterface
    public interface Check {
        /** @param temporary the complete temporary file */
        void accept(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} atomically. */
    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, tmp -> { });
    }

    /**
     * Writes {@code target} atomically, renaming the temporary file only after {@code check} accepts
     * it; on any failure the temporary file is deleted and {@code target} is left as it was.
     */
    public static void write(Path target, Writer writer, Check check) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            check.accept(tmp);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies {@code source} onto {@code target} atomically. */
    public static void copy(Path source, Path target, Check check) throws IOException {
        write(target, out -> Files.copy(source, out), check);
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
