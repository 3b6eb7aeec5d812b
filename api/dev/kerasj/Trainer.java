package dev.kerasj;

import dev.kerasj.internal.Batches;
import dev.kerasj.internal.KerasRandom;
import dev.kerasj.internal.Masks;
import dev.kerasj.internal.Shapes;
import dev.kerasj.internal.runtime.NetworkRuntime;

import dev.kerasj.callbacks.Callback;
import dev.kerasj.callbacks.History;
import dev.kerasj.callbacks.ProgbarLogger;
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
final class Trainer {
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

    /**
     * Trains on (x, y), validating on (xVal, yVal) when given. Arrays are float32 and c-ordered.
     *
     * <p>Each epoch's shuffling order and dropout seed derive from (seed, epoch) alone, so a run resumed at
     * {@code initialEpoch} from a checkpoint repeats exactly what an uninterrupted run would have done.
     */
    public History fit(INDArray x, INDArray y, INDArray xVal, INDArray yVal, FitOptions o) {
        return fit(new INDArray[] {x}, new INDArray[] {y}, xVal == null ? null : new INDArray[] {xVal},
                yVal == null ? null : new INDArray[] {yVal}, o);
    }

    /** Trains a model with several inputs and/or outputs: one array per input in {@code x}, per output in {@code y}. */
    public History fit(INDArray[] x, INDArray[] y, INDArray[] xVal, INDArray[] yVal, FitOptions o) {
        return fit(x, y, null, xVal, yVal, o);
    }

    /** A stream of training batches, restarted each epoch: {@code {inputs, labels}} pairs; {@code steps()} is −1 when unknown. */
    public interface BatchSource {
        java.util.Iterator<INDArray[][]> epoch();

        int steps();
    }

    /** Trains on batches from {@code source} (e.g. a DataSetIterator), validating on (xVal, yVal) when given. */
    public History fit(BatchSource source, INDArray[] xVal, INDArray[] yVal, FitOptions o) {
        return fit(null, null, source, xVal, yVal, null, o);
    }

    private History fit(INDArray[] x, INDArray[] y, BatchSource source, INDArray[] xVal, INDArray[] yVal, FitOptions o) {
        return fit(x, y, source, xVal, yVal, null, o);
    }

