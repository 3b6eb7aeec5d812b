package dev.kerasj.cli;

import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands that end before any training: help, version, bad usage, missing data, bad model files. */
class CliUsageTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir);
    }

    private static void assertNoStackTrace(CliRunner.Result r) {
        assertFalse(r.err().contains("\tat "), () -> "stack trace printed without --verbose:\n" + r);
        assertFalse(r.out().contains("\tat "), () -> "stack trace printed without --verbose:\n" + r);
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        CliRunner.Result r = cli.run("--help");
        assertEquals(0, r.code(), r::toString);
        for (String c : new String[] {"train", "summary", "evaluate", "predict", "explain", "datasets", "backend"}) {
            assertTrue(r.out().contains("  " + c + " "), () -> c + " missing from\n" + r);
        }
    }

    @Test
    void versionNamesTheLibraryVersion() {
        CliRunner.Result r = cli.run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("kerasj " + Kerasj.VERSION), r::toString);
    }

    @Test
    void recipeHelpShowsTheCourseDefaults() {
        // seed 002: 10 epochs, batch 128, rmsprop (Keras default learning rate 0.001)
        CliRunner.Result r = cli.run("train", "mnist-mlp", "--help");
        assertEquals(0, r.code(), r::toString);
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--epochs=N Number of epochs. Default: 10."), help);
        assertTrue(help.contains("--batch-size=N Samples per gradient step. Default: 128."), help);
        assertTrue(help.contains("Default: rmsprop."), help);
        assertTrue(help.contains("--learning-rate=X Learning rate. Default: 0.001."), help);
        assertTrue(help.contains("One of: mnist, fashion-mnist. Default: mnist."), help);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"train", "--help"}, {"summary", "--help"}, {"evaluate", "--help"},
            {"predict", "--help"}, {"explain", "--help"}, {"datasets", "--help"}, {"datasets", "fetch", "--help"}, {"backend", "--help"}}) {
            CliRunner.Result r = cli.run(args);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().startsWith("Usage: kerasj " + args[0]), r::toString);
        }
        assertTrue(cli.run("evaluate", "--help").out().contains("Default: 32."), "evaluate's batch size is Keras's 32");
    }

    @Test
    void unknownRecipeIsBadUsageListingTheRecipes() {
        CliRunner.Result r = cli.run("train", "mnist-xyz", "--epochs", "3");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("Unknown recipe: 'mnist-xyz'. Known recipes are: mnist-mlp"), r::toString);
        assertNoStackTrace(r);
        assertEquals(ExitCodes.USAGE, cli.run("summary", "nope").code());
        CliRunner.Result missing = cli.run("train");
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("Missing recipe"), missing::toString);
    }

    @Test
    void unknownCommandIsBadUsage() {
        CliRunner.Result r = cli.run("trian");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("trian"), r::toString);
    }

    @Test
    void badNumbersAreBadUsageWithOneClearLine() {
        String[][] cases = {
            {"--epochs", "abc", "'abc' is not an int"},
            {"--epochs", "0", "expected a positive integer. Received: epochs=0"},
            {"--batch-size", "-5", "Received: batch_size=-5"},
            {"--learning-rate", "-0.1", "learning_rate"},
            {"--learning-rate", "fast", "'fast' is not a double"},
            {"--validation-split", "1.5", "validation_split"},
            {"--optimizer", "adamw2", "Valid names are: "},
            {"--dataset", "cifar", "expected one of mnist, fashion-mnist"},
        };
        for (String[] c : cases) {
            CliRunner.Result r = cli.run("train", "mnist-mlp", c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.code(), () -> String.join(" ", c) + "\n" + r);
            assertTrue(r.err().startsWith("Error: "), r::toString);
            assertTrue(r.err().contains(c[2]), () -> "expected '" + c[2] + "' in\n" + r);
            assertNoStackTrace(r);
        }
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CliRunner.Result r = cli.run("train", "mnist-mlp", "--epochs", "0", "--verbose");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("\tat "), r::toString);
    }

    /** Runs {@code args} in a context whose dataset locator throws {@code error} when a command asks for it. */
    private static CliRunner.Result runFailing(Error error, String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = Main.execute(new CliContext(o, e, () -> {
            throw error;
        }), args);
        return new CliRunner.Result(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void outOfMemoryIsOneLineWithTheRemedy() {
        // was: the JVM's "Exception in thread main java.lang.OutOfMemoryError" and a full stack trace
        CliRunner.Result r = runFailing(new OutOfMemoryError("Java heap space"), "datasets", "list");
        assertEquals(ExitCodes.SOFTWARE, r.code(), r::toString);
        assertEquals("Error: out of memory (Java heap space): give Java a larger heap, e.g. KERASJ_JAVA_OPTS=-Xmx8g "
                + "bin/kerasj ... (or java -Xmx8g -jar kerasj.jar ...), or use a smaller --batch-size.\n", r.err());
        assertNoStackTrace(r);

        CliRunner.Result offHeap = runFailing(new OutOfMemoryError("Physical memory usage is too high: physicalBytes "
                + "(9G) > maxPhysicalBytes (8G)"), "datasets", "list");
        assertEquals(ExitCodes.SOFTWARE, offHeap.code(), offHeap::toString);
        assertTrue(offHeap.err().contains("-Dorg.bytedeco.javacpp.maxbytes="), offHeap::toString);
        assertEquals(1, offHeap.err().lines().count(), offHeap::toString);

        CliRunner.Result verbose = runFailing(new OutOfMemoryError("Java heap space"), "datasets", "list", "--verbose");
        assertTrue(verbose.err().contains("\tat "), "--verbose still shows where:\n" + verbose);
    }

    @Test
    void plotMustBeAPng() {
        CliRunner.Result r = cli.run("train", "mnist-mlp", "--plot", dir.resolve("curves.jpg").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("expected a .png file name"), r::toString);
    }

    @Test
    void missingDataExitsThreeWithTheFetchCommand() {
        CliRunner.Result r = cli.run("train", "fashion-mnist-mlp", "--epochs", "1");
        assertEquals(ExitCodes.DATA_NOT_FOUND, r.code(), r::toString);
        assertTrue(r.err().contains("scripts/fetch-datasets fashion-mnist"), r::toString);
        assertEquals(1, r.err().lines().count(), () -> "one error line: " + r);
        assertNoStackTrace(r);
        assertFalse(Files.exists(cli.home().resolve("models")), "nothing saved when the data is missing");
    }

    @Test
    void corruptedModelFileExitsFour() throws Exception {
        Path bad = dir.resolve("bad.kerasj");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        for (String[] args : new String[][] {{"evaluate", "--model", bad.toString()},
            {"predict", "--model", bad.toString(), "--input", bad.toString()}}) {
            CliRunner.Result r = cli.run(args);
            assertEquals(ExitCodes.BAD_MODEL_FILE, r.code(), r::toString);
            assertTrue(r.err().contains("Cannot load model file " + bad), r::toString);
            assertNoStackTrace(r);
        }
    }

    @Test
    void truncatedModelFileExitsFour() throws Exception {
        Sequential m = new Sequential(new Input(3), new Dense(2));
        Path good = dir.resolve("good.kerasj");
        m.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.kerasj");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRunner.Result r = cli.run("evaluate", "--model", cut.toString());
        assertEquals(ExitCodes.BAD_MODEL_FILE, r.code(), r::toString);
        assertNoStackTrace(r);
    }

    @Test
    void missingModelFileExitsFour() {
        CliRunner.Result r = cli.run("evaluate", "--model", dir.resolve("none.kerasj").toString());
        assertEquals(ExitCodes.BAD_MODEL_FILE, r.code(), r::toString);
        assertTrue(r.err().contains("No model file at"), r::toString);
    }

    @Test
    void evaluateNeedsARecipeForAModelItCannotPlace() throws Exception {
        Sequential m = new Sequential(new Input(784), new Dense(10, "softmax"));
        m.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        Path file = dir.resolve("plain.kerasj");
        m.save(file);
        CliRunner.Result r = cli.run("evaluate", "--model", file.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("pass --recipe"), r::toString);
        // With the recipe named, its (synthetic) test data is used: 10 classes, accuracy in [0, 1].
        CliRunner.Result ok = cli.run("evaluate", "--model", file.toString(), "--recipe", "mnist-mlp");
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().contains("test_accuracy: "), ok::toString);
    }

    @Test
    void summaryPrintsKerasParameterCounts() {
        CliRunner.Result r = cli.run("summary", "mnist-mlp");
        assertEquals(0, r.code(), r::toString);
        // 784·784+784 = 615,440; 784·16+16 = 12,560; 16·16+16 = 272; 16·10+10 = 170
        for (String n : new String[] {"615,440", "12,560", "272", "170", "Total params: 628,442"}) {
            assertTrue(r.out().contains(n), () -> n + " missing:\n" + r);
        }
        assertTrue(r.out().startsWith("Model: \"mnist-mlp\""), r::toString);
    }

    @Test
    void summaryOfTheConvnetsMatchesKeras() {
        // seed 003 (DESIGN.md): Conv2D(32,(5,5)) 832, Dense(10) 46,090, total 46,922
        CliRunner.Result r = cli.run("summary", "mnist-cnn");
        assertEquals(0, r.code(), r::toString);
        for (String n : new String[] {"(None, 24, 24, 32)", "832", "(None, 12, 12, 32)", "(None, 4608)", "46,090",
            "Total params: 46,922"}) {
            assertTrue(r.out().contains(n), () -> n + " missing:\n" + r);
        }
        // The Keras book's convnet (Deep Learning with Python, 2nd ed., 8.1): 104,202 parameters.
        CliRunner.Result deeper = cli.run("summary", "mnist-cnn", "--deeper");
        assertEquals(0, deeper.code(), deeper::toString);
        assertTrue(deeper.out().contains("Total params: 104,202"), deeper::toString);
        assertTrue(deeper.out().startsWith("Model: \"mnist-cnn[deeper=true]\""), deeper::toString);
    }

    @Test
    void datasetsListAndFetch() {
        CliRunner.Result list = cli.run("datasets", "list");
        assertEquals(0, list.code(), list::toString);
        assertTrue(list.out().contains("mnist/train-images-idx3-ubyte"), list::toString);
        assertTrue(list.out().contains("missing"), "fashion-mnist is nowhere:\n" + list);

        CliRunner.Result fetch = cli.run("datasets", "fetch", "mnist");
        assertEquals(0, fetch.code(), fetch::toString);
        assertTrue(Files.exists(cli.home().resolve("datasets/mnist/t10k-labels-idx1-ubyte")), fetch::toString);

        CliRunner.Result unknown = cli.run("datasets", "fetch", "cifar10");
        assertEquals(ExitCodes.USAGE, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("Known datasets are: mnist, fashion-mnist"), unknown::toString);

        CliRunner.Result absent = cli.run("datasets", "fetch", "fashion-mnist");
        assertEquals(ExitCodes.DATA_NOT_FOUND, absent.code(), absent::toString);
        assertTrue(absent.err().contains("scripts/fetch-datasets fashion-mnist"), absent::toString);
    }

    @Test
    void backendNamesTheNd4jBackend() {
        CliRunner.Result r = cli.run("backend");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("CpuBackend"), "the test class path has only nd4j-native:\n" + r);
    }
}
