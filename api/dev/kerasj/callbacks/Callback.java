package dev.kerasj.callbacks;


import java.util.Map;

/**
 * The base of training callbacks, with Keras's hooks. Every hook does nothing by default; override the
 * ones you need. {@code logs} maps metric names ({@code loss}, {@code accuracy}, {@code val_loss}…) to
 * values; hooks must not keep the map.
 *
 * <p>Callbacks reset their state in {@link #onTrainBegin}, so one instance can serve several
 * {@code fit} calls.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(5).callbacks(new Callback() {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) { System.out.println(logs); }
 * }));
 * }</pre>
 */
public abstract class Callback {
    private TrainingContext model;
    private Map<String, Object> params = Map.of();

    /** The model being trained (Keras's {@code self.model}); set by {@code fit} before {@link #onTrainBegin}. */
    public TrainingContext model() {
        return model;
    }

    /** Keras's {@code set_model}: {@code fit} calls it before {@link #onTrainBegin}. */
    public void setModel(TrainingContext model) {
        this.model = model;
    }

    /** Keras's {@code params}: {@code verbose}, {@code epochs}, {@code steps} (batches per epoch) of the current fit. */
    public Map<String, Object> params() {
        return params;
    }

    /** Keras's {@code set_params}: {@code fit} calls it before {@link #onTrainBegin}. */
    public void setParams(Map<String, Object> params) {
        this.params = Map.copyOf(params);
    }

    public void onTrainBegin(Map<String, Double> logs) {
    }

    public void onTrainEnd(Map<String, Double> logs) {
    }

    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    public void onBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onBatchEnd(int batch, Map<String, Double> logs) {
    }
}
