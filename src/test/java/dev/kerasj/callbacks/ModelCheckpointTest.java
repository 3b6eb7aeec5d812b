package dev.kerasj.callbacks;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Input;
import dev.kerasj.losses.MeanSquaredError;
import dev.kerasj.optimizers.Adam;
import dev.kerasj.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.kerasj.callbacks.CallbackTesting.QUIET;
import static dev.kerasj.callbacks.CallbackTesting.linearModel;
import static dev.kerasj.callbacks.CallbackTesting.logs;
import static dev.kerasj.callbacks.CallbackTesting.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCheckpointTest {
    private final INDArray[] data = TestModels.regression(64, 3, 3);

    @TempDir
    Path dir;

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void fillsTheFileNameFieldsAsPythonFormatDoes() {
        ModelCheckpoint c = new ModelCheckpoint("ckpt/model.{epoch:02d}-{val_loss:.2f}.kerasj");
        assertEquals(Path.of("ckpt/model.03-0.41.kerasj"), c.filePath(2, logs("val_loss", 0.41234, "loss", 0.5)));
        assertEquals(Path.of("w-10-1.235e-01-{x}.kerasj"),
                new ModelCheckpoint("w-{epoch}-{loss:.3e}-{{x}}.kerasj").filePath(9, logs("loss", 0.12345)));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new ModelCheckpoint("m-{val_acc:.2f}.kerasj").filePath(0, logs("loss", 1.0)));
        assertTrue(missing.getMessage().contains("{val_acc}") && missing.getMessage().contains("loss"),
                missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.h5"));
    }

    @Test
    void savesEveryEpochByDefault() throws Exception {
        linearModel(0.01).fit(data[0], data[1], QUIET.epochs(3).callbacks(
                new ModelCheckpoint(dir.resolve("m-{epoch}.kerasj").toString())));
        assertEquals(List.of("m-1.kerasj", "m-2.kerasj", "m-3.kerasj"), files());
    }

    @Test
    void saveBestOnlyWritesOnlyImprovements() throws Exception {
        ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best-{epoch}.kerasj").toString()).saveBestOnly(true);
        linearModel(0.01).fit(data[0], data[1], QUIET.epochs(5).callbacks(script("val_loss", 0.5, 0.7, 0.4, 0.45, 0.4), best));
        // 0.5 beats +inf (epoch 1), 0.7 does not, 0.4 does (epoch 3), 0.45 and an equal 0.4 do not.
        assertEquals(List.of("best-1.kerasj", "best-3.kerasj"), files());
        assertEquals(0.4, best.best());
    }

    @Test
    void maxModeAndAccuracyNames() throws Exception {
        ModelCheckpoint acc = new ModelCheckpoint(dir.resolve("a-{epoch}.kerasj").toString()).monitor("val_acc")
                .saveBestOnly(true);
        linearModel(0.01).fit(data[0], data[1], QUIET.epochs(4).callbacks(script("val_acc", 0.5, 0.4, 0.6, 0.6), acc));
        assertEquals(List.of("a-1.kerasj", "a-3.kerasj"), files());
    }

    @Test
    void theBestFileHoldsTheBestEpochsModel() throws Exception {
        Sequential m = linearModel(0.05);
        Path file = dir.resolve("best.kerasj");
        INDArray[] atEpoch2 = new INDArray[1];
        Callback snapshot = new LambdaCallback().onEpochEnd((e, l) -> {
            if (e == 1) {
                atEpoch2[0] = m.predict(data[0]);
            }
        });
        m.fit(data[0], data[1], QUIET.epochs(4).callbacks(snapshot, script("val_loss", 0.9, 0.2, 0.5, 0.3),
                new ModelCheckpoint(file.toString()).saveBestOnly(true)));
        Model best = Model.load(file);
        assertEquals(2, best.completedEpochs());
        TestModels.assertSameBits(atEpoch2[0], best.predict(data[0]), "predictions of the best epoch");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void missingMonitorWarnsAndSkips() throws Exception {
        String err = CallbackTesting.stderrOf(() -> linearModel(0.01).fit(data[0], data[1], QUIET.epochs(1).callbacks(
                new ModelCheckpoint(dir.resolve("m.kerasj").toString()).saveBestOnly(true))));
        assertTrue(err.contains("Can save best model only with val_loss available, skipping."), err);
        assertEquals(List.of(), files());
    }

    @Test
    void weightsOnlyFilesLeaveTheOptimizerOut() throws Exception {
        Path full = dir.resolve("full.kerasj");
        Path light = dir.resolve("light.kerasj");
        Sequential m = adamModel();
        m.fit(data[0], data[1], QUIET.epochs(1).callbacks(new ModelCheckpoint(full.toString()),
                new ModelCheckpoint(light.toString()).saveWeightsOnly(true)));
        assertTrue(Files.size(light) < Files.size(full));
        TestModels.assertSameBits(m.predict(data[0]), Model.load(light).predict(data[0]), "same weights");
    }

    private static Sequential adamModel() {
        Kerasj.setRandomSeed(21);
        Sequential m = new Sequential(new Input(3), new Dense(16, "relu"), new Dropout(0.3), new Dense(1));
        m.compile(new Adam(0.01), new MeanSquaredError());
        return m;
    }

    @Test
    void fourEpochsEqualTwoPlusTwoResumedFromACheckpoint() throws Exception {
        FitOptions opts = FitOptions.defaults().verbose(0).seed(99).batchSize(8);
        Sequential straight = adamModel();
        straight.fit(data[0], data[1], opts.epochs(4));

        Sequential interrupted = adamModel();
        Path ckpt = dir.resolve("resume.kerasj");
        interrupted.fit(data[0], data[1], opts.epochs(2).callbacks(new ModelCheckpoint(ckpt.toString())));
        Model resumed = Model.load(ckpt);
        assertEquals(2, resumed.completedEpochs());
        History rest = resumed.fit(data[0], data[1], opts.epochs(4).initialEpoch(resumed.completedEpochs()));
        assertEquals(List.of(2, 3), rest.epoch());
        assertEquals(4, resumed.completedEpochs());

        for (int i = 0; i < straight.layers().size(); i++) {
            TestModels.assertSameBits(straight.layers().get(i).getWeights(), resumed.layers().get(i).getWeights(),
                    "layer " + i + " after 4 epochs vs 2 + 2");
        }
        // And the optimizer had really moved on: two more epochs of a fresh Adam give other weights.
        Sequential restarted = adamModel();
        restarted.fit(data[0], data[1], opts.epochs(2));
        restarted.compile(new Adam(0.01), new MeanSquaredError());
        restarted.fit(data[0], data[1], opts.epochs(4).initialEpoch(2));
        assertTrue(!straight.layers().get(0).getWeights().get(0).equals(restarted.layers().get(0).getWeights().get(0)));
    }
}
