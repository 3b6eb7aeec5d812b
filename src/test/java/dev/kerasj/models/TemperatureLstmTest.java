package dev.kerasj.models;

import dev.kerasj.Model;
import dev.kerasj.datasets.TimeSeriesTable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * temperature-lstm's data preparation on a 120-day hand-made series: which targets the daily series
 * trains on, and that every reported error is in °C. Expected values are computed here with plain loops
 * from the recipe's definition (split 60/30/30, 14-day windows, target = the day after the window).
 */
class TemperatureLstmTest {
    static final int N = 120;
    static final int TRAIN = 60;

    static double tempMax(int day) {
        return 12 + 6 * Math.sin(day / 4.0) + (day % 3) * 0.7;
    }

    static TimeSeriesTable table() {
        double[][] rows = new double[N][];
        for (int d = 0; d < N; d++) {
            rows[d] = new double[] {(d * 7) % 5 * 0.4, tempMax(d), tempMax(d) - 6 - (d % 4), 2 + (d % 6) * 0.3};
        }
        return new TimeSeriesTable(List.of("precipitation", "temp_max", "temp_min", "wind"),
                Nd4j.createFromArray(rows).castTo(DataType.FLOAT), List.of(), List.of());
    }

    static double trainMean() {
        double s = 0;
        for (int d = 0; d < TRAIN; d++) {
            s += tempMax(d);
        }
        return s / TRAIN;
    }

    /** Population standard deviation of the training days' temp_max, as the book's {@code std(axis=0)}. */
    static double trainStd() {
        double m = trainMean();
        double s = 0;
        for (int d = 0; d < TRAIN; d++) {
            s += (tempMax(d) - m) * (tempMax(d) - m);
        }
        return Math.sqrt(s / TRAIN);
    }

    /** Test windows start at days 90, 91, 92 ((120 − 14) − 90 − 13 = 3 of them) and predict days 104 … 106. */
    static final int TEST_START = 90;
    static final int TEST_WINDOWS = 3;

    @Test
    void dailyTargetsAreTheNextDaysTempMaxStandardisedWithTheTrainingStatistics() {
        RecipeData d = TemperatureLstm.prepare(table(), TemperatureLstm.DAILY_WINDOWS);
        double mean = trainMean();
        double std = trainStd();
        assertEquals(std, d.labelScale(), 1e-4);
        // training windows start at days 0 … 60 − 14 = 46; window s covers days s … s+13, its target is day s+14
        INDArray y = d.yTrain().reshape(d.yTrain().length());
        assertEquals(47, y.length());
        for (int s = 0; s < 47; s++) {
            assertEquals((tempMax(s + 14) - mean) / std, y.getDouble(s), 1e-5, "window " + s);
        }
        // validation: days 60 … 76 (90 − 60 − 13 = 17 windows)
        INDArray yVal = d.yVal().reshape(d.yVal().length());
        assertEquals(17, yVal.length());
        assertEquals((tempMax(60 + 14) - mean) / std, yVal.getDouble(0), 1e-5);
        INDArray yTest = d.yTest().reshape(d.yTest().length());
        assertEquals(TEST_WINDOWS, yTest.length());
        for (int k = 0; k < TEST_WINDOWS; k++) {
            assertEquals((tempMax(TEST_START + k + 14) - mean) / std, yTest.getDouble(k), 1e-5, "test window " + k);
        }
        // the last input day of window s is day s+13: its normalised temp_max
        assertEquals((tempMax(TEST_START + 13) - mean) / std, d.xTest().getDouble(0, 13, 1), 1e-5);
    }

    /** "Tomorrow equals today" in °C over the test windows, whether the labels are scaled or raw. */
    @Test
    void baselineIsInDegreesWithScaledOrRawTargets() {
        double expected = 0;
        for (int s = TEST_START; s < TEST_START + TEST_WINDOWS; s++) {
            expected += Math.abs(tempMax(s + 14) - tempMax(s + 13));
        }
        expected /= TEST_WINDOWS;
        RecipeData scaled = TemperatureLstm.prepare(table(), TemperatureLstm.DAILY_WINDOWS);
        RecipeData raw = TemperatureLstm.prepare(table(), new TemperatureLstm.Windowing("temp_max", 14, 1, 1, false));
        assertEquals(expected, scaled.references().get("baseline_mae"), 1e-4);
        assertEquals(expected, raw.references().get("baseline_mae"), 1e-4);
    }

    @Test
    void rawTargetsWhenNotScaledAsTheBooksJenaRecipe() {
        RecipeData d = TemperatureLstm.prepare(table(), new TemperatureLstm.Windowing("temp_max", 14, 1, 1, false));
        assertEquals(1.0, d.labelScale());
        INDArray y = d.yTrain().reshape(d.yTrain().length());
        for (int s = 0; s < 47; s++) {
            assertEquals(tempMax(s + 14), y.getDouble(s), 1e-5, "window " + s);
        }
    }

    /** The reported test MAE/MSE are the model's de-standardised forecasts against the raw °C, by hand. */
    @Test
    void reportedErrorsAreInDegrees() {
        TemperatureLstm recipe = new TemperatureLstm();
        Variant v = recipe.defaultVariant().with("dataset", TemperatureLstm.SEATTLE);
        Model model = recipe.compiled(v, recipe.defaults(v).seed(7L));
        RecipeData d = TemperatureLstm.prepare(table(), TemperatureLstm.DAILY_WINDOWS);
        INDArray p = model.predict(d.xTest());
        double mean = trainMean();
        double std = trainStd();
        double mae = 0;
        double mse = 0;
        for (int k = 0; k < TEST_WINDOWS; k++) {
            double err = p.getDouble(k, 0) * std + mean - tempMax(TEST_START + k + 14);
            mae += Math.abs(err);
            mse += err * err;
        }
        Map<String, Double> f = recipe.report(model, d, 32);
        assertEquals(mae / TEST_WINDOWS, f.get("test_mae"), 1e-3);
        assertEquals(mse / TEST_WINDOWS, f.get("test_loss"), 1e-2);
    }

    @Test
    void dailyDefaultsAreTheReferenceRuns() {
        assertEquals(40, TemperatureLstm.DAILY_DEFAULTS.epochs());
        assertEquals(32, TemperatureLstm.DAILY_DEFAULTS.batchSize());
    }
}
