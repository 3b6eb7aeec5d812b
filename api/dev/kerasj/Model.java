package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.Dataset;
import dev.kerasj.internal.Batches;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.KerasRandom;
import dev.kerasj.internal.NativeStartup;
import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.internal.Shapes;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.losses.Loss;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.Metric;
import dev.kerasj.metrics.Metrics;
import dev.kerasj.optimizers.Optimizer;
import dev.kerasj.optimizers.Optimizers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

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
 * <p>{@code new Model(inputs, outputs)} is Keras's functional API: a graph from {@link Input}s through
 * {@link Layer#apply(KerasTensor...)} calls to the outputs, with merges ({@code Add}, {@code Concatenate}…),
 * shared layers (one layer applied twice shares its weights), several inputs and several outputs
 * (one loss per output, weighted by {@code loss_weights}; logs {@code <output>_loss} and
 * {@code <output>_<metric>}). Its default name is {@code "functional"}. {@link Sequential} is the special
 * case of a chain and shares every method below.
 *
 * <pre>{@code
 * Input inputs = new Input(120, 14);
 * KerasTensor x = new LSTM(16).apply(inputs);
 * KerasTensor outputs = new Dense(1).apply(x);
 * Model model = new Model(inputs, outputs);      // 2,001 parameters
 * }</pre>
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
public class Model implements dev.kerasj.callbacks.TrainingContext {
    static {
        NativeStartup.apply();   // before ND4J starts
        dev.kerasj.internal.runtime.ModelRuntimes.install(m -> ((Model) m).runtime());
    }

    /** Keras's default batch size for {@code fit}, {@code evaluate} and {@code predict}. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    static {
        ModelIO.registerModelClass("Functional", Functional::fromConfig);
    }

    private String name;
    /** The functional graph; {@code null} for subclasses that define their own structure (Sequential). */
    private final Functional graph;
    /** What compile() fixed; {@code null} until compiled. */
    private CompileConfig compiled;
    /** The keys of the map form of the constructor, or {@code null}. */
    private List<String> inputKeys;
    private List<String> outputKeys;
    private final RuntimeHolder engine = new RuntimeHolder(this, this::newRuntime);
    /** Set by the file readers: every weight is written right after the network is built, so none is drawn. */
    private boolean weightsComeFromFile;
    private boolean stopTraining;
    private int completedEpochs;

    /** For subclasses that define their own structure by overriding the structure methods (Sequential). */
    protected Model(String name) {
        this.name = name;
        this.graph = null;
    }

    /**
     * A functional model from one {@link Input} to one output tensor. Fails, naming the layers and shapes,
     * when the output does not come from {@code inputs} alone.
     */
    public Model(KerasTensor inputs, KerasTensor outputs) {
        this(Collections.singletonList(inputs), Collections.singletonList(outputs));
    }

    /**
     * A functional model with several inputs and/or outputs; data and labels are then passed as arrays
     * in this order ({@code fit(INDArray[], INDArray[], …)}). Checks at once that every output is computed
     * from these inputs only and that every input is used. Layers that belong to another model (a trained
     * block) join this one with their current weights, copied: training one model does not change the other.
     */
    public Model(List<? extends KerasTensor> inputs, List<? extends KerasTensor> outputs) {
        this.name = "functional";
        this.graph = new Functional(inputs, outputs);
        dev.kerasj.internal.runtime.MaskPlan.functional(graph.inputs(), graph.nodes(), graph.outputs()); // refusals, at once
        // Layers taken from another model (a trained block, a nested model) keep their current weights:
        // bindLayers() carries them over.
        bindLayers();
    }

    /**
     * A functional model with named inputs and outputs (Keras's dicts): data may then be passed as maps
     * keyed by these names ({@code fit(Map, Map, …)}), and per-output logs use the output keys
     * ({@code <key>_loss}). The maps' iteration order is the order of the array forms.
     */
    public Model(Map<String, ? extends KerasTensor> inputs, Map<String, ? extends KerasTensor> outputs) {
        this(new ArrayList<>(Checks.notNull("inputs", inputs).values()),
                new ArrayList<>(Checks.notNull("outputs", outputs).values()));
        this.inputKeys = List.copyOf(inputs.keySet());
        this.outputKeys = List.copyOf(outputs.keySet());
    }

    /** The keys of the model's inputs: the names given in the map form, else the Input layers' names. */
    public List<String> inputNames() {
        if (inputKeys != null) {
            return inputKeys;
        }
        if (graph == null) {
            return List.of("input");
        }
        List<String> out = new ArrayList<>();
        graph.inputs().forEach(i -> out.add(i.name()));
        return out;
    }

    /**
     * The dtype of each input, in input order, as Keras's {@code [t.dtype for t in model.inputs]}:
     * {@code "float32"} unless an {@code Input} declared another ({@code "string"} for raw text columns).
     */
    public List<String> inputDtypes() {
        List<Input> inputs = inputLayers();
        if (inputs.isEmpty()) {
            return List.of("float32");
        }
        return inputs.stream().map(Input::dtype).toList();
    }

    /** Arrays from a map keyed by {@code keys}, in key order; fails listing missing and unexpected keys. */
    private static INDArray[] byName(Map<String, INDArray> data, List<String> keys, String arg) {
        Checks.notNull(arg, data);
        if (!new HashSet<>(keys).equals(data.keySet())) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected one array for each of " + keys
                    + ". Received keys: " + data.keySet() + ".");
        }
        INDArray[] out = new INDArray[keys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(keys.get(i));
        }
        return out;
    }

    /** {@link #fit(INDArray[], INDArray[], FitOptions)} with data keyed by {@link #inputNames()} and {@link #outputNames()}. */
    public History fit(Map<String, INDArray> x, Map<String, INDArray> y, FitOptions options) {
        return fit(byName(x, inputNames(), "x"), byName(y, outputNames(), "y"), options);
    }

    /** {@link #evaluate(INDArray[], INDArray[], int)} with data keyed by input and output names. */
    public Map<String, Double> evaluate(Map<String, INDArray> x, Map<String, INDArray> y, int batchSize) {
        return evaluate(byName(x, inputNames(), "x"), byName(y, outputNames(), "y"), batchSize);
    }

    /** {@link #predict(INDArray[], int)} with inputs keyed by name; returns the outputs keyed by {@link #outputNames()}. */
    public Map<String, INDArray> predict(Map<String, INDArray> x, int batchSize) {
        INDArray[] out = predict(byName(x, inputNames(), "x"), batchSize);
        Map<String, INDArray> named = new java.util.LinkedHashMap<>();
        List<String> names = outputNames();
        for (int j = 0; j < out.length; j++) {
            named.put(names.get(j), out[j]);
        }
        return Collections.unmodifiableMap(named);
    }

    // ---------------------------------------------------------------- nesting

    /**
     * Uses this model as a layer of a new functional model (Keras's {@code model(x)}): its layers are
     * applied again to {@code inputs} (one tensor per model input) and the model's output is returned.
     * The new model takes the layers over with their current weights (e.g. a trained block), copied:
     * from then on train and save the new model. Its summary lists the nested layers one by one.
     *
     * <pre>{@code
     * Sequential block = new Sequential(new Input(8), new Dense(8, "relu"), new Dense(8));
     * Input x = new Input(8);
     * Model outer = new Model(x, new Add().apply(x, block.apply(x)));
     * }</pre>
     */
    public KerasTensor apply(KerasTensor... inputs) {
        List<KerasTensor> outs = applyAll(inputs == null ? null : Arrays.asList(inputs));
        if (outs.size() != 1) {
            throw new IllegalArgumentException("Model '" + name + "' has " + outs.size() + " outputs; use applyAll(…), "
                    + "which returns one tensor per output.");
        }
        return outs.get(0);
    }

    /** {@link #apply(KerasTensor...)} returning every output of this model, in order. */
    public List<KerasTensor> applyAll(List<? extends KerasTensor> inputs) {
        return replay(inputs);
    }

    /** Applies the model's layers to {@code inputs}; Sequential overrides it with its chain. */
    protected List<KerasTensor> replay(List<? extends KerasTensor> inputs) {
        return graph.replay(name, inputs);
    }

    // ---------------------------------------------------------------- structure (Sequential overrides)
    // Functional models answer from their graph; Sequential overrides these methods.

    /** The layers, without the inputs, in order. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(graph.layers());
    }

    /** The sample shape of the model's only input (no batch axis), or {@code null} while unknown. */
    public long[] inputShape() {
        return single(inputShapes(), "input", "inputShapes()");
    }

    /** The sample shape of the model's only output (no batch axis). */
    public long[] outputShape() {
        return single(outputShapes(), "output", "outputShapes()");
    }

    /** The sample shapes of the model's inputs, in order (no batch axis), or {@code null} while unknown. */
    public List<long[]> inputShapes() {
        if (graph == null) {
            long[] s = inputShape();
            return s == null ? null : List.<long[]>of(s);
        }
        List<long[]> out = new ArrayList<>();
        graph.inputs().forEach(i -> out.add(i.shape()));
        return out;
    }

    /** The sample shapes of the model's outputs, in order (no batch axis). */
    public List<long[]> outputShapes() {
        if (graph == null) {
            return List.<long[]>of(outputShape());
        }
        List<long[]> out = new ArrayList<>();
        graph.outputs().forEach(o -> out.add(o.shape()));
        return out;
    }

    private long[] single(List<long[]> shapes, String what, String instead) {
        if (shapes == null) {
            return null;
        }
        if (shapes.size() != 1) {
            throw new IllegalStateException("Model '" + name + "' has " + shapes.size() + " " + what + "s; use " + instead
                    + ".");
        }
        return shapes.get(0);
    }

    /**
     * The outputs' names, in order: the keys of the map form, else the output layers' names (Keras's
     * prefixes of per-output logs: {@code dense_1_loss}).
     */
    public List<String> outputNames() {
        if (outputKeys != null) {
            return outputKeys;
        }
        if (graph == null) {
            List<Layer> ls = layers();
            return List.of(ls.isEmpty() ? "output" : ls.get(ls.size() - 1).name());
        }
        List<String> out = new ArrayList<>();
        graph.outputs().forEach(o -> out.add(o.layer().name()));
        return out;
    }

    /** Keras's class name ({@code "Sequential"}, {@code "Functional"}). */
    public String className() {
        return "Functional";
    }

    /** The model's Keras-style config: its name and its layers' configs (for graphs, with their connections). */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = graph.getConfig(name);
        if (inputKeys != null) {
            c.put("input_keys", inputKeys);
            c.put("output_keys", outputKeys);
        }
        return c;
    }

    private NetworkRuntime newRuntime() {
        SplittableRandom rng = weightsComeFromFile ? null : KerasRandom.split();
        weightsComeFromFile = false;
        return createRuntime(optimizer(), loss(), rng);
    }

    /**
     * For the model-file readers: the next network is built without drawing initial weights (the reader writes
     * every weight at once; drawing 25 million values took longer than reading them from the file).
     */
    final void weightsComeFromFile() {
        weightsComeFromFile = true;
    }

    /** Builds a runtime for the current layers, with weights drawn from {@code rng} ({@code null}: left for the caller). */
    protected NetworkRuntime createRuntime(Optimizer optimizer, Loss loss, SplittableRandom rng) {
        return dev.kerasj.internal.runtime.Engine.get().graph(graph.inputs(), graph.nodes(), graph.outputs(), optimizer, losses(),
                lossWeights(), rng);
    }

    /** Builds the layers for data of sample shape {@code shape} when the model's input shape was not declared. */
    protected void buildForData(long[] shape) {
        // A functional model is built when it is created.
    }

    // ---------------------------------------------------------------- naming

    public String name() {
        return name;
    }

    public Model name(String name) {
        this.name = name;
        return this;
    }

    /** The layer called {@code name} (for functional models, inputs included); fails listing the model's layer names. */
    public Layer getLayer(String name) {
        List<String> names = new ArrayList<>();
        List<Layer> all = new ArrayList<>(graph == null ? List.of() : graph.inputs());
        all.addAll(layers());
        for (Layer l : all) {
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

    /**
     * Keras's {@code model.trainable = flag}: sets the flag of every layer, e.g. {@code base.trainable(false)} to
     * freeze a pretrained base before putting a new head on it. A frozen BatchNormalization runs in inference mode.
     * The change takes effect at the next {@code fit}.
     *
     * <pre>{@code
     * Model base = Applications.mobileNetV2(ApplicationOptions.defaults().includeTop(false));
     * base.trainable(false);
     * }</pre>
     */
    public Model trainable(boolean trainable) {
        for (Layer l : layers()) {
            l.trainable(trainable);
        }
        return this;
    }

    /** Whether any layer is trainable (Keras: the model's flag, which its layers follow). */
    public boolean trainable() {
        for (Layer l : layers()) {
            if (l.trainable()) {
                return true;
            }
        }
        return false;
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
        return inputShapes() != null;
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

    /**
     * Configures training with any mix of Keras names and typed objects, as Keras's {@code compile}
     * accepts either: {@code compile(new Adam(1e-3).clipnorm(1.0), "huber", "mae", new AUC())}.
     * Unknown names fail listing the valid ones.
     */
    public void compile(Object optimizer, Object loss, Object... metrics) {
        List<Metric> m = new ArrayList<>();
        for (Object o : metrics == null ? new Object[0] : metrics) {
            m.add(Metrics.get(o));
        }
        if (loss instanceof List<?> perOutput) {
            List<Loss> ls = new ArrayList<>();
            for (Object l : perOutput) {
                ls.add(Losses.get(l));
            }
            compile(Optimizers.get(optimizer), ls, null, m.toArray(new Metric[0]));
            return;
        }
        compile(Optimizers.get(optimizer), Losses.get(loss), m.toArray(new Metric[0]));
    }

    /**
     * Configures training with typed objects, e.g. {@code compile(new Adam(1e-3), new MeanSquaredError())}.
     * A model with several outputs applies {@code loss} and each metric to every output, as Keras does.
     */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        if (loss == null) {
            throw new IllegalArgumentException("Invalid `loss`: expected a name such as \"mse\" or a Loss. Received: loss=null");
        }
        compile(optimizer, Collections.nCopies(numOutputs(), loss), null, metrics);
    }

    /**
     * Configures a multi-output model with Keras string identifiers: one loss per output, in output
     * order, and {@code lossWeights} (one per output, or {@code null} for all 1).
     */
    public void compile(String optimizer, List<String> losses, double[] lossWeights, String... metrics) {
        List<Loss> ls = new ArrayList<>();
        for (String l : losses) {
            ls.add(Losses.get(l));
        }
        List<Metric> m = new ArrayList<>();
        for (String s : metrics) {
            m.add(Metrics.get(s));
        }
        compile(Optimizers.get(optimizer), ls, lossWeights, m.toArray(new Metric[0]));
    }

    /**
     * Configures training with one loss per output and Keras's {@code loss_weights}: the loss minimised
     * (and logged as {@code loss}) is {@code Σ_j lossWeights[j] × loss_j} plus regularization penalties.
     * {@code lossWeights} {@code null} means all 1. Each metric is measured on every output.
     */
    public void compile(Optimizer optimizer, List<Loss> losses, double[] lossWeights, Metric... metrics) {
        this.compiled = CompileConfig.of(optimizer, losses, lossWeights, metrics, numOutputs(), outputNames());
        engine.compiled(); // Keras keeps the weights across compile() and starts the optimizer afresh
    }

    public boolean isCompiled() {
        return compiled != null;
    }

    /** What compile() fixed, as saved in the model file; {@code null} before compile. */
    final CompileConfig compileConfig() {
        return compiled;
    }

    public Optimizer optimizer() {
        return compiled == null ? null : compiled.optimizer();
    }

    /** The loss (of the first output when there are several), or {@code null} before compile. */
    public Loss loss() {
        return compiled == null ? null : compiled.losses().get(0);
    }

    /** One loss per output, or {@code null} before compile. */
    public List<Loss> losses() {
        return compiled == null ? null : compiled.losses();
    }

    /** Keras's {@code loss_weights}, one per output, or {@code null} (all 1). */
    public double[] lossWeights() {
        return compiled == null ? null : compiled.lossWeights();
    }

    private int numOutputs() {
        return graph == null ? 1 : graph.outputs().size();
    }

    public List<Metric> metrics() {
        return compiled == null ? List.of() : compiled.metrics();
    }

    // ---------------------------------------------------------------- runtime

    /** The engine, built on demand (see {@link RuntimeHolder}: rebuilt after compile, freezing or a structural change). */
    protected final NetworkRuntime runtime() {
        requireBuilt("the network");
        return engine.get();
    }

    /** Lets each layer reach its weights through this model; a layer from another model brings its weights. */
    protected final void bindLayers() {
        engine.bindLayers();
    }

    /** Marks the engine out of date after a structural change (a layer added or removed); weights are kept. */
    protected final void structureChanged() {
        engine.structureChanged();
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
        return fit(new INDArray[] {x}, new INDArray[] {y}, options);
    }

    /**
     * Trains a model with several inputs and/or outputs: one array per input in {@code x} and one per
     * output in {@code y}, in the order given to {@code new Model(inputs, outputs)}, all with the same
     * number of samples. Validation: {@code validationSplit} (the last fraction of every array), or
     * {@code validationData} for single-input, single-output models.
     */
    public History fit(INDArray[] x, INDArray[] y, FitOptions options) {
        if (!isCompiled()) {
            throw new IllegalStateException("You must call compile() before using the model: e.g. "
                    + "model.compile(\"rmsprop\", \"sparse_categorical_crossentropy\", \"accuracy\").");
        }
        if (options == null) {
            options = FitOptions.defaults();
        }
        INDArray[] xs = prepareInputs(x, "x");
        INDArray[] ys = prepareLabels(y, xs[0].size(0), "y");
        INDArray[] xVal = null;
        INDArray[] yVal = null;
        if (options.validationDataset() != null) {
            return trainer().fit(xs, ys, null, null, null, checkedBatches(options.validationDataset(), "validation_data"),
                    options);
        } else if (options.validationX() != null) {
            xVal = prepareInputs(new INDArray[] {options.validationX()}, "validation_data x");
            yVal = prepareLabels(new INDArray[] {options.validationY()}, xVal[0].size(0), "validation_data y");
        } else if (options.validationSplit() > 0) {
            long n = xs[0].size(0);
            long split = (long) Math.floor(n * (1.0 - options.validationSplit()));
            if (split == 0 || split == n) {
                throw new IllegalArgumentException("Invalid `validation_split`=" + options.validationSplit() + " for " + n
                        + " samples: it leaves " + split + " for training and " + (n - split) + " for validation; both must "
                        + "be at least 1.");
            }
            xVal = slice(xs, split, n);
            yVal = slice(ys, split, n);
            xs = slice(xs, 0, split);
            ys = slice(ys, 0, split);
        }
        return trainer().fit(xs, ys, xVal, yVal, options);
    }

    /**
     * Trains on the batches of a {@code MultiDataSetIterator} (features: one array per input; labels: one
     * per output). The iterator is read once into memory, then trained on as arrays with {@code options}
     * (its batch size, shuffling and validation split apply); masks are not supported.
     */
    public History fit(org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator data, FitOptions options) {
        INDArray[][] all = DataAdapters.gather(data);
        return fit(all[0], all[1], options);
    }

    private static INDArray[] slice(INDArray[] arrays, long from, long to) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = Batches.slice(arrays[i], from, to);
        }
        return out;
    }

    private Trainer trainer() {
        return new Trainer(this, runtime(), losses(), lossWeights(), outputNames(), metrics());
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
        INDArray[] xVal = o.validationX() == null ? null
                : prepareInputs(new INDArray[] {o.validationX()}, "validation_data x");
        INDArray[] yVal = o.validationX() == null ? null
                : prepareLabels(new INDArray[] {o.validationY()}, xVal[0].size(0), "validation_data y");
        Trainer.BatchSource source = DataAdapters.stream(iterator, ds -> {
            INDArray[] xb = prepareInputs(new INDArray[] {ds.getFeatures()}, "x");
            return new INDArray[][] {xb, prepareLabels(new INDArray[] {ds.getLabels()}, xb[0].size(0), "y")};
        });
        return trainer().fit(source, xVal, yVal, o);
    }

    /**
     * Trains on a {@link Dataset} (e.g. {@code ImageDatasets.fromDirectory}), one pass per epoch, as Keras's
     * {@code fit(dataset)}: the data set decides the batch size and the shuffling ({@code batchSize} and
     * {@code shuffle} of the options do not apply); {@code validationSplit} is refused, as in Keras (split the
     * data set instead); {@code validationData} (arrays or a data set) validates after each epoch.
     */
    public History fit(Dataset data, FitOptions options) {
        requireCompiled("fit");
        dev.kerasj.internal.Checks.notNull("x", data);
        FitOptions o = options == null ? FitOptions.defaults() : options;
        if (o.validationSplit() > 0) {
            throw new IllegalArgumentException("Invalid `validation_split` with a data set: it is only supported for "
                    + "arrays. Received: validation_split=" + o.validationSplit() + ". Take a validation subset instead, "
                    + "e.g. ImageDatasets.fromDirectoryBoth(dir, options.validationSplit(0.2).seed(1337)), and pass it "
                    + "with validationData(dataset).");
        }
        buildFromFirstBatch(data);
        Trainer.BatchSource val = o.validationDataset() == null ? null : checkedBatches(o.validationDataset(), "validation_data");
        INDArray[] xVal = o.validationX() == null || val != null ? null
                : prepareInputs(new INDArray[] {o.validationX()}, "validation_data x");
        INDArray[] yVal = xVal == null ? null
                : prepareLabels(new INDArray[] {o.validationY()}, xVal[0].size(0), "validation_data y");
        return trainer().fit(null, null, checkedBatches(data, "x"), xVal, yVal, val, o);
    }

    /** Loss and metrics over one pass of {@code data}, as {@link #evaluate(INDArray, INDArray)}. */
    public Map<String, Double> evaluate(Dataset data) {
        requireCompiled("evaluate");
        dev.kerasj.internal.Checks.notNull("x", data);
        buildFromFirstBatch(data);
        return Collections.unmodifiableMap(trainer().evaluate(checkedBatches(data, "x")));
    }

    /**
     * Outputs for every sample of one pass of {@code data} in inference mode (labels, if any, unused), in the
     * data set's order: a shuffled data set gives its samples in a new order at each pass.
     */
    public INDArray predict(Dataset data) {
        dev.kerasj.internal.Checks.notNull("x", data);
        buildFromFirstBatch(data);
        Dataset.Passes pass = data.iterator();
        java.util.Iterator<INDArray[]> inputs = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return pass.hasNext();
            }

            @Override
            public INDArray[] next() {
                return prepareInputs(pass.next().inputs(), "x");
            }
        };
        try {
            return Trainer.predict(runtime(), inputs)[0];
        } finally {
            pass.close();
        }
    }

    private void requireCompiled(String call) {
        if (!isCompiled()) {
            throw new IllegalStateException("You must call compile() before " + call + "(): e.g. "
                    + "model.compile(\"rmsprop\", \"sparse_categorical_crossentropy\", \"accuracy\").");
        }
    }

    /** A model without a declared input shape is built from the shape of the data set's first batch. */
    private void buildFromFirstBatch(Dataset data) {
        if (isBuilt()) {
            return;
        }
        try (Dataset.Passes pass = data.iterator()) {
            if (!pass.hasNext()) {
                throw new IllegalArgumentException("Invalid `x`: the data set gave no batches.");
            }
            buildForData(Shapes.dropFirst(pass.next().x().shape()));
        }
    }

    /** The batches of {@code data}, checked like arrays; a batch without labels is refused for training. */
    private Trainer.BatchSource checkedBatches(Dataset data, String arg) {
        return DataAdapters.stream(data, b -> {
            INDArray[] xb = prepareInputs(b.inputs(), arg);
            if (b.y() == null) {
                throw new IllegalArgumentException("Invalid `" + arg + "`: the data set has no labels (label_mode=None), "
                        + "so it can be used by predict() only. Load it with labels, e.g. labelMode(\"int\").");
            }
            return new INDArray[][] {xb, prepareLabels(new INDArray[] {b.y()}, xb[0].size(0), arg + " labels")};
        });
    }

    /** Loss and metrics on (x, y), batch size 32: an ordered map, {@code loss} first, then metrics in compile order. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, DEFAULT_BATCH_SIZE);
    }

    public Map<String, Double> evaluate(INDArray x, INDArray y, int batchSize) {
        return evaluate(new INDArray[] {x}, new INDArray[] {y}, batchSize);
    }

    /**
     * Loss and metrics of a model with several inputs/outputs: {@code loss} (weighted sum), then
     * {@code <output>_loss} per output, then {@code <output>_<metric>}, as Keras logs them.
     */
    public Map<String, Double> evaluate(INDArray[] x, INDArray[] y, int batchSize) {
        if (!isCompiled()) {
            throw new IllegalStateException("You must call compile() before evaluate(): e.g. "
                    + "model.compile(\"rmsprop\", \"sparse_categorical_crossentropy\", \"accuracy\").");
        }
        dev.kerasj.internal.Checks.positive("batch_size", batchSize);
        INDArray[] xs = prepareInputs(x, "x");
        INDArray[] ys = prepareLabels(y, xs[0].size(0), "y");
        return Collections.unmodifiableMap(trainer().evaluate(xs, ys, batchSize));
    }

    /** Outputs for every sample of {@code x} in inference mode, batch size 32. Works without {@code compile}. */
    public INDArray predict(INDArray x) {
        return predict(x, DEFAULT_BATCH_SIZE);
    }

    public INDArray predict(INDArray x, int batchSize) {
        if (graph != null && graph.outputs().size() != 1) {
            throw new IllegalArgumentException("Model '" + name + "' has " + graph.outputs().size() + " outputs "
                    + outputNames() + "; use predict(INDArray[] x, batchSize), which returns one array per output.");
        }
        return predict(new INDArray[] {x}, batchSize)[0];
    }

    /** Outputs of a model with several inputs and/or outputs: one array per output, in output order. */
    public INDArray[] predict(INDArray[] x, int batchSize) {
        dev.kerasj.internal.Checks.positive("batch_size", batchSize);
        INDArray[] xs = prepareInputs(x, "x");
        return Trainer.predict(runtime(), xs, batchSize, outputShapes());
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
        dev.kerasj.internal.Checks.positiveFloat("learning_rate", learningRate);
        runtime().setLearningRate(learningRate);
    }

    /**
     * The number of epochs {@code fit} has completed on this model (the last epoch index + 1): what a
     * resumed run passes as {@code initialEpoch}. Saved in {@code .kerasj} files, so a model loaded from a
     * {@code ModelCheckpoint} file knows where to resume.
     */
    public int completedEpochs() {
        return completedEpochs;
    }

    /** For the trainer and {@code ModelIO}: records the epochs completed so far. */
    public final void setCompletedEpochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("Received an invalid value for `epochs`, expected a non-negative integer. "
                    + "Received: epochs=" + epochs);
        }
        this.completedEpochs = epochs;
    }

    // ---------------------------------------------------------------- data checks

    /** Checks one array per input (building a Sequential for the data's shape first when needed). */
    private INDArray[] prepareInputs(INDArray[] x, String arg) {
        dev.kerasj.internal.Checks.notNull(arg, x);
        x = StringInputs.lookUp(this, x, arg);
        for (int i = 0; i < x.length; i++) {
            DataChecks.requireSamples(x[i], x.length == 1 ? arg : arg + "[" + i + "]",
                    isBuilt() ? inputShapes().get(Math.min(i, inputShapes().size() - 1)) : null);
        }
        if (x.length > 0 && x[0] != null && !isBuilt()) {
            buildForData(Shapes.dropFirst(x[0].shape()));
        }
        List<long[]> expected = inputShapes();
        if (x.length != expected.size()) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: model '" + name + "' expects " + expected.size()
                    + " input array(s), one per Input" + inputDescriptions() + ". Received: " + x.length + " array(s).");
        }
        INDArray[] out = new INDArray[x.length];
        for (int i = 0; i < x.length; i++) {
            String a = x.length == 1 ? arg : arg + "[" + i + "]";
            dev.kerasj.internal.Checks.notNull(a, x[i]);
            String reader = graph != null ? graph.inputs().get(i).name() : layers().isEmpty() ? "input" : layers().get(0).name();
            out[i] = DataChecks.input(x[i], expected.get(i), graph != null ? i : 0, reader, a);
            if (out[i].size(0) != out[0].size(0)) {
                throw new IllegalArgumentException("Invalid `" + arg + "`: all input arrays must have the same number of "
                        + "samples. Received: " + arg + "[0] with " + out[0].size(0) + " and " + a + " with "
                        + out[i].size(0) + ".");
            }
        }
        return out;
    }

    /** The model's Input layers, in input order (empty while a Sequential's input is not known yet). */
    List<Input> inputLayers() {
        return graph == null ? List.of() : graph.inputs();
    }

    /** The layers applied directly to model input {@code i}. */
    List<Layer> inputReaders(int i) {
        if (graph == null) {
            return List.of();
        }
        Input in = graph.inputs().get(i);
        List<Layer> out = new ArrayList<>();
        for (KerasTensor node : graph.nodes()) {
            if (node.layer() != in && node.inboundTensors().stream().anyMatch(t -> t == in) && !out.contains(node.layer())) {
                out.add(node.layer());
            }
        }
        return out;
    }

    private String inputDescriptions() {
        if (graph == null) {
            return "";
        }
        List<String> d = new ArrayList<>();
        graph.inputs().forEach(in -> d.add(in.name() + " " + Shapes.withBatch(in.shape())));
        return " " + d;
    }

    /** Checks one label array per output against that output's loss and shape. */
    private INDArray[] prepareLabels(INDArray[] y, long n, String arg) {
        dev.kerasj.internal.Checks.notNull(arg, y);
        List<long[]> shapes = outputShapes();
        if (y.length != shapes.size()) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: model '" + name + "' expects " + shapes.size()
                    + " label array(s), one per output " + outputNames() + ". Received: " + y.length + " array(s).");
        }
        INDArray[] out = new INDArray[y.length];
        for (int j = 0; j < y.length; j++) {
            String a = y.length == 1 ? arg : arg + "[" + j + "]";
            dev.kerasj.internal.Checks.notNull(a, y[j]);
            out[j] = DataChecks.labels(y[j], n, losses().get(j), shapes.get(j), a);
        }
        return out;
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

    /**
     * Keras 3's summary as text: {@code Model: "name"}, the layer table, the parameter totals. Functional
     * models list their InputLayer rows, and graphs that are not a chain add the {@code Connected to} column.
     */
    public String summaryString() {
        requireBuilt("summary");
        return ModelSummary.text(this, graph != null ? graph.summaryTable() : ModelSummary.chain(layers()));
    }

    // ---------------------------------------------------------------- saving

    /**
     * Saves configuration, weights and optimizer state in one file (a zip of JSON and .npy entries),
     * written atomically: a crash mid-write never leaves a half-written file at {@code path}.
     */
    public void save(Path path) throws IOException {
        save(path, true);
    }

    /**
     * Saves the model; with {@code includeOptimizer} false the optimizer state (and step count) is left out,
     * as Keras's {@code save_weights_only} checkpoints do, and a loaded copy starts its optimizer afresh.
     */
    public void save(Path path, boolean includeOptimizer) throws IOException {
        requireBuilt("save");
        String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (file.endsWith(".keras")) {
            KerasFileWriter.save(this, path);
        } else if (file.endsWith(".h5") || file.endsWith(".hdf5")) {
            throw new IllegalArgumentException("Invalid `path` " + path + ": kerasj reads Keras's legacy .h5 files but writes "
                    + "Keras 3's .keras (which Keras recommends) and its own .kerasj. Use a .keras or .kerasj name.");
        } else {
            ModelIO.save(this, runtime(), path, includeOptimizer);
        }
    }

    /**
     * Loads a model file, recognised by its content: kerasj's {@code .kerasj}, Keras 3's {@code .keras}, or a
     * whole-model {@code .h5} written by Keras 1/2 or tf.keras; the file's compile config is applied. Refuses
     * files with Java-serialized entries and Keras files with Python code ({@code Lambda}).
     *
     * <pre>{@code
     * Model m = Model.load(Path.of("trained_in_python.keras"));
     * }</pre>
     */
    public static Model load(Path path) throws IOException {
        return ModelIO.load(path);
    }

    /** Loads a model file as {@link #load(Path)} does, with Keras's {@code custom_objects} and {@code compile}. */
    public static Model load(Path path, LoadOptions options) throws IOException {
        if (options == null) {
            throw new IllegalArgumentException("Invalid `options`: expected LoadOptions. Received: null.");
        }
        return ModelIO.load(path, options);
    }

    /**
     * Loads weights written by Keras ({@code model.save_weights}: a Keras 2 {@code .h5}, or Keras 3's
     * {@code .weights.h5}) into this model, as Keras's {@code load_weights}: Keras 2 files layer by layer in
     * order of the layers that have weights, Keras 3 files by Keras's paths; every shape is checked first.
     */
    public void loadWeights(Path path) throws IOException {
        requireBuilt("loadWeights");
        KerasFileReader.loadWeights(this, path);
    }

    /**
     * Keras 2's {@code load_weights(path, by_name=byName)}: with {@code byName}, each layer of a Keras 2 weights
     * {@code .h5} goes to the layer of the same name (layers either side lacks are left alone), so files of
     * architectures built in another layer order (Keras's applications) load; without, as {@link #loadWeights(Path)}.
     */
    public void loadWeights(Path path, boolean byName) throws IOException {
        requireBuilt("loadWeights");
        if (byName) {
            KerasFileReader.loadWeightsByName(this, path);
        } else {
            KerasFileReader.loadWeights(this, path);
        }
    }

    /**
     * For {@code ModelIO}: restores optimizer state and step count after weights are set. The state is read
     * by {@code optimizerState}, told how many values this model's optimizer keeps (null: none saved).
     */
    public final void restoreTrainingState(ModelIO.StateSource optimizerState, long iterations) throws IOException {
        NetworkRuntime rt = runtime();
        INDArray state = optimizerState.read(rt.optimizerStateLength());
        try {
            rt.setOptimizerState(state);
        } finally {
            if (state != null && state.closeable()) {
                state.close(); // copied into the updater; freed now rather than at some later GC
            }
        }
        rt.setIterations(iterations);
    }

    @Override
    public String toString() {
        return className() + "(name=" + name + ", layers=" + layers().size() + ")";
    }
}
