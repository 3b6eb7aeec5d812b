package dev.kerasj.callbacks;

import java.util.Map;

/**
 * Stops training as soon as a batch's running loss is NaN or infinite, as Keras's {@code TerminateOnNaN}:
 * prints {@code Batch 3: Invalid loss, terminating training} and sets {@code model.stopTraining(true)}, so
 * {@code fit} ends after that batch (the epoch's logs and callbacks still run).
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(10).callbacks(new TerminateOnNaN()));
 * }</pre>
 */
public final class TerminateOnNaN extends Callback {
    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            System.out.println("Batch " + batch + ": Invalid loss, terminating training");
            model().stopTraining(true);
        }
    }
}
