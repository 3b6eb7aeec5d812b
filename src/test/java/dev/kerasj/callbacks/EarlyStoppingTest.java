package dev.kerasj.callbacks;

import dev.kerasj.Sequential;
import dev.kerasj.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static dev.kerasj.callbacks.CallbackTesting.QUIET;
import static dev.kerasj.callbacks.CallbackTesting.linearModel;
import static dev.kerasj.callbacks.CallbackTesting.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppingTest {
    private final INDArray[] data = TestModels.regression(64, 3, 1);

    private History run(Sequential m, int epochs, Callback... callbacks) {
        return m.fit(data[0], data[1], QUIET.epochs(epochs).callbacks(callbacks));
    }

    @Test
    void stopsWhenPatienceRunsOut() {
        // Keras: best 1.0 (e0), 0.8 (e1); 0.9 → wait 1; 0.85 → wait 2 = patience → stop after epoch 3.
        EarlyStopping stop = new EarlyStopping().patience(2);
        History h = run(linearModel(0.01), 10, script("val_loss", 1.0, 0.8, 0.9, 0.85, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2), stop);
        assertEquals(List.of(0, 1, 2, 3), h.epoch());
        assertEquals(3, stop.stoppedEpoch());
        assertEquals(1, stop.bestEpoch());
        assertEquals(0.8, stop.best());
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovement() {
        EarlyStopping stop = new EarlyStopping();
        History h = run(linearModel(0.01), 10, script("val_loss", 1.0, 0.9, 0.95, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.01), stop);
        assertEquals(3, h.epoch().size());
    }

    @Test
    void minDeltaDecidesWhatCountsAsAnImprovement() {
        // 0.95 is not 0.1 below 1.0: no improvement, patience 1 → stop at epoch 1.
        EarlyStopping stop = new EarlyStopping().patience(1).minDelta(0.1);
        History h = run(linearModel(0.01), 5, script("val_loss", 1.0, 0.95, 0.91, 0.5, 0.4), stop);
        assertEquals(2, h.epoch().size());
        // Without min_delta the same sequence improves every epoch.
        History all = run(linearModel(0.01), 5, script("val_loss", 1.0, 0.95, 0.91, 0.5, 0.4),
                new EarlyStopping().patience(1));
        assertEquals(5, all.epoch().size());
    }

    @Test
    void maxModeAndAutoModeForAccuracy() {
        // val_accuracy with an accuracy metric compiled → maximised; 0.5, 0.6, 0.55 → stop at epoch 2.
        Sequential m = linearModel(0.01);
        m.compile(new dev.kerasj.optimizers.SGD(0.01), new dev.kerasj.losses.MeanSquaredError(),
                new dev.kerasj.metrics.BinaryAccuracy());
        EarlyStopping stop = new EarlyStopping().monitor("val_binary_accuracy");
        History h = m.fit(data[0], data[1], QUIET.epochs(6).callbacks(
                script("val_binary_accuracy", 0.5, 0.6, 0.55, 0.7, 0.8, 0.9), stop));
        assertEquals(3, h.epoch().size());
        History h2 = run(linearModel(0.01), 6, script("score", 0.5, 0.6, 0.55, 0.7, 0.8, 0.9),
                new EarlyStopping().monitor("score").mode("max"));
        assertEquals(3, h2.epoch().size());
    }

    @Test
    void baselineMustBeBeatenForTheWaitToReset() {
        // Keras: with baseline 0.5 the wait grows while the values stay above it, so the first epoch
        // without improvement (e2, wait 3 ≥ 2) stops; without a baseline the wait is 1 there.
        History h = run(linearModel(0.01), 5, script("val_loss", 1.0, 0.9, 0.95, 0.8, 0.7),
                new EarlyStopping().patience(2).baseline(0.5));
        assertEquals(3, h.epoch().size());
        History free = run(linearModel(0.01), 5, script("val_loss", 1.0, 0.9, 0.95, 0.8, 0.7),
                new EarlyStopping().patience(2));
        assertEquals(5, free.epoch().size());
    }

    @Test
    void startFromEpochIgnoresTheWarmUp() {
        History h = run(linearModel(0.01), 6, script("val_loss", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0),
                new EarlyStopping().startFromEpoch(3));
        // Watching starts at epoch 3 (4.0 is the first best); 5.0 at epoch 4 stops.
        assertEquals(5, h.epoch().size());
    }

    @Test
    void restoresTheWeightsOfTheBestEpoch() {
        Sequential m = linearModel(0.05);
        List<List<INDArray>> perEpoch = new ArrayList<>();
        Callback snapshot = new LambdaCallback().onEpochEnd((e, logs) -> perEpoch.add(m.layers().get(0).getWeights()));
        EarlyStopping stop = new EarlyStopping().patience(2).restoreBestWeights(true);
        History h = run(m, 10, snapshot, script("val_loss", 3.0, 1.0, 2.0, 2.5, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1), stop);
        assertEquals(4, h.epoch().size());
        // Epoch 1 had the lowest val_loss among those that ran; the weights differ per epoch (SGD trains).
        TestModels.assertSameBits(perEpoch.get(1), m.layers().get(0).getWeights(), "restored weights");
        assertTrue(!perEpoch.get(1).get(0).equals(perEpoch.get(3).get(0)), "the epochs' weights differ");
    }

    @Test
    void oneInstanceServesTwoFitCalls() {
        EarlyStopping stop = new EarlyStopping().patience(1);
        Sequential m = linearModel(0.01);
        History first = run(m, 6, script("val_loss", 1.0, 0.5, 0.6, 0.7, 0.8, 0.9), stop);
        History second = run(m, 6, script("val_loss", 1.0, 0.5, 0.6, 0.7, 0.8, 0.9), stop);
        assertEquals(3, first.epoch().size());
        assertEquals(3, second.epoch().size(), "state reset at onTrainBegin (best 0.5 from the first fit forgotten)");
    }

    @Test
    void missingMonitorWarnsWithTheAvailableMetricsAndTrainsOn() {
        String err = CallbackTesting.stderrOf(() -> {
            History h = run(linearModel(0.01), 3, new EarlyStopping());
            assertEquals(3, h.epoch().size());
        });
        assertTrue(err.contains("Early stopping conditioned on metric `val_loss` which is not available. Available metrics "
                + "are: loss"), err);
    }

    @Test
    void rejectsBadArgumentsAndUndecidableModes() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().patience(-1));
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().mode("up"));
        assertTrue(mode.getMessage().contains("Received: mode=up"));
        IllegalArgumentException auto = assertThrows(IllegalArgumentException.class,
                () -> run(linearModel(0.01), 2, script("score", 1, 2), new EarlyStopping().monitor("score")));
        assertTrue(auto.getMessage().contains("mode(\"max\")"), auto.getMessage());
    }
}
