package dev.kerasj.internal;

import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.callbacks.Callback;
import dev.kerasj.callbacks.History;
import dev.kerasj.losses.Loss;
import dev.kerasj.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop behind {@code fit}, {@code evaluate} and {@code predict}, over arrays already
 * checked against the model. Reads like Keras's: for each epoch, shuffle, step through the batches
 * (loss and metrics accumulated over the whole epoch), validate, tell the callbacks.
 */
public final class Trainer {
    private final Model model;
    private final NetworkRuntime runtime;
    private final Loss loss;
    private final List<Metric> metrics;

    public Trainer(Model model, NetworkRuntime runtime, Loss loss, List<Metric> metrics) {
        this.model = model;
        this.runtime = runtime;
        this.loss = loss;
        this.metrics = List.copyOf(metrics);
    }

    /** Trains on (x, y), validating on (xVal, yVal) when given. Arrays are float32 and c-ordered. */
    public History fit(INDArray x, INDArray y, INDArray xVal, INDArray yVal, FitOptions o) {
        return fit(x, y, null, xVal, yVal, o);
    }

    /** A stream of training batches (x, y), restarted each epoch; {@code steps()} is −1 when unknown. */
    public interface BatchSource {
        java.util.Iterator<INDArray[]> epoch();

        int steps();
    }

    /** Trains on batches from {@code source} (e.g. a DataSetIterator), validating on (xVal, yVal) when given. */
    public History fit(BatchSource source, INDArray xVal, INDArray yVal, FitOptions o) {
        return fit(null, null, source, xVal, yVal, o);
    }

    private History fit(INDArray x, INDArray y, BatchSource source, INDArray xVal, INDArray yVal, FitOptions o) {
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(history);
        callbacks.addAll(o.callbacks());
        callbacks.forEach(c -> c.setModel(model));

        SplittableRandom rng = o.seed() != null ? new SplittableRandom(o.seed()) : KerasRandom.split();
        runtime.setSeed(rng.nextLong());
        int n = x == null ? 0 : (int) x.size(0);
        int steps = source != null ? source.steps() : (n + o.batchSize() - 1) / o.batchSize();
        boolean dynamic = Progbar.isTerminal();

        model.stopTraining(false);
        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(Map.of()));
        for (int epoch = o.initialEpoch(); epoch < o.epochs(); epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, Map.of());
            }
            Progbar bar = new Progbar(o.out(), o.verbose(), steps, dynamic);
            bar.epochHeader(epoch, o.epochs());
            int[] order = o.shuffle() ? permutation(n, rng) : null;
            logs = trainEpoch(source == null ? arrayBatches(x, y, o.batchSize(), order) : source.epoch(), callbacks, bar);
            if (xVal != null) {
                Map<String, Double> val = evaluate(xVal, yVal, o.batchSize());
                for (Map.Entry<String, Double> e : val.entrySet()) {
                    logs.put("val_" + e.getKey(), e.getValue());
                }
            }
            bar.finish(logs);
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, logs);
            }
            if (model.stopTraining()) {
                break;
            }
        }
        Map<String, Double> last = logs;
        callbacks.forEach(c -> c.onTrainEnd(last));
        return history;
    }

    private Map<String, Double> trainEpoch(java.util.Iterator<INDArray[]> batches, List<Callback> callbacks, Progbar bar) {
        metrics.forEach(Metric::resetState);
        double lossSum = 0;
        long seen = 0;
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int step = 0; batches.hasNext(); step++) {
            INDArray[] batch = batches.next();
            for (Callback c : callbacks) {
                c.onBatchBegin(step, logs);
            }
            final INDArray labels = batch[1];
            long size = batch[0].size(0);
            double batchLoss = runtime.fitBatch(new INDArray[] {batch[0]}, new INDArray[] {labels},
                    outputs -> metrics.forEach(m -> m.updateState(labels, outputs[0])));
            lossSum += batchLoss * size;
            seen += size;
            logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / seen);
            for (Metric m : metrics) {
                logs.put(m.name(), m.result());
            }
            for (Callback c : callbacks) {
                c.onBatchEnd(step, logs);
            }
            bar.update(step + 1, logs);
            if (model.stopTraining()) {
                break;
            }
        }
        return logs;
    }

    /** The batches of one epoch over arrays: zero-copy slices in order, or gathered rows of a permutation. */
    private static java.util.Iterator<INDArray[]> arrayBatches(INDArray x, INDArray y, int batchSize, int[] order) {
        long n = x.size(0);
        return new java.util.Iterator<>() {
            private long from;

            @Override
            public boolean hasNext() {
                return from < n;
            }

            @Override
            public INDArray[] next() {
                long to = Math.min(n, from + batchSize);
                INDArray[] b;
                if (order == null) {
                    b = new INDArray[] {Batches.slice(x, from, to), Batches.slice(y, from, to)};
                } else {
                    int[] idx = java.util.Arrays.copyOfRange(order, (int) from, (int) to);
                    b = new INDArray[] {Batches.gather(x, idx), Batches.gather(y, idx)};
                }
                from = to;
                return b;
            }
        };
    }

    /** Loss (plus regularization penalties, as Keras reports it) and metrics over (x, y), in batches. */
    public Map<String, Double> evaluate(INDArray x, INDArray y, int batchSize) {
        metrics.forEach(Metric::resetState);
        long n = x.size(0);
        double lossSum = 0;
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray xb = Batches.slice(x, from, to);
            INDArray yb = Batches.slice(y, from, to);
            INDArray pred = runtime.predict(new INDArray[] {xb})[0];
            lossSum += loss.call(yb, pred).sumNumber().doubleValue();
            for (Metric m : metrics) {
                m.updateState(yb, pred);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossSum / n + runtime.regularizationPenalty());
        for (Metric m : metrics) {
            out.put(m.name(), m.result());
        }
        return out;
    }

    /** Inference in batches, into one array of shape {@code (n, …outputShape)}. */
    public static INDArray predict(NetworkRuntime runtime, INDArray x, int batchSize, long[] outputShape) {
        long n = x.size(0);
        INDArray out = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, Shapes.prepend(n, outputShape));
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray pred = runtime.predict(new INDArray[] {Batches.slice(x, from, to)})[0];
            if (from == 0 && to == n) {
                return pred;
            }
            out.get(NDArrayIndex.interval(from, to)).assign(pred);
        }
        return out;
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
