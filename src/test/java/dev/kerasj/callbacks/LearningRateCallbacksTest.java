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

class LearningRateCallbacksTest {
    private final INDArray[] data = TestModels.regression(32, 3, 2);

    /** The model's learning rate after each epoch (read after every other callback). */
    private static Callback recordRate(Sequential m, List<Double> sink) {
        return new LambdaCallback().onEpochEnd((e, logs) -> sink.add(m.learningRate()));
    }

    @Test
    void reduceOnPlateauLowersTheRateAfterPatienceEpochs() {
        Sequential m = linearModel(0.1);
        List<Double> lr = new ArrayList<>();
        ReduceLROnPlateau plateau = new ReduceLROnPlateau().factor(0.5).patience(2);
        History h = m.fit(data[0], data[1], QUIET.epochs(5).callbacks(script("val_loss", 1, 1, 1, 1, 1), plateau,
                recordRate(m, lr)));
        // e0 improves on +inf; e1, e2 wait 1, 2 → ×0.5 at e2; e3, e4 wait 1, 2 → ×0.5 at e4.
        assertList(List.of(0.1, 0.1, 0.05, 0.05, 0.025), lr);
        // learning_rate is logged before the reduction, so History shows the rate each epoch trained with.
        assertList(List.of(0.1, 0.1, 0.1, 0.05, 0.05), h.history().get("learning_rate"));
    }

    @Test
    void minDeltaCooldownAndMinLr() {
        Sequential m = linearModel(0.1);
        List<Double> lr = new ArrayList<>();
        // Improvements smaller than min_delta (1e-4 by default) do not count: every value here is within 1e-4 of 1.0, a plateau.
        ReduceLROnPlateau plateau = new ReduceLROnPlateau().factor(0.5).patience(1).cooldown(2).minLr(0.03);
        m.fit(data[0], data[1], QUIET.epochs(6).callbacks(script("val_loss", 1.0, 0.99999, 0.99998, 0.99997, 0.99996, 0.99995),
                plateau, recordRate(m, lr)));
        // e1 reduces to 0.05 and starts a cooldown of 2 (e2, e3 are quiet); e3 ends the cooldown and counts,
        // e3 reduces to max(0.025, 0.03) = 0.03; afterwards the rate stays at min_lr.
        assertList(List.of(0.1, 0.05, 0.05, 0.03, 0.03, 0.03), lr);
    }

    @Test
    void theReducedRateDrivesTheNextUpdateStep() {
        Sequential m = linearModel(0.1);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau().factor(0.2).patience(1);
        m.fit(data[0], data[1], QUIET.epochs(2).callbacks(script("val_loss", 1, 1), plateau));
        assertEquals(0.02, m.learningRate(), 1e-9);

        // One full-batch SGD step by hand: w' = w - lr * 2/n xᵀ(xw + b - y), b' = b - lr * 2/n Σ(xw + b - y).
        List<INDArray> w = m.layers().get(0).getWeights();
        INDArray err = data[0].mmul(w.get(0)).addRowVector(w.get(1)).sub(data[1]);
        double n = data[0].size(0);
        INDArray expectedW = w.get(0).sub(data[0].transpose().mmul(err).mul(2 / n * 0.02));
        INDArray expectedB = w.get(1).sub(err.sum(0).reshape(1).mul(2 / n * 0.02));
        m.fit(data[0], data[1], QUIET.epochs(1).batchSize(32).shuffle(false));
        List<INDArray> after = m.layers().get(0).getWeights();
        assertTrue(expectedW.equalsWithEps(after.get(0), 1e-6), expectedW + " vs " + after.get(0));
        assertTrue(expectedB.equalsWithEps(after.get(1), 1e-6), expectedB + " vs " + after.get(1));
    }

    @Test
    void reduceOnPlateauWarnsWhenTheMonitorIsMissing() {
        String err = CallbackTesting.stderrOf(() -> linearModel(0.1).fit(data[0], data[1],
                QUIET.epochs(1).callbacks(new ReduceLROnPlateau())));
        assertTrue(err.contains("Learning rate reduction is conditioned on metric `val_loss` which is not available. "
                + "Available metrics are: loss,learning_rate"), err);
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
    }

    @Test
    void schedulerSetsTheRateAtEachEpochStart() {
        Sequential m = linearModel(0.1);
        List<Double> lr = new ArrayList<>();
        LearningRateScheduler halve = new LearningRateScheduler((epoch, current) -> epoch == 0 ? current : current / 2);
        History h = m.fit(data[0], data[1], QUIET.epochs(4).callbacks(halve, recordRate(m, lr)));
        assertList(List.of(0.1, 0.05, 0.025, 0.0125), lr);
        assertList(List.of(0.1, 0.05, 0.025, 0.0125), h.history().get("learning_rate"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> m.fit(data[0], data[1],
                QUIET.epochs(1).callbacks(new LearningRateScheduler((e, c) -> -1))));
        assertTrue(bad.getMessage().contains("positive"), bad.getMessage());
    }

    private static void assertList(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-9, "at " + i + ": " + actual);
        }
    }
}
