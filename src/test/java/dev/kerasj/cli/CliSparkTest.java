package dev.kerasj.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kerasj train RECIPE --spark MASTER} in the default build (no Spark on the class path): a usage error,
 * before any data is loaded or trained, that says how to get Spark support; bad values are named.
 */
class CliSparkTest {
    @TempDir
    Path dir;

    @Test
    void sparkMissingFromTheClassPathIsAClearUsageError() throws Exception {
        CliRunner.Result r = new CliRunner(dir).run("train", "mnist-mlp", "--epochs", "1", "--spark", "local[2]");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertFalse(r.out().contains("Epoch 1/"), r::toString);
        assertTrue(r.err().contains("Option '--spark' needs Apache Spark on the class path"), r::toString);
        assertTrue(r.err().contains("mvn -Pspark package") && r.err().contains("spark-submit"), r::toString);
    }

    @Test
    void badSparkValuesAreNamed() throws Exception {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result master = cli.run("train", "mnist-mlp", "--spark", "local[two]");
        assertEquals(ExitCodes.USAGE, master.code(), master::toString);
        assertTrue(master.err().contains("Invalid value for option '--spark'") && master.err().contains("local[two]"),
                master::toString);
        CliRunner.Result mode = cli.run("train", "mnist-mlp", "--spark", "local[2]", "--spark-training", "sync");
        assertEquals(ExitCodes.USAGE, mode.code(), mode::toString);
        assertTrue(mode.err().contains("expected one of [averaging, shared]. Received: sync"), mode::toString);
        CliRunner.Result alone = cli.run("train", "mnist-mlp", "--spark-training", "shared");
        assertEquals(ExitCodes.USAGE, alone.code(), alone::toString);
        assertTrue(alone.err().contains("'--spark-training' needs '--spark MASTER'"), alone::toString);
    }
}
