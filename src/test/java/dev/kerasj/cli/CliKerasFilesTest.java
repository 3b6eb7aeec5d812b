package dev.kerasj.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keras's files through the command line: {@code summary}, {@code predict} and {@code convert} take a real
 * Keras 2.3.1 {@code .h5} (Dense(3) on 4 features, softmax: 4·3 + 3 = 15 parameters), and its conversion to
 * {@code .keras} predicts the same lines.
 */
class CliKerasFilesTest {
    private static final Path H5 = Path.of("src/test/resources/keras-files/dl4j-test-resources/examples/simple_sparse_xent/"
            + "simple_sparse_xent_mlp_keras_2_model.h5");

    @TempDir
    Path dir;

    @Test
    void summaryPredictAndConvertTakeKerasFiles() throws Exception {
        assumeTrue(Files.exists(H5), "the Keras fixture is missing");
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result summary = cli.run("summary", "--model", H5.toString());
        assertEquals(0, summary.code(), summary::toString);
        assertTrue(summary.out().contains("dense_1") && summary.out().contains("activation_1"), summary::toString);
        assertTrue(summary.out().replace(",", "").contains("Total params: 15"), summary::toString);

        Path input = dir.resolve("x.csv");
        Files.writeString(input, "0.5,-1,2,0.25\n-2,0,1,1\n");
        CliRunner.Result fromH5 = cli.run("predict", "--model", H5.toString(), "--input", input.toString());
        assertEquals(0, fromH5.code(), fromH5::toString);

        Path keras = dir.resolve("converted.keras");
        CliRunner.Result convert = cli.run("convert", H5.toString(), keras.toString());
        assertEquals(0, convert.code(), convert::toString);
        assertTrue(Files.exists(keras));
        CliRunner.Result fromKeras = cli.run("predict", "--model", keras.toString(), "--input", input.toString());
        assertEquals(fromH5.out(), fromKeras.out());

        Path kerasj = dir.resolve("converted.kerasj");
        assertEquals(0, cli.run("convert", keras.toString(), kerasj.toString()).code());
        assertEquals(fromH5.out(), cli.run("predict", "--model", kerasj.toString(), "--input", input.toString()).out());
    }

    @Test
    void convertRefusesToWriteLegacyH5AndReportsBadInput() throws Exception {
        assumeTrue(Files.exists(H5), "the Keras fixture is missing");
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result toH5 = cli.run("convert", H5.toString(), dir.resolve("out.h5").toString());
        assertEquals(ExitCodes.USAGE, toH5.code(), toH5::toString);
        assertTrue(toH5.err().contains(".keras"), toH5::toString);
        Path junk = dir.resolve("junk.h5");
        Files.writeString(junk, "not a model");
        CliRunner.Result bad = cli.run("convert", junk.toString(), dir.resolve("out.keras").toString());
        assertEquals(ExitCodes.BAD_MODEL_FILE, bad.code(), bad::toString);
        assertEquals(1, bad.err().lines().count(), bad::toString);
        assertTrue(!Files.exists(dir.resolve("out.keras")));
    }
}
