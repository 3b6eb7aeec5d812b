package dev.kerasj.internal;

import dev.kerasj.testing.Directories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheLastGoodFileIntact() throws Exception {
        Path target = dir.resolve("ckpt.kerasj");
        AtomicFiles.write(target, out -> out.write("good".getBytes(StandardCharsets.UTF_8)));
        IOException disk = new IOException("disk full");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half-writ".getBytes(StandardCharsets.UTF_8));
            throw disk;
        }));
        assertSame(disk, e, "the writer's own exception passes through unchanged");
        assertEquals("good", Files.readString(target));
        assertEquals(List.of("ckpt.kerasj"), names(), "the temporary file is removed");
    }

    @Test
    void aWritersFileNotFoundExceptionStaysOne() {
        // the downloader's 404 is a FileNotFoundException that DatasetLocator tells apart from other failures
        assertThrows(FileNotFoundException.class, () -> AtomicFiles.write(dir.resolve("x"), out -> {
            throw new FileNotFoundException("HTTP 404");
        }));
    }

    @Test
    void savedFilesGetTheUmasksPermissionsNotTempFilePermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createFile(dir.resolve("plain"));   // what the process's umask gives a new file
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        Path target = dir.resolve("model.kerasj");
        AtomicFiles.write(target, out -> out.write(1));
        assertEquals(expected, Files.getPosixFilePermissions(target));
        // under the usual umask 022 that is rw-r--r--, where createTempFile gave rw-------
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ) && expected.contains(PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void staleTemporaryFilesOfTheSameTargetAreCleanedYoungOnesAndOthersKept() throws Exception {
        Path target = dir.resolve("model.kerasj");
        Path stale = Files.writeString(dir.resolve(".model.kerasj.1234.tmp"), "killed mid-save");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minus(Duration.ofMinutes(1))));
        Path young = Files.writeString(dir.resolve(".model.kerasj.5678.tmp"), "a save in progress");
        Path otherTarget = Files.writeString(dir.resolve(".other.kerasj.1234.tmp"), "another file's");
        Files.setLastModifiedTime(otherTarget, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        AtomicFiles.write(target, out -> out.write(1));

        assertEquals(List.of(".model.kerasj.5678.tmp", ".other.kerasj.1234.tmp", "model.kerasj"), names());
        assertTrue(Files.exists(young) && Files.exists(otherTarget));
    }

    /** Starts saving {@code args[0]} and never finishes: what a save looks like when the user presses Ctrl-C. */
    static final class SlowSave {
        public static void main(String[] args) throws Exception {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(new byte[1000]);
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Test
    void aJvmStoppedMidSaveLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("model.kerasj");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SlowSave.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("writing", line);
            assertEquals(1, names().stream().filter(n -> n.startsWith(".model.kerasj.") && n.endsWith(".tmp")).count(),
                    "the save is under way: " + names());
            p.destroy();   // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), names(), "neither the target nor a temporary file");
    }

    @Test
    void aTargetUnderARegularFileIsNamedNotTheTemporaryFile() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path target = file.resolve("model.kerasj");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertEquals("Cannot write " + target + ": " + file + " is a file, not a directory.", e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aReadOnlyDirectoryIsNamedWithTheTargetNotTheTemporaryFile() throws Exception {
        Path target = Directories.readOnly(dir).resolve("model.kerasj");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().startsWith("Cannot write " + target + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }

    @Test
    void checkWritableFindsEveryProblemBeforeTheWork() throws Exception {
        Path ok = dir.resolve("sub/model.kerasj");
        AtomicFiles.checkWritable(ok, 1000);
        assertEquals(List.of(), names(), "the probe leaves nothing behind, not even the missing directory");

        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(file.resolve("m.kerasj"), 1));
        assertTrue(e.getMessage().contains(file + " is a file, not a directory"), e.getMessage());

        e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(dir, 1));
        assertEquals("Cannot write " + dir + ": it is a directory.", e.getMessage());

        long free = Files.getFileStore(dir).getUsableSpace();
        e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(ok, free + (1L << 40)));
        assertTrue(e.getMessage().startsWith("Cannot write " + ok + ": it needs about "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" is free in " + dir + "."), "the nearest existing directory: "
                + e.getMessage());

        IOException ro = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(
                Directories.readOnly(dir).resolve("deeper/model.kerasj"), 1));
        assertTrue(ro.getMessage().startsWith("Cannot write " + Directories.readOnly(dir).resolve("deeper/model.kerasj")
                + ": "), ro.getMessage());
    }
}