    /**
     * Trains on arrays (x, y) or on the batches of {@code source} (x and y null), validating after each epoch
     * on the batches of {@code validation} when given, else on (xVal, yVal) when given. A batch iterator that
     * is {@link AutoCloseable} (a data set reading in the background) is closed at the end of its epoch.
     */
    History fit(INDArray[] x, INDArray[] y, BatchSource source, INDArray[] xVal, INDArray[] yVal,
                BatchSource validation, FitOptions o) {
        int n = x == null ? 0 : (int) x[0].size(0);
        int steps = source != null ? source.steps() : (n + o.batchSize() - 1) / o.batchSize();
        // Keras's order: the user's callbacks, then History, then the progress bar (which prints what they logged).
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        callbacks.add(history);
        if (o.verbose() > 0 && callbacks.stream().noneMatch(c -> c instanceof ProgbarLogger)) {
            callbacks.add(new ProgbarLogger(o.out()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose());
        params.put("epochs", o.epochs());
        params.put("steps", steps);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }

        long seed = o.seed() != null ? o.seed() : KerasRandom.nextSeed();
        model.stopTraining(false);
        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(new LinkedHashMap<>()));
        for (int epoch = o.initialEpoch(); epoch < o.epochs() && !model.stopTraining(); epoch++) {
            SplittableRandom rng = epochRandom(seed, epoch);
            runtime.setSeed(rng.nextLong());
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, new LinkedHashMap<>());
            }
            int[] order = source == null && o.shuffle() ? permutation(n, rng) : null;
            java.util.Iterator<INDArray[][]> batches = source == null ? arrayBatches(x, y, o.batchSize(), order)
                    : source.epoch();
            try {
                logs = trainEpoch(batches, callbacks);
            } finally {
                closeIfNeeded(batches);
            }
            if (validation != null) {
                Map<String, Double> val = evaluate(validation);
                for (Map.Entry<String, Double> e : val.entrySet()) {
                    logs.put("val_" + e.getKey(), e.getValue());
                }
            } else if (xVal != null) {
                Map<String, Double> val = evaluate(xVal, yVal, o.batchSize());
                for (Map.Entry<String, Double> e : val.entrySet()) {
                    logs.put("val_" + e.getKey(), e.getValue());
                }
            }
            model.setCompletedEpochs(epoch + 1);
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, logs);
            }
        }
        Map<String, Double> last = logs;
        callbacks.forEach(c -> c.onTrainEnd(last));
        return history;
    }

    /** The generator of one epoch: a function of (seed, epoch) only, never of the epochs that ran before. */
    static SplittableRandom epochRandom(long seed, int epoch) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
    }

    private Map<String, Double> trainEpoch(java.util.Iterator<INDArray[][]> batches, List<Callback> callbacks) {
        outputs.reset();
        double lossSum = 0;
        long seen = 0;
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int step = 0; batches.hasNext(); step++) {
            INDArray[][] batch = batches.next();
            INDArray[] xb = batch[0];
            INDArray[] yb = batch[1];
            for (Callback c : callbacks) {
                c.onBatchBegin(step, new LinkedHashMap<>());
            }
            long size = xb[0].size(0);
            INDArray[] masks = runtime.outputMasks(xb);
            double batchLoss = runtime.fitBatch(xb, yb, predicted -> outputs.update(yb, predicted, masks,
                    !outputs.single()));
            lossSum += batchLoss * size;
            seen += size;
            logs = outputs.logs(lossSum / seen);
            for (Callback c : callbacks) {
                c.onBatchEnd(step, logs);
            }
            if (model.stopTraining()) {
                break;
            }
        }
        return logs;
    }

    /** The batches of one epoch over arrays: zero-copy slices in order, or gathered rows of a permutation. */
    private static java.util.Iterator<INDArray[][]> arrayBatches(INDArray[] x, INDArray[] y, int batchSize, int[] order) {
        long n = x[0].size(0);
        return new java.util.Iterator<>() {
            private long from;
            /** The previous batch's gathered arrays: trainEpoch is done with a batch when it asks for the next. */
            private INDArray[][] previous;

            @Override
            public boolean hasNext() {
                return from < n;
            }

            @Override
            public INDArray[][] next() {
                long to = Math.min(n, from + batchSize);
                if (order == null) {
                    INDArray[][] b = {batch(x, from, to), batch(y, from, to)};
                    from = to;
                    return b;
                }
                int[] idx = java.util.Arrays.copyOfRange(order, (int) from, (int) to);
                INDArray[][] b = {gathered(x, idx, previous == null ? null : previous[0]),
                        gathered(y, idx, previous == null ? null : previous[1])};
                previous = b;
                from = to;
                return b;
            }
        };
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
            INDArray[] xb = batch(x, from, to);
            INDArray[] pred = runtime.predict(xb);
            outputs.update(batch(y, from, to), pred, runtime.outputMasks(xb), true);
        }
        return outputs.logs(outputs.weightedLoss() + runtime.regularizationPenalty());
    }

    /** Loss and metrics over every batch of one pass of {@code source}, as {@link #evaluate(INDArray[], INDArray[], int)}. */
    public Map<String, Double> evaluate(BatchSource source) {
        outputs.reset();
        java.util.Iterator<INDArray[][]> batches = source.epoch();
        try {
            while (batches.hasNext()) {
                INDArray[][] b = batches.next();
                outputs.update(b[1], runtime.predict(b[0]), runtime.outputMasks(b[0]), true);
            }
        } finally {
            closeIfNeeded(batches);
        }
        if (outputs.seen == 0) {
            throw new IllegalArgumentException("Invalid `data`: the data set gave no batches to evaluate.");
        }
        return outputs.logs(outputs.weightedLoss() + runtime.regularizationPenalty());
    }

    /** Inference over every batch of one pass (x only), concatenated: one array per output. */
    public static INDArray[] predict(NetworkRuntime runtime, java.util.Iterator<INDArray[]> batches) {
        List<List<INDArray>> parts = new ArrayList<>();
        try {
            while (batches.hasNext()) {
                INDArray[] pred = runtime.predict(batches.next());
                for (int j = 0; j < pred.length; j++) {
                    if (parts.size() <= j) {
                        parts.add(new ArrayList<>());
                    }
                    parts.get(j).add(pred[j].dup());
                }
            }
        } finally {
            closeIfNeeded(batches);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Invalid `data`: the data set gave no batches to predict.");
        }
        INDArray[] out = new INDArray[parts.size()];
        for (int j = 0; j < out.length; j++) {
            List<INDArray> p = parts.get(j);
            out[j] = p.size() == 1 ? p.get(0) : Nd4j.concat(0, p.toArray(new INDArray[0]));
        }
        return out;
    }

    private static void closeIfNeeded(java.util.Iterator<?> batches) {
        if (batches instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing the data set's reader failed: " + e.getMessage(), e);
            }
        }
    }

    /** Inference in batches, into one array of shape {@code (n, …outputShape)}. */
    public static INDArray predict(NetworkRuntime runtime, INDArray x, int batchSize, long[] outputShape) {
        return predict(runtime, new INDArray[] {x}, batchSize, List.of(outputShape))[0];
    }

    /** Inference in batches for several inputs/outputs: one array of shape {@code (n, …outputShapes[j])} per output. */
    public static INDArray[] predict(NetworkRuntime runtime, INDArray[] x, int batchSize, List<long[]> outputShapes) {
        long n = x[0].size(0);
        INDArray[] all = n > batchSize ? runtime.predictInBatches(x, batchSize) : null;
        if (all != null) {
            return all;
        }
        INDArray[] out = new INDArray[outputShapes.size()];
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray[] pred = runtime.predict(batch(x, from, to));
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

    /** The rows {@code idx} of every array, written over {@code reuse}'s arrays where their shapes allow. */
    private static INDArray[] gathered(INDArray[] arrays, int[] idx, INDArray[] reuse) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = Batches.gather(arrays[i], idx, reuse == null ? null : reuse[i]);
        }
        return out;
    }

    /** Rows [from, to) of every array, as zero-copy slices. */
    private static INDArray[] batch(INDArray[] arrays, long from, long to) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = Batches.slice(arrays[i], from, to);
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

        /**
         * Adds a batch to the metrics and, when the engine does not report them ({@code withLosses}), to the
         * losses. A masked sequence output ({@code masks[j]} not null, {@code (batch, timesteps)}) counts its
         * unmasked steps only, as Keras uses the mask as sample weights: the batch loss is the mean over them.
         */
        void update(INDArray[] labels, INDArray[] predicted, INDArray[] masks, boolean withLosses) {
            long size = labels[0].size(0);
            for (int j = 0; j < losses.size(); j++) {
                INDArray yTrue = labels[j];
                INDArray yPred = predicted[j];
                if (masks != null && masks[j] != null) {
                    long[] kept = Masks.keptSteps(masks[j]);
                    if (kept.length == 0) {
                        continue; // nothing to measure (Keras: 0 / 0 → 0 loss, no metric weight)
                    }
                    yTrue = Masks.steps(yTrue, kept);
                    yPred = Masks.steps(yPred, kept);
                }
                for (Metric m : metrics.get(j)) {
                    m.updateState(yTrue, yPred);
                }
                if (withLosses) {
                    // per-position losses of sequence/image outputs are averaged per sample first (Keras's
                    // mean over batch and positions), then weighted by the batch size
                    INDArray perPosition = losses.get(j).call(yTrue, yPred);
                    lossSums[j] += perPosition.meanNumber().doubleValue() * size;
                }
            }
            seen += size;
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
