package dev.kerasj.cli;

import dev.kerasj.testing.HostileModelFiles;
import dev.kerasj.testing.HostileModelFiles.Expect;
import dev.kerasj.testing.HostileModelFiles.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23 through the command line: a hostile model file is exit 4 with one line on stderr, a valid one predicts. */
// a guard against a reader that spins (one once did, on a drained bomb), far above the seconds these take
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CliHostileModelFileTest {
    private static final Set<String> SAMPLE = Set.of("npy shape larger than the data", "npy object dtype", "npy big-endian",
            "npy short data block", "zip bomb: kerasj.json inflating to 2 GiB, sizes lying", "CRC: a stored data byte flipped",
            "path traversal name", "duplicate kerasj.json", "config JSON nested 100,000 deep",
            "npy fortran_order True, data column-major");

    @TempDir
    Path dir;

    @Test
    void hostileFilesExitFourWithOneLineAndValidVariantsPredictAsTheOriginal() throws Exception {
        CliRunner cli = new CliRunner(dir);
        Path original = dir.resolve("original.kerasj");
        HostileModelFiles.trainAndSave(original);
        Path input = dir.resolve("x.csv");
        Files.writeString(input, "0.5,-1,2,0.25,1.5,-0.75\n-2,0,1,1,0.5,3\n");
        CliRunner.Result reference = cli.run("predict", "--model", original.toString(), "--input", input.toString());
        assertEquals(0, reference.code(), reference::toString);
        List<Variant> variants = HostileModelFiles.cases(original).stream().filter(v -> SAMPLE.contains(v.name())).toList();
        assertEquals(SAMPLE.size(), variants.size());
        for (Variant v : variants) {
            Path file = dir.resolve("hostile.kerasj");
            Files.write(file, v.bytes());
            CliRunner.Result r = cli.run("predict", "--model", file.toString(), "--input", input.toString());
            if (v.expect() == Expect.SAME) {
                assertEquals(0, r.code(), () -> v + "\n" + r);
                assertEquals(reference.out(), r.out(), v::name);
                continue;
            }
            assertEquals(ExitCodes.BAD_MODEL_FILE, r.code(), () -> v + "\n" + r);
            assertEquals(1, r.err().lines().count(), () -> v + ": one line\n" + r);
            assertTrue(r.err().startsWith("Error: Cannot load model file " + file + ": "), () -> v + "\n" + r);
            assertTrue(r.err().contains(v.fragment()), () -> v + "\n" + r);
            assertFalse(r.err().contains("\tat "), () -> v + ": stack trace\n" + r);
            assertEquals("", r.out(), v::name);
        }
    }
}
