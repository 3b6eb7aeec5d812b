package dev.kerasj.callbacks;

import dev.kerasj.Sequential;
import dev.kerasj.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static dev.kerasj.callbacks.CallbackTesting.QUIET;
import static dev.kerasj.callbacks.CallbackTesting.linearModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminateOnNaNTest {
    @Test
    void stopsAfterTheFirstBatchWithAnInvalidLoss() {
        // SGD with learning rate 100 on MSE diverges: |w| grows ×~(2·lr·E[x²]) per step until float overflows.
        INDArray[] d = TestModels.regression(64, 3, 6);
        INDArray x = d[0].mul(10);
        List<Double> losses = new ArrayList<>();
        Callback record = new LambdaCallback().onBatchEnd((b, logs) -> losses.add(logs.get("loss")));
        Sequential m = linearModel(100);
        History h = m.fit(x, d[1], QUIET.epochs(50).batchSize(4).callbacks(record, new TerminateOnNaN()));

        int firstBad = -1;
        for (int i = 0; i < losses.size() && firstBad < 0; i++) {
            if (losses.get(i).isNaN() || losses.get(i).isInfinite()) {
                firstBad = i;
            }
        }
        assertTrue(firstBad >= 0, "the model diverged: " + losses);
        assertEquals(firstBad + 1, losses.size(), "no batch ran after the invalid loss");
        assertTrue(h.epoch().size() < 50);
        double last = h.history().get("loss").get(h.epoch().size() - 1);
        assertTrue(Double.isNaN(last) || Double.isInfinite(last));
    }

    @Test
    void aHealthyRunIsNotStopped() {
        INDArray[] d = TestModels.regression(32, 3, 7);
        History h = linearModel(0.01).fit(d[0], d[1], QUIET.epochs(3).callbacks(new TerminateOnNaN()));
        assertEquals(3, h.epoch().size());
        assertFalse(h.history().get("loss").stream().anyMatch(v -> v.isNaN() || v.isInfinite()));
    }
}
