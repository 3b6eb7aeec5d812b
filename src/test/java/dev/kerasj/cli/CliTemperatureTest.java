package dev.kerasj.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code temperature-lstm} on a synthetic daily weather.csv: figures, baseline arithmetic, Jena missing. */
class CliTemperatureTest {
    @TempDir
    static Path dir;
    static CliRunner cli;

    @BeforeAll
    static void setUp() throws Exception {
        cli = new CliRunner(dir);
    }

    /**
     * "Tomorrow equals today" over the test windows, from the recipe's definition: 120 days, train 60,
     * validation 30; 14-day windows over data[:-14] start at days 90 … 120−14−14 = 92, and window s
     * predicts day s+14 as day s+13.
     */
    static double expectedBaseline(String location) {
        int n = CliRunner.DAYS;
        int start = n / 2 + n / 4;
        int windows = (n - 14) - start - 13;
        double sum = 0;
        for (int s = start; s < start + windows; s++) {
            sum += Math.abs(CliRunner.tempMax(location, s + 14) - CliRunner.tempMax(location, s + 13));
        }
        return sum / windows;
    }

    @Test
    void seattleRunPrintsBaselineValidationAndTestFigures() {
        CliRunner.Result r = cli.run("train", "temperature-lstm", "--dataset", "seattle", "--epochs", "2", "--seed", "3",
                "--output", dir.resolve("t.kerasj").toString());
        assertEquals(0, r.code(), r::toString);
        Map<String, Double> f = CliTrainTest.figures(r.out());
        assertEquals(List.of("baseline_mae", "val_loss", "val_mae", "test_loss", "test_mae"), List.copyOf(f.keySet()),
                r::toString);
        assertEquals(expectedBaseline("Seattle"), f.get("baseline_mae"), 5e-5);
        assertTrue(r.out().contains("epochs=2, batch_size=32"), "the daily series' defaults, epochs overridden:\n" + r);

        // evaluate finds the recipe and its dataset in the model's name
        CliRunner.Result e = cli.run("evaluate", "--model", dir.resolve("t.kerasj").toString());
        assertEquals(0, e.code(), e::toString);
        assertEquals(f.get("test_mae"), CliTrainTest.figures(e.out()).get("test_mae"), 1e-4);
    }

    @Test
    void newYorkHasItsOwnBaseline() {
        CliRunner.Result r = cli.run("train", "temperature-lstm", "--dataset", "seattle", "--location", "New York",
                "--epochs", "1", "--output", dir.resolve("ny.kerasj").toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(expectedBaseline("New York"), CliTrainTest.figures(r.out()).get("baseline_mae"), 5e-5);
    }

    @Test
    void jenaMissingExitsThreeWithTheFetchCommand() {
        CliRunner.Result r = cli.run("train", "temperature-lstm");
        assertEquals(ExitCodes.DATA_NOT_FOUND, r.code(), r::toString);
        assertTrue(r.err().contains("scripts/fetch-datasets jena-climate"), r::toString);
    }

    @Test
    void locationNeedsTheDailySeries() {
        CliRunner.Result r = cli.run("train", "temperature-lstm", "--location", "New York");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("--dataset seattle"), r::toString);
    }

    @Test
    void helpShowsBothDatasetsDefaults() {
        String help = cli.run("train", "temperature-lstm", "--help").out().replaceAll("\\s+", " ");
        // the Keras book (Jena): 10 epochs, batch 256; the daily reference run: 40 epochs, batch 32
        assertTrue(help.contains("Number of epochs. Default: 10 (40 with --dataset seattle)."), help);
        assertTrue(help.contains("Samples per gradient step. Default: 256 (32 with --dataset seattle)."), help);
    }
}
