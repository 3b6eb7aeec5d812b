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
    private final Outputs outputs;

    /** A single-output model: logs {@code loss} then each metric under its own name. */
    public Trainer(Model model, NetworkRuntime runtime, Loss loss, List<Metric> metrics) {
        this(model, runtime, List.of(loss), null, List.of("output"), metrics);
    }

    /**
     * A model with one loss per output ({@code losses.get(j)} for output {@code j}, named
     * {@code outputNames.get(j)}, weighted by {@code lossWeights[j]}, all 1 when {@code null}); every
     * output is measured with its own copy of each metric.
     */
    public Trainer(Model model, NetworkRuntime runtime, List<Loss> losses, double[] lossWeights, List<String> outputNames,
                   List<Metric> metrics) {
        this.model = model;
        this.runtime = runtime;
        this.outputs = new Outputs(losses, lossWeights, outputNames, metrics);
    }

    /** Trains on (x, y), validating on (xVal, yVal) when given. Arrays are float32 and c-ordered. */
    public History fit(INDArray x, INDArray y, INDArray xVal, INDArray yVal, FitOptions o) {
        return fit(new INDArray[] {x}, new INDArray[] {y}, xVal == null ? null : new INDArray[] {xVal},
                yVal == null ? null : new INDArray[] {yVal}, o);
    }

    /** Trains a model with several inputs and/or outputs: one array per input in {@code x}, per output in {@code y}. */
    public History fit(INDArray[] x, INDArray[] y, INDArray[] xVal, INDArray[] yVal, FitOptions o) {
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(history);
        callbacks.addAll(o.callbacks());
        callbacks.forEach(c -> c.setModel(model));

        SplittableRandom rng = o.seed() != null ? new SplittableRandom(o.seed()) : KerasRandom.split();
        runtime.setSeed(rng.nextLong());
        int n = (int) x[0].size(0);
        int steps = (n + o.batchSize() - 1) / o.batchSize();
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
            logs = trainEpoch(x, y, o, rng, n, steps, callbacks, bar);
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

    private Map<String, Double> trainEpoch(INDArray[] x, INDArray[] y, FitOptions o, SplittableRandom rng, int n, int steps,
                                           List<Callback> callbacks, Progbar bar) {
        outputs.reset();
        int[] order = o.shuffle() ? permutation(n, rng) : null;
        double lossSum = 0;
        long seen = 0;
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int step = 0; step < steps; step++) {
            int from = step * o.batchSize();
            int to = Math.min(n, from + o.batchSize());
            int[] idx = order == null ? null : java.util.Arrays.copyOfRange(order, from, to);
            INDArray[] xb = batch(x, from, to, idx);
            INDArray[] yb = batch(y, from, to, idx);
            for (Callback c : callbacks) {
                c.onBatchBegin(step, logs);
            }
            double batchLoss = runtime.fitBatch(xb, yb, predicted -> outputs.update(yb, predicted, !outputs.single()));
            lossSum += batchLoss * (to - from);
            seen += to - from;
            logs = outputs.logs(lossSum / seen);
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

    /** Loss (plus regularization penalties, as Keras reports it) and metrics over (x, y), in batches. */
    public Map<String, Double> evaluate(INDArray x, INDArray y, int batchSize) {
        return evaluate(new INDArray[] {x}, new INDArray[] {y}, batchSize);
    }

    /**
     * {@link #evaluate(INDArray, INDArray, int)} for several inputs/outputs: {@code loss} is
     * {@code Σ_j loss_weight_j × loss_j} plus penalties, each {@code <output>_loss} the unweighted mean.
     */
    public Map<String, Double> evaluate(INDArray[] x, INDArray[] y, int batchSize) {
        outputs.reset();
        long n = x[0].size(0);
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray[] pred = runtime.predict(batch(x, from, to, null));
            outputs.update(batch(y, from, to, null), pred, true);
        }
        return outputs.logs(outputs.weightedLoss() + runtime.regularizationPenalty());
    }

    /** Inference in batches, into one array of shape {@code (n, …outputShape)}. */
    public static INDArray predict(NetworkRuntime runtime, INDArray x, int batchSize, long[] outputShape) {
        return predict(runtime, new INDArray[] {x}, batchSize, List.of(outputShape))[0];
    }

    /** Inference in batches for several inputs/outputs: one array of shape {@code (n, …outputShapes[j])} per output. */
    public static INDArray[] predict(NetworkRuntime runtime, INDArray[] x, int batchSize, List<long[]> outputShapes) {
        long n = x[0].size(0);
        INDArray[] out = new INDArray[outputShapes.size()];
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray[] pred = runtime.predict(batch(x, from, to, null));
            if (from == 0 && to == n) {
                return pred;
            }
            for (int j = 0; j < out.length; j++) {
                if (out[j] == null) {
                    out[j] = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, Shapes.prepend(n, outputShapes.get(j)));
                }
                out[j].get(NDArrayIndex.interval(from, to)).assign(pred[j]);
            }
        }
        return out;
    }

    /** Rows [from, to) of every array, or the rows {@code idx} when shuffling. */
    private static INDArray[] batch(INDArray[] arrays, long from, long to, int[] idx) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = idx == null ? Batches.slice(arrays[i], from, to) : Batches.gather(arrays[i], idx);
        }
        return out;
    }

    /**
     * Per-output bookkeeping: the losses (for evaluate and the per-output training logs), the metrics,
     * and Keras's log names. One output: {@code loss}, then each metric's name. Several: {@code loss},
     * then {@code <output>_loss} per output, then {@code <output>_<metric>}, as Keras names them.
     */
    private static final class Outputs {
        private final List<Loss> losses;
        private final List<String> names;
        private final List<List<Metric>> metrics = new ArrayList<>();
        private final double[] lossWeights;
        private final double[] lossSums;
        private long seen;

        Outputs(List<Loss> losses, double[] lossWeights, List<String> names, List<Metric> metrics) {
            this.losses = List.copyOf(losses);
            this.lossWeights = lossWeights == null ? null : lossWeights.clone();
            this.names = List.copyOf(names);
            this.lossSums = new double[losses.size()];
            for (int j = 0; j < losses.size(); j++) {
                List<Metric> own = new ArrayList<>();
                for (Metric m : metrics) {
                    // The first output uses the compiled objects; the others get fresh copies of the same config.
                    own.add(j == 0 ? m : dev.kerasj.metrics.Metrics.deserialize(m.serialize()));
                }
                this.metrics.add(own);
            }
        }

        boolean single() {
            return losses.size() == 1;
        }

        void reset() {
            metrics.forEach(ms -> ms.forEach(Metric::resetState));
            java.util.Arrays.fill(lossSums, 0);
            seen = 0;
        }

        /** Adds a batch to the metrics and, when the engine does not report them ({@code withLosses}), to the losses. */
        void update(INDArray[] labels, INDArray[] predicted, boolean withLosses) {
            for (int j = 0; j < losses.size(); j++) {
                for (Metric m : metrics.get(j)) {
                    m.updateState(labels[j], predicted[j]);
                }
                if (withLosses) {
                    // per-position losses of sequence/image outputs are averaged per sample first (Keras's
                    // mean over batch and positions)
                    INDArray perPosition = losses.get(j).call(labels[j], predicted[j]);
                    lossSums[j] += perPosition.sumNumber().doubleValue() / (perPosition.length() / labels[j].size(0));
                }
            }
            seen += labels[0].size(0);
        }

        /** The mean of each output's loss, weighted by the model's loss weights and summed (before penalties). */
        double weightedLoss() {
            double total = 0;
            for (int j = 0; j < losses.size(); j++) {
                total += weight(j) * lossSums[j] / seen;
            }
            return total;
        }

        private double weight(int j) {
            return lossWeights == null ? 1.0 : lossWeights[j];
        }

        Map<String, Double> logs(double loss) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", loss);
            if (!single()) {
                for (int j = 0; j < losses.size(); j++) {
                    logs.put(names.get(j) + "_loss", lossSums[j] / seen);
                }
            }
            for (int j = 0; j < losses.size(); j++) {
                for (Metric m : metrics.get(j)) {
                    logs.put(single() ? m.name() : names.get(j) + "_" + m.name(), m.result());
                }
            }
            return logs;
        }
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
