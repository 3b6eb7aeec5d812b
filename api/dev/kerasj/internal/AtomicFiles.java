package dev.kerasj.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files atomically: the content goes to a temporary file {@code .<name>.<random>.tmp} beside the
 * target, which is renamed onto the target only when complete (and, optionally, checked), so an interrupted
 * write never leaves a partial file under the final name.
 *
 * <ul>
 *   <li>The temporary file is created like any new file, so the target gets the permissions the umask gives
 *       (0644 under umask 022), not {@code createTempFile}'s 0600.</li>
 *   <li>On failure the temporary file is deleted, and so it is when the JVM is stopped mid-write (Ctrl-C,
 *       SIGTERM: a shutdown hook). Temporary files of the same target left by a killed process
 *       ({@code kill -9}, a power cut) and older than {@link #STALE_AFTER} are deleted by the next write of that
 *       target; younger ones may belong to a write in progress and are left alone.</li>
 *   <li>A failure of the file system (no space left, permission denied, a path through a regular file) is an
 *       {@link IOException} whose message names the target, never the temporary file; exceptions the
 *       {@link Writer} itself throws pass through unchanged.</li>
 * </ul>
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("model.kerasj"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {
    /** How old a leftover temporary file must be before a later write of the same target deletes it. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private static final String SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

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
     * Writes {@code target} atomically, renaming the temporary file only after {@code check} accepts it; on any
     * failure the temporary file is deleted and {@code target} is left as it was.
     */
    public static void write(Path target, Writer writer, Check check) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = directory(abs);
        deleteStale(dir, abs.getFileName().toString(), Instant.now().minus(STALE_AFTER));
        Path tmp = createTemporary(dir, abs);
        InFlight.add(tmp);
        try {
            try (OutputStream out = new TargetStream(abs, Files.newOutputStream(tmp, StandardOpenOption.WRITE))) {
                writer.write(out);
            }
            check.accept(tmp);
            move(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
            InFlight.remove(tmp);
        }
    }

    /** Copies {@code source} onto {@code target} atomically. */
    public static void copy(Path source, Path target, Check check) throws IOException {
        write(target, out -> Files.copy(source, out), check);
    }

    /**
     * Checks, before long work whose result will be written to {@code target}, that the write can succeed: the
     * nearest existing directory on its path is a directory a file can be created in (probed with a temporary
     * file, removed again; missing directories are not created yet), and its file store has at least
     * {@code bytesNeeded} bytes free.
     *
     * @throws IOException naming {@code target} and the reason
     */
    public static void checkWritable(Path target, long bytesNeeded) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IOException("Cannot write " + abs + ": it is a directory.");
        }
        Path existing = abs.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException("Cannot write " + abs + ": no directory of its path exists.");
        }
        if (!Files.isDirectory(existing)) {
            throw new IOException("Cannot write " + abs + ": " + existing + " is a file, not a directory.");
        }
        Files.deleteIfExists(createTemporary(existing, abs));
        long usable = Files.getFileStore(existing).getUsableSpace();
        if (usable < bytesNeeded) {
            throw new IOException("Cannot write " + abs + ": it needs about " + megabytes(bytesNeeded) + " and only "
                    + megabytes(usable) + " is free in " + existing + ".");
        }
    }

    /** Deletes {@code .<name>.*.tmp} files in {@code dir} last modified before {@code before}; returns how many. */
    static int deleteStale(Path dir, String name, Instant before) {
        int deleted = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + globEscape(name) + ".*" + SUFFIX)) {
            for (Path p : s) {
                try {
                    if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                        Files.delete(p);
                        deleted++;
                    }
                } catch (IOException e) {
                    // another process removed or renamed it meanwhile; nothing to clean
                }
            }
        } catch (IOException e) {
            // an unreadable directory: the write itself reports it
        }
        return deleted;
    }

    private static Path directory(Path abs) throws IOException {
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            Path file = dir;
            while (file != null && !Files.exists(file)) {
                file = file.getParent();
            }
            if (file != null && !Files.isDirectory(file)) {
                throw new IOException("Cannot write " + abs + ": " + file + " is a file, not a directory.", e);
            }
            throw failure(abs, e);
        }
        return dir;
    }

    /**
     * A new, empty {@code .<name>.<random>.tmp} for {@code target} in {@code dir}, created with the umask's
     * permissions; a failure names {@code target}.
     */
    private static Path createTemporary(Path dir, Path target) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + SUFFIX);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // a name already taken: draw another
            } catch (IOException e) {
                throw failure(target, e);
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    /** {@code e} as "Cannot write TARGET: reason", without the temporary file's name. */
    static IOException failure(Path target, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied (the directory is read-only or not yours)";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new IOException("Cannot write " + target + ": " + reason + ".", e);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /**
     * The temporary files being written now, deleted by a shutdown hook when the JVM ends mid-write (Ctrl-C,
     * SIGTERM); only {@code kill -9} leaves one, for the next write's clean-up.
     */
    private static final class InFlight {
        private static final Set<Path> PATHS = ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path p : PATHS) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // shutting down: nothing left to tell
                    }
                }
            }, "kerasj-atomic-files-cleanup"));
        }

        private InFlight() {
        }

        static void add(Path tmp) {
            PATHS.add(tmp);
        }

        static void remove(Path tmp) {
            PATHS.remove(tmp);
        }
    }

    /** The temporary file's stream; its own I/O failures name the target. */
    private static final class TargetStream extends FilterOutputStream {
        private final Path target;

        /** One operation on the underlying stream. */
        private interface Io {
            void run() throws IOException;
        }

        TargetStream(Path target, OutputStream out) {
            super(out);
            this.target = target;
        }

        private void named(Io io) throws IOException {
            try {
                io.run();
            } catch (IOException e) {
                throw failure(target, e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            named(() -> out.write(b));
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            named(() -> out.write(b, off, len));
        }

        @Override
        public void flush() throws IOException {
            named(out::flush);
        }

        @Override
        public void close() throws IOException {
            named(out::close);
        }
    }
}
