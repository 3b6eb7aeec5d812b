package dev.kerasj.datasets;

import dev.kerasj.internal.NativeStartup;

import java.util.List;

/**
 * Real weather series from the vega-datasets collection, for the course's forecasting recipes where
 * the Jena climate series cannot be downloaded.
 * <ul>
 *   <li>{@link #loadDaily(String)}: {@code weather.csv}, daily observations for Seattle and New York,
 *       2012-01-01 to 2015-12-31 (1,461 days each): {@link #DAILY_FEATURES} precipitation (mm),
 *       temp_max and temp_min (°C), wind (m/s);</li>
 *   <li>{@link #loadSeattleHourlyNormals()}: {@code seattle-weather-hourly-normals.csv}, Seattle's
 *       hourly climate normals for one year (8,759 rows): {@link #HOURLY_FEATURES} pressure (hPa),
 *       temperature (°C), wind (m/s).</li>
 * </ul>
 * Both are FLOAT {@link TimeSeriesTable}s with timestamps, SHA-256 verified; they come from the
 * cache, the mirror, or {@code scripts/fetch-datasets weather} (npm package {@code vega-datasets}).
 *
 * <pre>{@code
 * TimeSeriesTable seattle = Weather.loadDaily(Weather.SEATTLE);   // (1461, 4)
 * INDArray tempMax = seattle.column("temp_max");
 * }</pre>
 */
public final class Weather {
    static {
        NativeStartup.apply();   // before ND4J starts
    }

    /** The dataset name in the table and the cache. */
    public static final String NAME = "weather";
    /** The daily observations file, relative to the cache or mirror root. */
    public static final String DAILY_FILE = "weather/weather.csv";
    /** The hourly normals file, relative to the cache or mirror root. */
    public static final String HOURLY_NORMALS_FILE = "weather/seattle-weather-hourly-normals.csv";
    /** Location {@code "Seattle"} of the daily file. */
    public static final String SEATTLE = "Seattle";
    /** Location {@code "New York"} of the daily file. */
    public static final String NEW_YORK = "New York";
    /** The locations of the daily file. */
    public static final List<String> LOCATIONS = List.of(SEATTLE, NEW_YORK);
    /** The numeric columns of the daily file. */
    public static final List<String> DAILY_FEATURES = List.of("precipitation", "temp_max", "temp_min", "wind");
    /** The numeric columns of the hourly normals file. */
    public static final List<String> HOURLY_FEATURES = List.of("pressure", "temperature", "wind");

    private Weather() {
    }

    /** Daily observations of one location, using {@link DatasetLocator#fromEnvironment()}. */
    public static TimeSeriesTable loadDaily(String location) {
        return loadDaily(location, DatasetLocator.fromEnvironment());
    }

    /**
     * Daily observations of one location.
     *
     * @param location {@link #SEATTLE} or {@link #NEW_YORK}
     * @throws IllegalArgumentException for another location
     * @throws DatasetException if the file is unavailable or fails verification
     */
    public static TimeSeriesTable loadDaily(String location, DatasetLocator locator) {
        if (!LOCATIONS.contains(location)) {
            throw Args.invalid("location", "one of " + LOCATIONS, location, null);
        }
        DatasetLocator.Located file = locator.locate(DAILY_FILE);
        return new CsvTimeSeriesReader().timestampColumn("date", "yyyy-MM-dd").where("location", location)
                .columns(DAILY_FEATURES.toArray(String[]::new)).read(locator.read(file), file.path().toString());
    }

    /** Seattle's hourly normals, using {@link DatasetLocator#fromEnvironment()}. */
    public static TimeSeriesTable loadSeattleHourlyNormals() {
        return loadSeattleHourlyNormals(DatasetLocator.fromEnvironment());
    }

    /** Seattle's hourly normals. @throws DatasetException if the file is unavailable or fails verification */
    public static TimeSeriesTable loadSeattleHourlyNormals(DatasetLocator locator) {
        DatasetLocator.Located file = locator.locate(HOURLY_NORMALS_FILE);
        return new CsvTimeSeriesReader().timestampColumn("date", "yyyy-MM-dd'T'HH:mm:ss")
                .columns(HOURLY_FEATURES.toArray(String[]::new)).read(locator.read(file), file.path().toString());
    }
}
