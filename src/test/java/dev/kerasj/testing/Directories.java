package dev.kerasj.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Directories with awkward properties, for tests of what a write does when it cannot succeed. */
public final class Directories {
    private Directories() {
    }

    /**
     * A directory no one may create files in, root included: {@code /sys} (sysfs refuses new files) where it
     * exists, else {@code scratch/read-only} with mode 0555 (which binds every user but root); the test is
     * skipped when neither refuses.
     */
    public static Path readOnly(Path scratch) throws IOException {
        Path sys = Path.of("/sys");
        if (Files.isDirectory(sys)) {
            Path probe = sys.resolve("kerasj-probe-" + System.nanoTime());
            try {
                Files.delete(Files.createFile(probe));
            } catch (IOException refused) {
                return sys;
            }
        }
        Path ro = Files.createDirectories(scratch.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeTrue(!Files.isWritable(ro), "running as root without a read-only /sys: no read-only directory to test");
        return ro;
    }
}
