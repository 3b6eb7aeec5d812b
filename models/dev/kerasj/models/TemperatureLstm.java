package dev.kerasj.models;

import dev.kerasj.Model;
import dev.kerasj.datasets.DatasetLocator;
import dev.kerasj.datasets.JenaClimate;
import dev.kerasj.datasets.StandardScaler;
import dev.kerasj.datasets.TimeSeriesTable;
import dev.kerasj.datasets.TimeseriesDataset;
import dev.kerasj.datasets.Weather;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.LSTM;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Keras book's temperature forecast (Deep Learning with Python, 2nd ed., §10.2): an LSTM reads a
 * window of past weather and predicts the temperature some time later.
 *
 * <pre>{@code
 * Input(sequence_length, features) → LSTM(16) → Dense(1)        rmsprop, loss mse, reported mae
 * }</pre>
 *
 * <p>Data, as the book: every feature normalised with the mean and (population) standard deviation of
 * the training split only; chronological split 50 % train, 25 % validation, 25 % test; windows made with
 * {@link TimeseriesDataset} ({@code data[:-delay]}, {@code targets[delay:]}); the target is the raw
 * temperature in °C. Next to the model it reports the common-sense baseline {@code baseline_mae}: the
 * test MAE of "the temperature ahead equals the last one in the window".
 * <ul>
 *   <li>{@code --dataset jena} (default): Jena climate, 14 features every 10 minutes sampled hourly
 *       (sampling rate 6), 120-hour windows, temperature 24 h after the window; 10 epochs, batch 256
 *       (the book: baseline 2.62 °C, LSTM 2.55 °C test MAE). About 210,000 training windows are held in
 *       memory (about 3 GB).</li>
 *   <li>{@code --dataset seattle}: vega-datasets' daily {@code weather.csv} for {@code --location}
 *       Seattle (default) or New York, 4 features, 14-day windows, next day's temp_max; 120 epochs (the reference run used 40; see docs/recipes.md), batch 32
 *       (a reference Keras run: Seattle 2.15 °C against a 2.26 baseline, New York 2.49 against 2.88).</li>
 * </ul>
 */
public final class TemperatureLstm extends Recipe {
    public static final String JENA = "jena";
    public static final String SEATTLE = "seattle";
    /** The book's training of the Jena model. */
    public static final Hyperparameters JENA_DEFAULTS = new Hyperparameters(10, 256, "rmsprop");
    /** The reference training on the daily series. */
    public static final Hyperparameters DAILY_DEFAULTS = new Hyperparameters(120, 32, "rmsprop");

    /** How windows are cut from one series. */
    record Windowing(String targetColumn, int sequenceLength, int samplingRate, int stepsAhead) {
        /** Rows between a window's first row and its target row, as the book's {@code delay}. */
        int delay() {
            return samplingRate * (sequenceLength + stepsAhead - 1);
        }
    }

    static final Windowing JENA_WINDOWS = new Windowing(JenaClimate.TEMPERATURE, 120, 6, 24);
    static final Windowing DAILY_WINDOWS = new Windowing("temp_max", 14, 1, 1);

    public TemperatureLstm() {
        super("temperature-lstm", "LSTM(16) -> Dense(1) temperature forecast (the Keras book's recipe), with the "
                        + "common-sense baseline.",
                RecipeOption.choice("dataset", "jena: hourly Jena climate, 24 h ahead; seattle: daily weather.csv, "
                        + "next day's temp_max.", JENA, JENA, SEATTLE),
                RecipeOption.choice("location", "With --dataset seattle: which city of weather.csv.", Weather.SEATTLE,
                        Weather.LOCATIONS.toArray(new String[0])));
    }

    @Override
    public void validate(Variant variant) {
        if (variant.get("dataset").equals(JENA) && !variant.get("location").equals(Weather.SEATTLE)) {
            throw new IllegalArgumentException("Invalid `location`=" + variant.get("location") + ": it applies to "
                    + "--dataset seattle (weather.csv); the Jena series has one location. Add --dataset seattle.");
        }
    }

    @Override
    public Hyperparameters defaults(Variant variant) {
        return variant.get("dataset").equals(JENA) ? JENA_DEFAULTS : DAILY_DEFAULTS;
    }

    private static Windowing windowing(Variant variant) {
        return variant.get("dataset").equals(JENA) ? JENA_WINDOWS : DAILY_WINDOWS;
    }

