package dev.kerasj.cli;

import dev.kerasj.testing.Directories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where {@code train} saves: an output it cannot write is found before training (exit 2, naming the target),
 * the figures are printed before the save, and the saved file has the umask's permissions.
 */
class CliOutputFilesTest {
    @TempDir
    Path dir;

    /** A runner over this test's own KERASJ_HOME and mirror. */
    private CliRunner cli() throws Exception {
        return new CliRunner(dir);
    }

    private static void assertRefusedBeforeTraining(CliRunner.Result r, Path target, String reason) {
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertFalse(r.out().contains("Epoch 1/"), () -> "refused only after training:\n" + r);
        assertTrue(r.err().startsWith("Error: Cannot write " + target + ": " + reason), r::toString);
        assertTrue(r.err().contains("Nothing was trained"), r::toString);
        assertFalse(r.err().contains(".tmp"), () -> "names the temporary file:\n" + r);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    @Test
    void anOutputUnderARegularFileIsRefusedBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        Path target = file.resolve("mlp.kerasj");
        CliRunner.Result r = cli().run("train", "mnist-mlp", "--epochs", "1", "--output", target.toString());
        assertRefusedBeforeTraining(r, target, file + " is a file, not a directory.");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aKerasjHomeThatIsNotADirectoryIsRefusedBeforeTraining() throws Exception {
        CliRunner cli = cli();
        Files.writeString(cli.home(), "not a directory");
        CliRunner.Result r = cli.run("train", "mnist-mlp", "--epochs", "1");
        assertRefusedBeforeTraining(r, cli.home().resolve("models/mnist-mlp.kerasj"), cli.home()
                + " is a file, not a directory.");
        assertTrue(r.err().contains("(the default is under $KERASJ_HOME/models)"), r::toString);
    }

    @Test
    void aReadOnlyOutputDirectoryIsRefusedBeforeTraining() throws Exception {
        Path target = Directories.readOnly(dir).resolve("mlp.kerasj");
        CliRunner.Result r = cli().run("train", "mnist-mlp", "--epochs", "1", "--output", target.toString());
        assertRefusedBeforeTraining(r, target, "");
    }

    @Test
    void aPlotThatCannotBeWrittenIsRefusedBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path plot = file.resolve("curves.png");
        CliRunner.Result r = cli().run("train", "mnist-mlp", "--epochs", "1", "--output", dir.resolve("m.kerasj").toString(),
                "--plot", plot.toString());
        assertRefusedBeforeTraining(r, plot, file + " is a file, not a directory.");
        assertTrue(r.err().contains("pass --plot FILE"), r::toString);
    }

    @Test
    void figuresComeBeforeTheSaveAndTheFileHasTheUmasksPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("out/mlp.kerasj");
        CliRunner.Result r = cli().run("train", "mnist-mlp", "--epochs", "1", "--batch-size", "64", "--seed", "1",
                "--output", target.toString());
        assertEquals(0, r.code(), r::toString);
        int figures = r.out().indexOf("test_accuracy: ");
        int saved = r.out().indexOf("Model saved to " + target);
        assertTrue(figures > 0 && saved > figures, r::toString);

        Path reference = Files.createFile(dir.resolve("out/reference"));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(target),
                "the model file gets the permissions of any new file (0644 under umask 022), not 0600");
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }
}
