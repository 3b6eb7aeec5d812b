package dev.kerasj.spark;

import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.callbacks.Callback;
import dev.kerasj.callbacks.History;
import dev.kerasj.internal.dl4j.spark.SparkNetworks;
import dev.kerasj.internal.runtime.ModelRuntimes;
import dev.kerasj.internal.runtime.NetworkRuntime;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a compiled kerasj model ({@code Sequential} or a functional model with one input and one output) on
 * Apache Spark, with DL4J's training masters (see {@link SparkOptions}); the model's own optimizer rule, loss
 * and metrics apply, and the trained weights and optimizer state are the model's afterwards, so {@code save},
 * {@code predict} and {@code evaluate} work as usual.
 *
 * <p>Each epoch is one pass of the training master over the data; then the epoch's logs are computed and the
 * callbacks' {@code onEpochBegin}/{@code onEpochEnd} run on the driver, as in Keras. The logs differ from
 * {@code Model.fit} in one respect: {@code loss} and the metrics are those of the model at the end of the
 * epoch over the whole training data (a distributed {@link #evaluate}, dropout off), not the running mean
 * over the epoch's batches. Validation data (arrays, or an RDD) gives {@code val_} entries. Batch-level
 * callbacks do not run (the batches run on the workers). Shuffling is the masters' random split of the data
 * into rounds.
 *
 * <pre>{@code
 * JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("mnist"));
 * model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
 * History h = SparkTrainer.of(model, sc, SparkOptions.parameterAveraging())
 *         .fit(xTrain, yTrain, FitOptions.defaults().epochs(5));
 * model.save(Path.of("mnist.kerasj"));
 * }</pre>
 */
public final class SparkTrainer {
    private final Model model;
    private final JavaSparkContext sc;
    private final SparkOptions options;
    private SparkNetworks bridge;
    /** The keys of the model's {@code evaluate}: {@code loss}, then the metrics. */
    private List<String> scoreNames;

    private SparkTrainer(Model model, JavaSparkContext sc, SparkOptions options) {
        this.model = model;
        this.sc = sc;
        this.options = options;
    }

    /** A trainer for a compiled {@code model} on {@code sc}. */
    public static SparkTrainer of(Model model, JavaSparkContext sc, SparkOptions options) {
        dev.kerasj.internal.Checks.notNull("model", model);
        dev.kerasj.internal.Checks.notNull("sparkContext", sc);
        dev.kerasj.internal.Checks.notNull("options", options);
        if (!model.isCompiled()) {
            throw new IllegalStateException("You must call compile() before training on Spark: e.g. "
                    + "model.compile(\"rmsprop\", \"sparse_categorical_crossentropy\", \"accuracy\").");
        }
        return new SparkTrainer(model, sc, options);
    }

    /**
     * Trains on arrays: {@code validationSplit} (the last fraction, as Keras) or {@code validationData} are
     * evaluated on the driver; the rest is cut into {@code batchSizePerWorker}-row examples spread over the
     * workers. {@code batchSize} of {@code fit} is not used (each worker's batch is {@code batchSizePerWorker}).
     */
    public History fit(INDArray x, INDArray y, FitOptions fit) {
        FitOptions o = fit == null ? FitOptions.defaults() : fit;
        INDArray xTrain = x;
        INDArray yTrain = y;
        if (o.validationX() == null && o.validationSplit() > 0) {
            long n = x.size(0);
            long split = (long) Math.floor(n * (1.0 - o.validationSplit()));
            o = o.validationData(rows(x, split, n), rows(y, split, n));
            xTrain = rows(x, 0, split);
            yTrain = rows(y, 0, split);
        }
        return fit(parallelize(xTrain, yTrain), null, o);
    }

    /**
     * Trains on an RDD of examples: each {@link DataSet} holds one or more samples, features shaped
     * {@code (n, …input shape)} and labels as {@code Model.fit} takes them. {@code validation} (may be
     * {@code null}) is evaluated distributed after each epoch; {@code validationData} of {@code fit} on the
     * driver.
     */
    public History fit(JavaRDD<DataSet> data, JavaRDD<DataSet> validation, FitOptions fit) {
        FitOptions o = fit == null ? FitOptions.defaults() : fit;
        if (o.validationSplit() > 0 && o.validationX() == null) {
            throw new IllegalArgumentException("Invalid `validation_split` with an RDD: a split cannot be taken from "
                    + "distributed data. Pass a validation RDD or validationData(x, y) instead.");
        }
        prepare(data.first());
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        callbacks.add(history);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose());
        params.put("epochs", o.epochs());
        params.put("steps", -1);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        PrintStream out = o.out() != null ? o.out() : System.out;
        model.stopTraining(false);
        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(new LinkedHashMap<>()));
        for (int epoch = o.initialEpoch(); epoch < o.epochs() && !model.stopTraining(); epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, new LinkedHashMap<>());
            }
            long start = System.nanoTime();
            bridge.fitEpoch(data);
            Map<String, Double> epochLogs = new LinkedHashMap<>(evaluate(data));
            if (o.validationX() != null) {
                model.evaluate(o.validationX(), o.validationY(), o.batchSize())
                        .forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            if (validation != null) {
                evaluate(validation).forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            logs = epochLogs;
            model.setCompletedEpochs(epoch + 1);
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, logs);
            }
            if (o.verbose() > 0) {
                out.println(epochLine(epoch, o.epochs(), (System.nanoTime() - start) / 1e9, logs));
                out.flush();
            }
        }
        Map<String, Double> last = logs;
        callbacks.forEach(c -> c.onTrainEnd(last));
        return history;
    }

    /**
     * The model's loss and metrics over {@code data}, computed on the workers: each partition evaluates its
     * samples with a copy of the model, and the figures are averaged weighted by sample count (exact for
     * loss and mean metrics such as accuracy or MAE; for AUC, precision and recall the mean over partitions).
     */
    public Map<String, Double> evaluate(JavaRDD<DataSet> data) {
        prepare(data.first());
        return SparkEvaluation.evaluate(sc, model, data, options.batchSizePerWorker(), scoreNames);
    }

    /**
     * For the CLI ({@code --spark MASTER}): trains {@code model} on arrays with a Spark context for
     * {@code master} ({@code local[N]} or a cluster's URL; an active context, as under {@code spark-submit},
     * is reused), closing the context it opened.
     */
    public static History fit(String master, Model model, INDArray x, INDArray y, FitOptions fit, SparkOptions options) {
        JavaSparkContext active = activeContext();
        JavaSparkContext sc = active != null ? active : new JavaSparkContext(new SparkConf()
                .setMaster(master).setAppName("kerasj " + model.name())
                .setIfMissing("spark.ui.enabled", "false"));
        try {
            return of(model, sc, options).fit(x, y, fit);
        } finally {
            if (active == null) {
                sc.close();
            }
        }
    }

    private static JavaSparkContext activeContext() {
        scala.Option<org.apache.spark.SparkContext> c = org.apache.spark.SparkContext$.MODULE$.getActive();
        return c.isDefined() ? JavaSparkContext.fromSparkContext(c.get()) : null;
    }

    /** Checks the first example against the model on the driver (building the model for its shape) and wires the bridge. */
    private void prepare(DataSet first) {
        if (first == null || first.getFeatures() == null || first.getLabels() == null) {
            throw new IllegalArgumentException("Invalid `data`: expected DataSets with features and labels. Received: "
                    + first);
        }
        // the model's own checks (shapes, label kinds, finite values) on one example, as fit would make them
        scoreNames = List.copyOf(model.evaluate(first.getFeatures(), first.getLabels(), options.batchSizePerWorker())
                .keySet());
        if (bridge != null) {
            return;
        }
        NetworkRuntime runtime = ModelRuntimes.of(model);
        if (runtime.outputMasks(new INDArray[] {first.getFeatures()}) != null) {
            throw new IllegalArgumentException("This model cannot be distributed: it computes a Keras mask (Masking or "
                    + "Embedding(mask_zero=True)), which DL4J's Spark training does not carry. Train it with model.fit.");
        }
        int workers = options.workers() > 0 ? options.workers() : sc.defaultParallelism();
        int perNode = options.workersPerNode();
        bridge = SparkNetworks.of(runtime, sc, new SparkNetworks.Settings(
                options.master() == SparkOptions.Master.SHARED_TRAINING, workers, perNode, options.batchSizePerWorker(),
                (int) Math.max(1, first.getFeatures().size(0)),
                options.averagingFrequency(), options.threshold(), controllerAddress(), options.unicastPort(),
                options.seed()));
    }

    /** The given address; else 127.0.0.1 on a local master, the driver's IP address otherwise. */
    private String controllerAddress() {
        if (options.controllerAddress() != null) {
            return options.controllerAddress();
        }
        if (sc.master().startsWith("local")) {
            return "127.0.0.1";
        }
        String host = sc.getConf().get("spark.driver.host", "localhost");
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Cannot resolve the Spark driver host '" + host + "' for shared training's "
                    + "controller; set SparkOptions.controllerAddress(ip).", e);
        }
    }

    /** Rows [from, to) of an array. */
    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to)).dup();
    }

    /** The arrays as examples of {@code batchSizePerWorker} rows, in one partition per worker. */
    private JavaRDD<DataSet> parallelize(INDArray x, INDArray y) {
        long n = x.size(0);
        if (y.size(0) != n) {
            throw new IllegalArgumentException("Invalid `y`: expected as many samples as x (" + n + "). Received: "
                    + y.size(0) + ".");
        }
        int per = options.batchSizePerWorker();
        List<DataSet> examples = new ArrayList<>();
        for (long i = 0; i < n; i += per) {
            long end = Math.min(n, i + per);
            examples.add(new DataSet(rows(x, i, end), rows(y, i, end)));
        }
        int workers = options.workers() > 0 ? options.workers() : sc.defaultParallelism();
        return sc.parallelize(examples, workers);
    }

    private static String epochLine(int epoch, int epochs, double seconds, Map<String, Double> logs) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d - %.1fs", epoch + 1, epochs, seconds));
        logs.forEach((k, v) -> b.append(String.format(Locale.ROOT, " - %s: %.4f", k, v)));
        return b.toString();
    }
}