    private static int features(Variant variant) {
        return variant.get("dataset").equals(JENA) ? JenaClimate.FEATURES.size() : Weather.DAILY_FEATURES.size();
    }

    @Override
    public Model build(Variant variant) {
        // The course writes this model in Keras's functional style.
        Input inputs = new Input(windowing(variant).sequenceLength(), features(variant));
        KerasTensor x = new LSTM(16).apply(inputs);
        KerasTensor outputs = new Dense(1).apply(x);
        return new Model(inputs, outputs);
    }

    @Override
    public String loss() {
        return "mse";
    }

    /** Mean absolute error, in °C since the targets are not normalised (the course's metric). */
    @Override
    public List<String> metrics() {
        return List.of("mae");
    }

    /**
     * {@code baseline_mae}, then {@code val_loss}, {@code val_mae}, {@code test_loss}, {@code test_mae}: the
     * MAE in °C of the model's forecasts, computed like the baseline's ({@link #mae}).
     */
    @Override
    public Map<String, Double> report(Model model, RecipeData data, int batchSize) {
        Map<String, Double> out = new LinkedHashMap<>(data.references());
        Map<String, Double> val = model.evaluate(data.xVal(), data.yVal(), batchSize);
        Map<String, Double> test = model.evaluate(data.xTest(), data.yTest(), batchSize);
        out.put("val_loss", val.get("loss"));
        out.put("val_mae", val.get("mae"));
        out.put("test_loss", test.get("loss"));
        out.put("test_mae", test.get("mae"));
        return out;
    }

    /** Mean absolute error {@code mean(|predicted − actual|)} over all samples. */
    static double mae(INDArray predicted, INDArray actual) {
        INDArray p = predicted.reshape(predicted.length()).castTo(actual.dataType());
        return Transforms.abs(p.sub(actual.reshape(actual.length()))).meanNumber().doubleValue();
    }

    @Override
    public RecipeData loadData(DatasetLocator locator, Variant variant) {
        TimeSeriesTable table = variant.get("dataset").equals(JENA) ? JenaClimate.load(locator)
                : Weather.loadDaily(variant.get("location"), locator);
        return prepare(table, windowing(variant));
    }

    /** Normalises, splits 50/25/25 and windows a series; adds the common-sense baseline. */
    static RecipeData prepare(TimeSeriesTable table, Windowing w) {
        INDArray raw = table.values();
        int n = table.numRows();
        int numTrain = (int) (0.5 * n);
        int numVal = (int) (0.25 * n);
        int target = table.columnNames().indexOf(w.targetColumn());
        StandardScaler scaler = new StandardScaler().fit(raw.get(NDArrayIndex.interval(0, numTrain), NDArrayIndex.all()));
        INDArray x = scaler.transform(raw);
        int delay = w.delay();
        INDArray data = x.get(NDArrayIndex.interval(0, n - delay), NDArrayIndex.all());
        INDArray targets = table.column(w.targetColumn()).get(NDArrayIndex.interval(delay, n));
        DataSet train = windows(data, targets, w, 0, numTrain);
        DataSet val = windows(data, targets, w, numTrain, numTrain + numVal);
        DataSet test = windows(data, targets, w, numTrain + numVal, null);
        Map<String, Double> references = new LinkedHashMap<>();
        references.put("baseline_mae", baselineMae(test, target, scaler));
        return new RecipeData(train.getFeatures(), train.getLabels(), val.getFeatures(), val.getLabels(),
                test.getFeatures(), test.getLabels(), references);
    }

    private static DataSet windows(INDArray data, INDArray targets, Windowing w, int start, Integer end) {
        return TimeseriesDataset.of(data, targets, w.sequenceLength()).samplingRate(w.samplingRate()).startIndex(start)
                .endIndex(end).toDataSet();
    }

    /**
     * The book's {@code evaluate_naive_method}: predict the target as the window's last value of the
     * target feature, de-normalised ({@code x·std + mean}); the mean absolute error over the windows.
     */
    static double baselineMae(DataSet windows, int targetFeature, StandardScaler scaler) {
        INDArray f = windows.getFeatures();
        INDArray last = f.get(NDArrayIndex.all(), NDArrayIndex.point(f.size(1) - 1), NDArrayIndex.point(targetFeature));
        return mae(last.mul(scaler.scale()[targetFeature]).addi(scaler.mean()[targetFeature]), windows.getLabels());
    }
}
