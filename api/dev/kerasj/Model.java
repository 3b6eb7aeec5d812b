package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.internal.Batches;
import dev.kerasj.internal.KerasRandom;
import dev.kerasj.internal.LayerBindings;
import dev.kerasj.internal.ModelIO;
import dev.kerasj.internal.NetworkRuntime;
import dev.kerasj.internal.Shapes;
import dev.kerasj.internal.SummaryTable;
import dev.kerasj.internal.Trainer;
import dev.kerasj.layers.Layer;
import dev.kerasj.losses.Loss;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.Metric;
import dev.kerasj.metrics.Metrics;
import dev.kerasj.optimizers.Optimizer;
import dev.kerasj.optimizers.Optimizers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A trainable model: what {@code Sequential} and functional models share — {@code compile}, {@code fit},
 * {@code evaluate}, {@code predict}, {@code summary}, {@code save}, weights and parameter counts.
 *
 * <p>The model orchestrates; the training loop lives in an internal trainer and the DL4J network in an
 * internal runtime, built lazily the first time weights or computation are needed (so {@code summary()}
 * needs no native code).
 *
 * <pre>{@code
 * model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
 * History h = model.fit(x, y, 10, 128);
 * Map<String, Double> scores = model.evaluate(xTest, yTest);   // {loss=…, accuracy=…}
 * }</pre>
 */
public abstract class Model {
    /** Keras's default batch size for {@code fit}, {@code evaluate} and {@code predict}. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private String name;
    private Optimizer optimizer;
    private Loss loss;
    private List<Metric> metrics = List.of();
    private NetworkRuntime runtime;
    private boolean runtimeStale;
    private boolean stopTraining;

    protected Model(String name) {
        this.name = name;
    }

    // ---------------------------------------------------------------- structure (subclasses)

    /** The layers, without the input, in order. */
    public abstract List<Layer> layers();

    /** The sample shape of the model's input (no batch axis), or {@code null} while unknown. */
    public abstract long[] inputShape();

    /** The sample shape of the model's output (no batch axis). */
    public abstract long[] outputShape();

    /** Keras's class name ({@code "Sequential"}, {@code "Functional"}). */
    public abstract String className();

    /** The model's Keras-style config: its name and its layers' configs. */
    public abstract Map<String, Object> getConfig();

    /** Builds a runtime for the current layers, with weights drawn from {@code rng}. */
    protected abstract NetworkRuntime createRuntime(Optimizer optimizer, Loss loss, SplittableRandom rng);

    /** Builds the layers for data of sample shape {@code shape} when the model's input shape was not declared. */
    protected abstract void buildForData(long[] shape);

    // ---------------------------------------------------------------- naming

    public String name() {
        return name;
    }

    public Model name(String name) {
        this.name = name;
        return this;
    }

    /** The layer called {@code name}; fails listing the model's layer names. */
    public Layer getLayer(String name) {
        List<String> names = new ArrayList<>();
        for (Layer l : layers()) {
            if (l.name().equals(name)) {
                return l;
            }
            names.add(l.name());
        }
        throw new IllegalArgumentException("No such layer: " + name + ". Existing layers are: " + names + ".");
    }

    /** Gives unnamed layers Keras's automatic names, unique in this model: dense, dense_1, dense_2… */
    protected static void assignNames(List<? extends Layer> all) {
        Set<String> taken = new HashSet<>();
        for (Layer l : all) {
            if (l.name() != null) {
                if (!taken.add(l.name())) {
                    throw new IllegalArgumentException("All layers added to a model must have unique names. Name \""
                            + l.name() + "\" is already the name of a layer in this model. Update the `name` argument.");
                }
            }
        }
        for (Layer l : all) {
            if (l.name() == null) {
                String base = l.defaultNameBase();
                String candidate = base;
                for (int i = 1; taken.contains(candidate); i++) {
                    candidate = base + "_" + i;
                }
                l.name(candidate);
                taken.add(candidate);
            }
        }
    }

    // ---------------------------------------------------------------- parameters

