package dev.kerasj.datasets;

import dev.kerasj.internal.NativeStartup;

import java.util.List;

/**
 * The Jena climate series of the Keras book: {@code jena_climate_2009_2016.csv}, 14 weather
 * features recorded every 10 minutes at the Max Planck Institute for Biogeochemistry in Jena,
 * 2009–2016 (about 420,000 rows).
 *
 * <p>{@link #load()} returns a {@link TimeSeriesTable} of FLOAT values (rows, 14) with the columns
 * {@link #FEATURES} in file order, and the timestamps of the {@code "Date Time"} column.
 *
 * <p>Source: the canonical Keras zip
 * ({@code https://s3.amazonaws.com/keras-datasets/jena_climate_2009_2016.csv.zip}), downloaded
 * into the cache and extracted atomically, or a copy in the cache or mirror
 * ({@code jena-climate/jena_climate_2009_2016.csv[.gz]}). No package ships it and its SHA-256 is not
 * recorded in kerasj's table, so instead of a checksum kerasj checks what it can: the zip's CRC on
 * extraction, the exact header (timestamp plus the 14 feature names), at least {@link #MIN_ROWS}
 * rows, and no malformed row. Where it cannot be downloaded use {@link Weather}'s series instead.
 *
 * <pre>{@code
 * TimeSeriesTable jena = JenaClimate.load();
 * INDArray temperature = jena.column(JenaClimate.TEMPERATURE);
 * }</pre>
 */
public final class JenaClimate {
    static {
        NativeStartup.apply();   // before ND4J starts
    }

    /** The dataset name in the table and the cache. */
    public static final String NAME = "jena-climate";
    /** The file's path relative to the cache or mirror root. */
    public static final String FILE = "jena-climate/jena_climate_2009_2016.csv";
    /** The timestamp column. */
    public static final String TIMESTAMP_COLUMN = "Date Time";
    /** The timestamp pattern, e.g. {@code 01.01.2009 00:10:00}. */
    public static final String TIMESTAMP_PATTERN = "dd.MM.yyyy HH:mm:ss";
    /** The temperature column, the course's target. */
    public static final String TEMPERATURE = "T (degC)";
    /** The 14 feature columns, in file order. */
    public static final List<String> FEATURES = List.of("p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)", "rh (%)",
            "VPmax (mbar)", "VPact (mbar)", "VPdef (mbar)", "sh (g/kg)", "H2OC (mmol/mol)", "rho (g/m**3)", "wv (m/s)",
            "max. wv (m/s)", "wd (deg)");
    /** The fewest data rows accepted (the book reports 420,451). */
    public static final int MIN_ROWS = 420_000;

    private JenaClimate() {
    }

    /** Loads the series using {@link DatasetLocator#fromEnvironment()}. @throws DatasetException if unavailable or invalid */
    public static TimeSeriesTable load() {
        return load(DatasetLocator.fromEnvironment());
    }

    /** Loads the series using the given locator. @throws DatasetException if unavailable or invalid */
    public static TimeSeriesTable load(DatasetLocator locator) {
        DatasetLocator.Located located = locator.locate(FILE);
        return parse(locator.read(located), located.path().toString(), MIN_ROWS);
    }

    /** Parses and validates the CSV content (header, row count, no malformed rows). */
    static TimeSeriesTable parse(byte[] content, String name, int minRows) {
        String firstLine = new String(content, 0, Math.min(content.length, 400), java.nio.charset.StandardCharsets.UTF_8)
                .lines().findFirst().orElse("");
        TimeSeriesTable table;
        try {
            table = new CsvTimeSeriesReader().timestampColumn(TIMESTAMP_COLUMN, TIMESTAMP_PATTERN)
                    .columns(FEATURES.toArray(String[]::new)).failOnMalformed(true).read(content, name);
        } catch (IllegalArgumentException e) {
            throw new DatasetException("The file " + name + " does not have the Jena climate header \"" + TIMESTAMP_COLUMN
                    + "\" + " + FEATURES + "; found: " + firstLine + ". " + DatasetException.refetchHint(NAME), e);
        } catch (DatasetException e) {
            throw new DatasetException(e.getMessage() + " " + DatasetException.refetchHint(NAME), e);
        }
        if (table.numRows() < minRows) {
            throw new DatasetException("The file " + name + " has " + table.numRows() + " data rows, expected at least "
                    + minRows + "; it is truncated. " + DatasetException.refetchHint(NAME));
        }
        return table;
    }
}
