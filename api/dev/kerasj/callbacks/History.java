package dev.kerasj.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of a {@code fit} call: one value per epoch for the loss, each metric, and their
 * {@code val_} counterparts, in Keras's key order ({@code loss}, metrics, {@code val_loss}, val metrics).
 *
 * <pre>{@code
 * History h = model.fit(x, y, 10, 128);
 * List<Double> losses = h.history().get("loss");
 * }</pre>
 */
public final class History extends Callback {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        // Keras keeps the History object per fit call; a fresh fit starts a fresh record.
        history.clear();
        epochs.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** Metric name → one value per epoch; read-only. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return Collections.unmodifiableMap(copy);
    }

    /** The epoch indices that ran (0-based, as Keras's {@code history.epoch}). */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(new ArrayList<>(epochs));
    }

    @Override
    public String toString() {
        return "History" + history;
    }
}