    /** The total number of weights' scalars, as Keras's {@code count_params()}. */
    public long countParams() {
        requireBuilt("countParams");
        long n = 0;
        for (Layer l : layers()) {
            n += l.countParams();
        }
        return n;
    }

    /** The scalars that training changes. */
    public long countTrainableParams() {
        requireBuilt("countTrainableParams");
        long n = 0;
        for (Layer l : layers()) {
            n += l.countTrainableParams();
        }
        return n;
    }

    /** Whether every layer knows its shapes. */
    public boolean isBuilt() {
        return inputShape() != null;
    }

    protected final void requireBuilt(String what) {
        if (!isBuilt()) {
            throw new IllegalStateException("This model has not yet been built, so " + what + "() is unknown. Build the "
                    + "model first by starting it with `new Input(...)`, giving the first layer `.inputShape(...)`, or "
                    + "calling fit/predict on data.");
        }
    }

    // ---------------------------------------------------------------- compile

    /** Configures training with Keras string identifiers, e.g. {@code compile("adam", "mse", "mae")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        List<Metric> m = new ArrayList<>();
        for (String s : metrics) {
            m.add(Metrics.get(s));
        }
        compile(Optimizers.get(optimizer), Losses.get(loss), m.toArray(new Metric[0]));
    }

    /** Configures training with typed objects, e.g. {@code compile(new Adam(1e-3), new MeanSquaredError())}. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        if (optimizer == null) {
            throw new IllegalArgumentException("Invalid `optimizer`: expected a name such as \"adam\" or an Optimizer. "
                    + "Received: optimizer=null");
        }
        if (loss == null) {
            throw new IllegalArgumentException("Invalid `loss`: expected a name such as \"mse\" or a Loss. Received: loss=null");
        }
        Set<String> names = new HashSet<>();
        for (Metric m : metrics) {
            if (m == null) {
                throw new IllegalArgumentException("Invalid `metrics`: expected names or Metric objects. Received: null");
            }
            if (!names.add(m.name()) || "loss".equals(m.name())) {
                throw new IllegalArgumentException("Invalid `metrics`: metric names must be unique and not \"loss\". "
                        + "Received: " + m.name() + " twice.");
            }
        }
        this.optimizer = optimizer;
        this.loss = loss;
        this.metrics = List.of(metrics);
        if (runtime != null) {
            // Keras keeps the weights across compile() and starts the optimizer afresh.
            runtimeStale = true;
            resetOptimizerOnRebuild = true;
        }
    }

    private boolean resetOptimizerOnRebuild;

    public boolean isCompiled() {
        return loss != null;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    // ---------------------------------------------------------------- runtime

    /** The engine, built (or rebuilt after compile/freezing) on demand, keeping weights and optimizer state. */
    protected final NetworkRuntime runtime() {
        requireBuilt("the network");
        if (runtime == null || runtimeStale) {
            NetworkRuntime old = runtime;
            NetworkRuntime fresh = createRuntime(optimizer, loss, KerasRandom.split());
            if (old != null) {
                for (Layer l : layers()) {
                    if (!l.weightSpecs().isEmpty()) {
                        fresh.setWeights(l, old.getWeights(l));
                    }
                }
                if (!resetOptimizerOnRebuild) {
                    try {
                        fresh.setOptimizerState(old.optimizerState());
                    } catch (IllegalArgumentException e) {
                        // Freezing changes which parameters have optimizer state; Keras recompiles then too.
                    }
                }
                fresh.setIterations(resetOptimizerOnRebuild ? 0 : old.iterations());
            }
            runtime = fresh;
            runtimeStale = false;
            resetOptimizerOnRebuild = false;
            bindLayers();
        }
        return runtime;
    }

