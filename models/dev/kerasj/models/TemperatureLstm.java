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
 * {@link TimeseriesDataset} ({@code data[:-delay]}, {@code targets[delay:]}). Next to the model it
 * reports the common-sense baseline {@code baseline_mae}: the test MAE of "the temperature ahead equals
 * the last one in the window". Every reported MAE is in °C.
 * <ul>
 *   <li>{@code --dataset jena} (default): Jena climate, 14 features every 10 minutes sampled hourly
 *       (sampling rate 6), 120-hour windows, temperature 24 h after the window; 10 epochs, batch 256
 *       (the book: baseline 2.62 °C, LSTM 2.55 °C test MAE). The target is the raw temperature in °C,
 *       as in the book. About 210,000 training windows are held in
 *       memory (about 3 GB).</li>
 *   <li>{@code --dataset seattle}: vega-datasets' daily {@code weather.csv} for {@code --location}
 *       Seattle (default) or New York, 4 features, 14-day windows, next day's temp_max; 40 epochs, batch 32
 *       (a reference Keras run: Seattle 2.15 °C against a 2.26 baseline, New York 2.49 against 2.88). The
 *       target is temp_max standardised like the inputs, {@code (t − mean) / std} with the training
 *       split's statistics, so the model, its loss and the training log's {@code mae} are in units of
 *       {@code std} (Seattle: 7.3 °C, New York: 9.3 °C); the reported {@code val_mae}/{@code test_mae} are converted back
 *       to °C ({@code × std}) and {@code val_loss}/{@code test_loss} to °C² ({@code × std²}). With raw
 *       °C targets the Dense output has to climb to about 16 °C with steps of about the learning rate
 *       (RMSprop), which 40 epochs × 23 steps do not allow (test MAE about 4 °C, kerasj and a
 *       PyTorch re-implementation, bench/temperature_ref.py, alike).</li>
 * </ul>
 */
public final class TemperatureLstm extends Recipe {
    public static final String JENA = "jena";
    public static final String SEATTLE = "seattle";
    /** The book's training of the Jena model. */
    public static final Hyperparameters JENA_DEFAULTS = new Hyperparameters(10, 256, "rmsprop");
    /** The reference training on the daily series. */
    public static final Hyperparameters DAILY_DEFAULTS = new Hyperparameters(40, 32, "rmsprop");

    /**
     * How windows are cut from one series; {@code scaleTargets}: the target is the standardised column
     * (as the inputs) instead of its raw values.
     */
    record Windowing(String targetColumn, int sequenceLength, int samplingRate, int stepsAhead, boolean scaleTargets) {
        /** Rows between a window's first row and its target row, as the book's {@code delay}. */
        int delay() {
            return samplingRate * (sequenceLength + stepsAhead - 1);
        }
    }

    static final Windowing JENA_WINDOWS = new Windowing(JenaClimate.TEMPERATURE, 120, 6, 24, false);
    static final Windowing DAILY_WINDOWS = new Windowing("temp_max", 14, 1, 1, true);

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
     * model's MSE in °C² and MAE in °C ({@code evaluate}'s figures times {@code labelScale²} and
     * {@code labelScale}: the affine de-standardisation scales every error by {@code std}).
     */
    @Override
    public Map<String, Double> report(Model model, RecipeData data, int batchSize) {
        Map<String, Double> out = new LinkedHashMap<>(data.references());
        double s = data.labelScale();
        Map<String, Double> val = model.evaluate(data.xVal(), data.yVal(), batchSize);
        Map<String, Double> test = model.evaluate(data.xTest(), data.yTest(), batchSize);
        out.put("val_loss", val.get("loss") * s * s);
        out.put("val_mae", val.get("mae") * s);
        out.put("test_loss", test.get("loss") * s * s);
        out.put("test_mae", test.get("mae") * s);
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

    /**
     * Normalises, splits 50/25/25 and windows a series; adds the common-sense baseline. The targets are
     * the raw column, or with {@code scaleTargets} the standardised one ({@code labelScale} = its std).
     */
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
        INDArray series = w.scaleTargets() ? x.getColumn(target).dup() : table.column(w.targetColumn());
        INDArray targets = series.get(NDArrayIndex.interval(delay, n));
        double labelScale = w.scaleTargets() ? scaler.scale()[target] : 1;
        DataSet train = windows(data, targets, w, 0, numTrain);
        DataSet val = windows(data, targets, w, numTrain, numTrain + numVal);
        DataSet test = windows(data, targets, w, numTrain + numVal, null);
        Map<String, Double> references = new LinkedHashMap<>();
        references.put("baseline_mae", baselineMae(test, target, scaler, w.scaleTargets()));
        return new RecipeData(train.getFeatures(), train.getLabels(), val.getFeatures(), val.getLabels(),
                test.getFeatures(), test.getLabels(), references, labelScale);
    }

    private static DataSet windows(INDArray data, INDArray targets, Windowing w, int start, Integer end) {
        return TimeseriesDataset.of(data, targets, w.sequenceLength()).samplingRate(w.samplingRate()).startIndex(start)
                .endIndex(end).toDataSet();
    }

    /**
     * The book's {@code evaluate_naive_method}: predict the target as the window's last value of the
     * target feature; the mean absolute error in °C over the windows (the window's value and, with
     * {@code scaledLabels}, the label de-normalised: {@code x·std + mean}).
     */
    static double baselineMae(DataSet windows, int targetFeature, StandardScaler scaler, boolean scaledLabels) {
        INDArray f = windows.getFeatures();
        INDArray last = f.get(NDArrayIndex.all(), NDArrayIndex.point(f.size(1) - 1), NDArrayIndex.point(targetFeature));
        double std = scaler.scale()[targetFeature];
        double mean = scaler.mean()[targetFeature];
        INDArray labels = windows.getLabels();
        return mae(last.mul(std).addi(mean), scaledLabels ? labels.mul(std).addi(mean) : labels);
    }
}
