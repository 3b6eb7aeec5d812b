package dev.kerasj.callbacks;

import dev.kerasj.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.kerasj.callbacks.CallbackTesting.QUIET;
import static dev.kerasj.callbacks.CallbackTesting.linearModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallbackOrderTest {
    private final INDArray[] data = TestModels.regression(40, 3, 8);

    @Test
    void hooksRunInKerasOrderWithParams() {
        List<String> calls = new ArrayList<>();
        Callback trace = new Callback() {
            @Override
            public void onTrainBegin(java.util.Map<String, Double> logs) {
                calls.add("train_begin " + params().get("epochs") + " " + params().get("steps"));
            }

            @Override
            public void onEpochBegin(int epoch, java.util.Map<String, Double> logs) {
                calls.add("epoch_begin " + epoch);
            }

            @Override
            public void onBatchEnd(int batch, java.util.Map<String, Double> logs) {
                calls.add("batch_end " + batch);
            }

            @Override
            public void onEpochEnd(int epoch, java.util.Map<String, Double> logs) {
                calls.add("epoch_end " + epoch + " " + logs.keySet());
            }

            @Override
            public void onTrainEnd(java.util.Map<String, Double> logs) {
                calls.add("train_end");
            }
        };
        // 40 samples, validation 0.25 → 30 for training, batch 16 → 2 steps per epoch.
        linearModel(0.01).fit(data[0], data[1], QUIET.epochs(3).initialEpoch(1).validationSplit(0.25).callbacks(trace));
        assertEquals(List.of("train_begin 3 2", "epoch_begin 1", "batch_end 0", "batch_end 1",
                "epoch_end 1 [loss, val_loss]", "epoch_begin 2", "batch_end 0", "batch_end 1",
                "epoch_end 2 [loss, val_loss]", "train_end"), calls);
    }

    @Test
    void historyAndTheProgressBarSeeWhatCallbacksLogged() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        History h = linearModel(0.01).fit(data[0], data[1], QUIET.epochs(2).verbose(2)
                .out(new PrintStream(buf, true, StandardCharsets.UTF_8))
                .callbacks(new LearningRateScheduler((e, lr) -> 0.5 / (e + 1))));
        assertEquals(List.of(0.5, 0.25), h.history().get("learning_rate"));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Epoch 1/2") && out.contains("Epoch 2/2"), out);
        assertTrue(out.contains("learning_rate: 0.5000") && out.contains("learning_rate: 0.2500"), out);
        assertTrue(out.contains("3/3 - "), out);
    }
}