    /** Lets each layer reach its weights through this model (they are drawn when first needed). */
    protected final void bindLayers() {
        LayerBindings.Owner owner = new LayerBindings.Owner() {
            @Override
            public List<INDArray> getWeights(Layer layer) {
                return runtime().getWeights(layer);
            }

            @Override
            public void setWeights(Layer layer, List<INDArray> weights) {
                runtime().setWeights(layer, weights);
            }

            @Override
            public void layerChanged(Layer layer) {
                runtimeStale = true;
            }
        };
        for (Layer l : layers()) {
            LayerBindings.bind(l, owner);
        }
    }

    /** Marks the engine out of date after a structural change (a layer added or removed). */
    protected final void structureChanged() {
        if (runtime != null) {
            runtime = null;
        }
    }

    // ---------------------------------------------------------------- training

    /** {@code fit(x, y, epochs, batchSize)} with every other option at Keras's default. */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize) {
        return fit(x, y, FitOptions.defaults().epochs(epochs).batchSize(batchSize));
    }

    /**
     * Trains on arrays: {@code x} of shape {@code (n, …input shape)}, {@code y} labels matching the loss
     * (integer classes {@code (n,)} for sparse losses, else the output's shape).
     */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        if (!isCompiled()) {
            throw new IllegalStateException("You must call compile() before using the model: e.g. "
                    + "model.compile(\"rmsprop\", \"sparse_categorical_crossentropy\", \"accuracy\").");
        }
        dev.kerasj.internal.Checks.notNull("x", x);
        dev.kerasj.internal.Checks.notNull("y", y);
        if (options == null) {
            options = FitOptions.defaults();
        }
        if (!isBuilt()) {
            buildForData(Shapes.dropFirst(x.shape()));
        }
        INDArray xs = prepareX(x, "x");
        INDArray ys = prepareY(y, xs.size(0), "y");
        INDArray xVal = null;
        INDArray yVal = null;
        if (options.validationX() != null) {
            xVal = prepareX(options.validationX(), "validation_data x");
            yVal = prepareY(options.validationY(), xVal.size(0), "validation_data y");
        } else if (options.validationSplit() > 0) {
            long n = xs.size(0);
            long split = (long) Math.floor(n * (1.0 - options.validationSplit()));
            if (split == 0 || split == n) {
                throw new IllegalArgumentException("Invalid `validation_split`=" + options.validationSplit() + " for " + n
                        + " samples: it leaves " + split + " for training and " + (n - split) + " for validation; both must "
                        + "be at least 1.");
            }
            xVal = Batches.slice(xs, split, n);
            yVal = Batches.slice(ys, split, n);
            xs = Batches.slice(xs, 0, split);
            ys = Batches.slice(ys, 0, split);
        }
        return new Trainer(this, runtime(), loss, metrics).fit(xs, ys, xVal, yVal, options);
    }

    /**
     * Trains on batches from a {@link DataSetIterator}, for data that does not fit in memory: each
     * epoch resets the iterator and takes every batch it gives (features as x, labels as y, checked like
     * arrays). {@code batchSize}, {@code validationSplit} and {@code shuffle} of the options do not apply
     * (the iterator decides); {@code validationData} does.
     */
    public History fit(DataSetIterator iterator, FitOptions options) {
        if (!isCompiled()) {
            throw new IllegalStateException("You must call compile() before using the model: e.g. "
                    + "model.compile(\"rmsprop\", \"sparse_categorical_crossentropy\", \"accuracy\").");
        }
        dev.kerasj.internal.Checks.notNull("iterator", iterator);
        FitOptions o = options == null ? FitOptions.defaults() : options;
        if (o.validationSplit() > 0) {
            throw new IllegalArgumentException("Invalid `validation_split` with a DataSetIterator: a split cannot be taken "
                    + "from a stream. Pass validationData(x, y) instead.");
        }
        if (!isBuilt()) {
            if (!iterator.hasNext()) {
                iterator.reset();
            }
            DataSet first = iterator.next();
            buildForData(Shapes.dropFirst(first.getFeatures().shape()));
            iterator.reset();
        }
        INDArray xVal = o.validationX() == null ? null : prepareX(o.validationX(), "validation_data x");
        INDArray yVal = o.validationX() == null ? null : prepareY(o.validationY(), xVal.size(0), "validation_data y");
        Trainer.BatchSource source = new Trainer.BatchSource() {
            @Override
            public java.util.Iterator<INDArray[]> epoch() {
                if (iterator.resetSupported()) {
                    iterator.reset();
                }
                return new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return iterator.hasNext();
                    }

                    @Override
                    public INDArray[] next() {
                        DataSet ds = iterator.next();
                        INDArray xb = prepareX(ds.getFeatures(), "x");
                        return new INDArray[] {xb, prepareY(ds.getLabels(), xb.size(0), "y")};
                    }
                };
            }

            @Override
            public int steps() {
                return -1;
            }
        };
        return new Trainer(this, runtime(), loss, metrics).fit(source, xVal, yVal, o);
    }

    /** Loss and metrics on (x, y), batch size 32: an ordered map, {@code loss} first, then metrics in compile order. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, DEFAULT_BATCH_SIZE);
    }

    public Map<String, Double> evaluate(INDArray x, INDArray y, int batchSize) {
        if (!isCompiled()) {
            throw new IllegalStateException("You must call compile() before evaluate(): e.g. "
                    + "model.compile(\"rmsprop\", \"sparse_categorical_crossentropy\", \"accuracy\").");
        }
        dev.kerasj.internal.Checks.positive("batch_size", batchSize);
        dev.kerasj.internal.Checks.notNull("x", x);
        dev.kerasj.internal.Checks.notNull("y", y);
        if (!isBuilt()) {
            buildForData(Shapes.dropFirst(x.shape()));
        }
        INDArray xs = prepareX(x, "x");
        INDArray ys = prepareY(y, xs.size(0), "y");
        return Collections.unmodifiableMap(new Trainer(this, runtime(), loss, metrics).evaluate(xs, ys, batchSize));
    }

    /** Outputs for every sample of {@code x} in inference mode, batch size 32. Works without {@code compile}. */
    public INDArray predict(INDArray x) {
        return predict(x, DEFAULT_BATCH_SIZE);
    }

    public INDArray predict(INDArray x, int batchSize) {
        dev.kerasj.internal.Checks.positive("batch_size", batchSize);
        dev.kerasj.internal.Checks.notNull("x", x);
        if (!isBuilt()) {
            buildForData(Shapes.dropFirst(x.shape()));
        }
        INDArray xs = prepareX(x, "x");
        return Trainer.predict(runtime(), xs, batchSize, outputShape());
    }

    /** Keras's {@code model.stop_training = true}: ends {@code fit} after the current batch. */
    public void stopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    /** The optimizer's current learning rate (after schedules and callbacks). */
    public double learningRate() {
        return runtime().learningRate();
    }

    /** Sets the optimizer's learning rate for the next steps (what ReduceLROnPlateau does). */
    public void setLearningRate(double learningRate) {
        dev.kerasj.internal.Checks.positive("learning_rate", learningRate);
        runtime().setLearningRate(learningRate);
    }

    // ---------------------------------------------------------------- data checks

    private INDArray prepareX(INDArray x, String arg) {
        long[] expected = inputShape();
        long[] got = x.shape();
        long[] sample = Shapes.dropFirst(got);
        if (x.rank() == 1 && expected.length == 1 && expected[0] == 1) {
            x = x.reshape(x.length(), 1);
            sample = new long[] {1};
        }
        if (x.rank() == 0 || !Arrays.equals(sample, expected)) {
            String first = layers().isEmpty() ? "input" : layers().get(0).name();
            throw new IllegalArgumentException("Input 0 of layer \"" + first + "\" is incompatible with the layer: "
                    + "expected shape=" + Shapes.withBatch(expected) + ", found shape=" + Shapes.tuple(got)
                    + " (argument `" + arg + "`).");
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected at least one sample. Received: "
                    + arg + ".shape=" + Shapes.tuple(got));
        }
        INDArray f = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        checkFinite(f, arg);
        return Batches.contiguous(f);
    }

    private INDArray prepareY(INDArray y, long n, String arg) {
        if (y.rank() == 0 || y.size(0) != n) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected as many samples as x (" + n
                    + "). Received: " + arg + ".shape=" + Shapes.tuple(y.shape()));
        }
        loss.checkShapes(y.shape(), Shapes.prepend(n, outputShape()));
        INDArray f = y.dataType() == DataType.FLOAT ? y : y.castTo(DataType.FLOAT);
        checkFinite(f, arg);
        if (loss.sparseLabels()) {
            long classes = outputShape()[outputShape().length - 1];
            double min = f.minNumber().doubleValue();
            double max = f.maxNumber().doubleValue();
            if (min < 0 || max >= classes || !f.eq(org.nd4j.linalg.ops.transforms.Transforms.floor(f, true)).all()) {
                throw new IllegalArgumentException("Invalid `" + arg + "` for loss `" + loss.name() + "`: expected integer "
                        + "class labels in [0, " + classes + "). Received: values in [" + min + ", " + max + "].");
            }
        }
        // DL4J's output layers need 2-D labels: (n,) becomes (n, 1), which every loss reads the same way.
        return Batches.contiguous(f.rank() == 1 ? f.reshape(f.length(), 1) : f);
    }

    private static void checkFinite(INDArray a, String arg) {
        if (BooleanIndexing.or(a, Conditions.isNan())) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: it contains NaN values. Clean or impute the data "
                    + "before training.");
        }
        if (BooleanIndexing.or(a, Conditions.isInfinite())) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: it contains infinite values. Clip or rescale the "
                    + "data before training.");
        }
    }

    // ---------------------------------------------------------------- summary

    /** Prints Keras's summary table to standard output. */
    public void summary() {
        summary(System.out);
    }

    public void summary(PrintStream out) {
        out.print(summaryString());
        out.flush();
    }

    /** Keras 3's summary as text: {@code Model: "name"}, the layer table, the parameter totals. */
    public String summaryString() {
        requireBuilt("summary");
        SummaryTable t = new SummaryTable(76, new double[] {0.45, 0.80, 1.0},
                new String[] {"Layer (type)", "Output Shape", "Param #"}, new boolean[] {false, false, true});
        for (Layer l : layers()) {
            t.addRow(l.name() + " (" + l.className() + ")", Shapes.withBatch(l.outputShape()),
                    SummaryTable.thousands(l.countParams()));
        }
        return header() + t.render() + totals();
    }

    protected final String header() {
        return "Model: \"" + name + "\"\n";
    }

    protected final String totals() {
        long total = countParams();
        long trainable = countTrainableParams();
        long non = total - trainable;
        return " Total params: " + SummaryTable.thousands(total) + " (" + SummaryTable.readableSize(total * 4.0) + ")\n"
                + " Trainable params: " + SummaryTable.thousands(trainable) + " (" + SummaryTable.readableSize(trainable * 4.0)
                + ")\n"
                + " Non-trainable params: " + SummaryTable.thousands(non) + " (" + SummaryTable.readableSize(non * 4.0) + ")\n";
    }

    // ---------------------------------------------------------------- saving

    /**
     * Saves configuration, weights and optimizer state in one file (a zip of JSON and .npy entries),
     * written atomically: a crash mid-write never leaves a half-written file at {@code path}.
     */
    public void save(Path path) throws IOException {
        requireBuilt("save");
        ModelIO.save(this, runtime(), path);
    }

    /** Loads a model saved with {@link #save(Path)}; refuses files with Java-serialized entries. */
    public static Model load(Path path) throws IOException {
        return ModelIO.load(path);
    }

    /** For {@code ModelIO}: restores optimizer state and step count after weights are set. */
    public final void restoreTrainingState(INDArray optimizerState, long iterations) {
        NetworkRuntime rt = runtime();
        rt.setOptimizerState(optimizerState);
        rt.setIterations(iterations);
    }

    @Override
    public String toString() {
        return className() + "(name=" + name + ", layers=" + layers().size() + ")";
    }
}
