package dev.kerasj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Numeric columns of a time series read from CSV: a (rows, columns) array, the column names, the
 * timestamps (if a timestamp column was chosen) and the rows that were skipped as malformed.
 *
 * <pre>{@code
 * TimeSeriesTable jena = JenaClimate.load();
 * INDArray raw = jena.values();                    // FLOAT (420451, 14)
 * INDArray temperature = jena.column("T (degC)");  // FLOAT (420451,)
 * }</pre>
 */
public final class TimeSeriesTable {
    private final List<String> columnNames;
    private final INDArray values;
    private final List<LocalDateTime> timestamps;
    private final List<MalformedRow> malformedRows;

    /**
     * @param columnNames names of the columns of {@code values}
     * @param values (rows, columns) array
     * @param timestamps one per row, or an empty list
     * @param malformedRows rows skipped while reading
     */
    public TimeSeriesTable(List<String> columnNames, INDArray values, List<LocalDateTime> timestamps,
            List<MalformedRow> malformedRows) {
        this.columnNames = List.copyOf(columnNames);
        this.values = Args.notNull("values", values);
        if (values.rank() != 2 || values.size(1) != columnNames.size()) {
            throw Args.invalid("values", "a (rows, " + columnNames.size() + ") array",
                    Arrays.toString(values.shape()), null);
        }
        if (!timestamps.isEmpty() && timestamps.size() != values.size(0)) {
            throw Args.invalid("timestamps", "one per row (" + values.size(0) + ")", timestamps.size(), null);
        }
        this.timestamps = List.copyOf(timestamps);
        this.malformedRows = List.copyOf(malformedRows);
    }

    /** The column names, in the order of {@link #values()}'s columns. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** The (rows, columns) array. */
    public INDArray values() {
        return values;
    }

    /** Number of rows. */
    public int numRows() {
        return (int) values.size(0);
    }

    /** One column as a (rows,) array. @throws IllegalArgumentException if no such column */
    public INDArray column(String name) {
        return values.getColumn(index(name)).dup();
    }

    /** Some columns as a (rows, k) array, in the given order. */
    public INDArray columns(String... names) {
        long[] idx = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            idx[i] = index(names[i]);
        }
        return values.get(NDArrayIndex.all(), NDArrayIndex.indices(idx)).dup();
    }

    private int index(String name) {
        int i = columnNames.indexOf(name);
        if (i < 0) {
            throw Args.invalid("name", "one of " + columnNames, name, null);
        }
        return i;
    }

    /** The timestamps, one per row; empty if no timestamp column was read. */
    public List<LocalDateTime> timestamps() {
        return timestamps;
    }

    /** Rows skipped as malformed, with their line numbers. */
    public List<MalformedRow> malformedRows() {
        return malformedRows;
    }

    @Override
    public String toString() {
        return "TimeSeriesTable[" + numRows() + " rows, columns=" + columnNames + ", "
                + (timestamps.isEmpty() ? "no timestamps" : timestamps.get(0) + " .. " + timestamps.get(timestamps.size() - 1))
                + ", " + malformedRows.size() + " malformed rows skipped]";
    }
}
