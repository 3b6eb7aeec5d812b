package dev.kerasj.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A callback made of lambdas, as Keras's {@code LambdaCallback}: set only the hooks you need.
 *
 * <pre>{@code
 * var print = new LambdaCallback().onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")));
 * model.fit(x, y, FitOptions.defaults().epochs(3).callbacks(print));
 * }</pre>
 */
public final class LambdaCallback extends Callback {
    private Consumer<Map<String, Double>> trainBegin = logs -> { };
    private Consumer<Map<String, Double>> trainEnd = logs -> { };
    private BiConsumer<Integer, Map<String, Double>> epochBegin = (e, logs) -> { };
    private BiConsumer<Integer, Map<String, Double>> epochEnd = (e, logs) -> { };
    private BiConsumer<Integer, Map<String, Double>> batchBegin = (b, logs) -> { };
    private BiConsumer<Integer, Map<String, Double>> batchEnd = (b, logs) -> { };

    public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> f) {
        this.trainBegin = nonNull("on_train_begin", f);
        return this;
    }

    public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> f) {
        this.trainEnd = nonNull("on_train_end", f);
        return this;
    }

    public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
        this.epochBegin = nonNull("on_epoch_begin", f);
        return this;
    }

    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        this.epochEnd = nonNull("on_epoch_end", f);
        return this;
    }

    public LambdaCallback onBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        this.batchBegin = nonNull("on_batch_begin", f);
        return this;
    }

    public LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        this.batchEnd = nonNull("on_batch_end", f);
        return this;
    }

    private static <T> T nonNull(String arg, T f) {
        if (f == null) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected a function. Received: " + arg + "=null");
        }
        return f;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        trainBegin.accept(logs);
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        trainEnd.accept(logs);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochBegin.accept(epoch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochEnd.accept(epoch, logs);
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
        batchBegin.accept(batch, logs);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        batchEnd.accept(batch, logs);
    }
}
