package dev.kerasj.models;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.CsvDataset;
import dev.kerasj.layers.Concatenate;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.IntegerLookup;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Normalization;
import dev.kerasj.layers.StringLookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code tabular} recipe: a small MLP on a CSV table, after Keras's "Structured data classification from
 * scratch": one input per feature column, each preprocessed inside the model so that {@code predict} takes raw
 * rows —
 *
 * <pre>{@code
 * numeric column  Input(1)                 → Normalization(mean, variance of the training rows)
 * string column   Input(1).dtype("string") → StringLookup(vocabulary, output_mode="one_hot")
 * integer codes   Input(1)                 → IntegerLookup(vocabulary, output_mode="one_hot")
 *   → Concatenate → Dense(32, relu) → Dropout(0.5) → Dense(1, sigmoid)   two classes: binary_crossentropy
 *                                                   → Dense(k, softmax)   k classes:   sparse_categorical_crossentropy
 * }</pre>
 *
 * <p>The table is read by {@link CsvDataset} (types inferred, rows with missing values left out and reported);
 * 20 % of the rows are held out as the test set, then 20 % of the rest for validation (each split as Keras's
 * loaders split: NumPy's shuffle with the seed, the last fraction held out). The vocabularies and the
 * normalization statistics come from the training rows. Reports {@code test_loss} and {@code test_accuracy}.
 * Defaults: {@link #DEFAULTS} (adam 0.001, 50 epochs, batch size 32, seed 1337).
 *
 * <pre>{@code
 * TabularClassifier c = new TabularClassifier(Path.of("penguins.csv"), "Species");
 * Model model = c.build();
 * c.train(model, FitOptions.defaults());
 * c.report(model);   // {test_loss=…, test_accuracy=…}
 * }</pre>
 */
public final class TabularClassifier {
    /** The recipe's name on the command line. */
    public static final String NAME = "tabular";
    /** Training defaults: 50 epochs, batch size 32, adam (0.001), seed 1337; validation split 0.2 of the non-test rows. */
    public static final Hyperparameters DEFAULTS = new Hyperparameters(50, 32, "adam").validationSplit(0.2).seed(1337L);
    /** The fraction of the rows held out for the test. */
    public static final double TEST_SPLIT = 0.2;

    private final Path csv;
    private final CsvDataset.Options options;
    private final Hyperparameters hyperparameters;
    private List<CsvDataset> data;

    /** The recipe on {@code csv} predicting {@code target}, rows with missing values left out. */
    public TabularClassifier(Path csv, String target) {
        this(csv, CsvDataset.options().target(target).missing("drop"), DEFAULTS);
    }

    /** The recipe with the table read by {@code options} (its target set). */
    public TabularClassifier(Path csv, CsvDataset.Options options, Hyperparameters hyperparameters) {
        this.csv = csv;
        this.options = options;
        this.hyperparameters = hyperparameters;
    }

    public TabularClassifier hyperparameters(Hyperparameters h) {
        return new TabularClassifier(csv, options, h);
    }

    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    /** The training, validation and test data sets (the file is scanned once, then reused). */
    public List<CsvDataset> data() {
        if (data == null) {
            CsvDataset table = CsvDataset.read(csv, options.encodeCategories(false).seed(DatasetTraining.splitSeed(hyperparameters))
                    .batchSize(hyperparameters.batchSize()));
            List<CsvDataset> restAndTest = table.split(TEST_SPLIT, DatasetTraining.splitSeed(hyperparameters));
            double split = hyperparameters.validationSplit() > 0 ? hyperparameters.validationSplit() : 0.2;
            List<CsvDataset> trainAndVal = restAndTest.get(0).split(split, DatasetTraining.splitSeed(hyperparameters));
            data = List.of(trainAndVal.get(0), trainAndVal.get(1), restAndTest.get(1));
        }
        return data;
    }

    /** The whole table's description: columns, types, classes, left-out rows. */
    public CsvDataset table() {
        return data().get(0);
    }

    /** The model for the table's columns and classes, compiled with the hyperparameters' optimizer. */
    public Model build() {
        if (hyperparameters.seed() != null) {
            Kerasj.setRandomSeed(hyperparameters.seed());
        }
        CsvDataset train = data().get(0);
        double[][] stats = train.numericStatistics();
        List<Input> inputs = new ArrayList<>();
        List<KerasTensor> encoded = new ArrayList<>();
        int numeric = 0;
        for (String column : train.featureColumns()) {
            Input in = new Input(1).name(CsvDataset.inputName(column));
            String type = train.columnType(column);
            if (type.equals("numeric")) {
                encoded.add(new Normalization(-1, new double[] {stats[0][numeric]}, new double[] {stats[1][numeric]})
                        .apply(in));
                numeric++;
            } else if (type.equals("string")) {
                in.dtype("string");
                List<String> vocabulary = train.vocabulary(column).subList(1, train.vocabulary(column).size());
                encoded.add(new StringLookup(vocabulary).outputMode("one_hot").apply(in));
            } else {
                List<Long> vocabulary = new ArrayList<>();
                for (String v : train.vocabulary(column).subList(1, train.vocabulary(column).size())) {
                    vocabulary.add(Long.parseLong(v));
                }
                encoded.add(new IntegerLookup(vocabulary).outputMode("one_hot").apply(in));
            }
            inputs.add(in);
        }
        int classes = train.classNames().size();
        KerasTensor x = encoded.size() == 1 ? encoded.get(0) : new Concatenate().apply(encoded.toArray(new KerasTensor[0]));
        x = new Dense(32, "relu").apply(x);
        x = new Dropout(0.5).apply(x);
        KerasTensor out = (classes == 2 ? new Dense(1, "sigmoid") : new Dense(classes, "softmax")).apply(x);
        Model model = new Model(inputs, List.of(out));
        model.name(NAME);
        model.compile(hyperparameters.createOptimizer(), dev.kerasj.losses.Losses.get(classes == 2
                ? "binary_crossentropy" : "sparse_categorical_crossentropy"), dev.kerasj.metrics.Metrics.get("accuracy"));
        return model;
    }

    /** Trains on the training rows, validating on the validation rows after each epoch. */
    public History train(Model model, FitOptions base) {
        return DatasetTraining.fit(model, data().get(0), data().get(1), hyperparameters, base);
    }

    /** {@code test_loss} and {@code test_accuracy} on the held-out test rows. */
    public Map<String, Double> report(Model model) {
        return DatasetTraining.evaluate(model, data().get(2), "test_");
    }
}
