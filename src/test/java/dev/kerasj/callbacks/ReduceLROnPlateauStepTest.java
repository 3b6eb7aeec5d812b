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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ReduceLROnPlateau changes the optimizer's real learning rate inside one {@code fit}: the very next
 * update step (the next epoch's) moves the weights by the reduced rate, checked against SGD by hand.
 */
class ReduceLROnPlateauStepTest {
    private final INDArray[] data = TestModels.regression(32, 3, 8);

    /** One full-batch SGD step on MSE for Dense(1), by hand: w − lr·2/n·xᵀ(xw + b − y), b − lr·2/n·Σ(xw + b − y). */
    private List<INDArray> sgdStep(List<INDArray> w, double lr) {
        INDArray err = data[0].mmul(w.get(0)).addRowVector(w.get(1)).sub(data[1]);
        double n = data[0].size(0);
        return List.of(w.get(0).sub(data[0].transpose().mmul(err).mul(2 / n * lr)),
                w.get(1).sub(err.sum(0).reshape(1).mul(2 / n * lr)));
    }

    private static void assertClose(List<INDArray> expected, List<INDArray> actual, String what) {
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(expected.get(i).equalsWithEps(actual.get(i), 1e-6), what + " #" + i + ": " + expected.get(i)
                    + " vs " + actual.get(i));
        }
    }

    @Test
    void theEpochAfterTheReductionStepsWithTheReducedRate() {
        Sequential m = linearModel(0.1);
        List<INDArray> w0 = m.layers().get(0).getWeights();
        List<List<INDArray>> perEpoch = new ArrayList<>();
        Callback snapshot = new LambdaCallback().onEpochEnd((e, logs) -> perEpoch.add(m.layers().get(0).getWeights()));
        // val_loss 1, 1, 1 (Keras's rule): e0 improves on +inf; e1 waits 1 = patience → lr 0.1 × 0.2 = 0.02
        // for e2's step; e2 waits 1 again → 0.004 after the last step.
        ReduceLROnPlateau plateau = new ReduceLROnPlateau().factor(0.2).patience(1);
        m.fit(data[0], data[1], QUIET.epochs(3).batchSize(32).shuffle(false)
                .callbacks(snapshot, script("val_loss", 1, 1, 1), plateau));
        assertEquals(0.004, m.learningRate(), 1e-12);

        List<INDArray> w1 = sgdStep(w0, 0.1);
        assertClose(w1, perEpoch.get(0), "epoch 0 at lr 0.1");
        List<INDArray> w2 = sgdStep(perEpoch.get(0), 0.1);
        assertClose(w2, perEpoch.get(1), "epoch 1 at lr 0.1 (reduced only at its end)");
        List<INDArray> w3 = sgdStep(perEpoch.get(1), 0.02);
        assertClose(w3, perEpoch.get(2), "epoch 2 at the reduced lr 0.02");
        // The step at the old rate would have landed elsewhere: the check can tell the two rates apart.
        List<INDArray> old = sgdStep(perEpoch.get(1), 0.1);
        assertTrue(!old.get(0).equalsWithEps(perEpoch.get(2).get(0), 1e-6), "lr 0.1 and 0.02 steps differ");
    }
}
