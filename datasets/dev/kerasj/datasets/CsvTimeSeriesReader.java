package dev.kerasj.datasets;


import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads numeric time-series columns from a CSV file with a header row, using DataVec's
 * {@code CSVRecordReader}: choose columns, parse a timestamp column, keep only rows where a column
 * has a value, and skip malformed rows, reporting each with its line number.
 *
 * <p>The first line is the header (a UTF-8 byte order mark before it is skipped). A row is malformed
 * when it has the wrong number of fields, a chosen column is empty, not a number or not finite in the
 * value type ({@code NaN}, {@code 1e999}, {@code 1e39} for FLOAT), or its timestamp does not parse; the
 * reason names the column by number and name. Blank lines are ignored. Defaults: delimiter {@code ','},
 * quote {@code '"'}; columns: every column other than the timestamp and filter columns whose value in
 * the first data row is a number, empty or NaN (text marks a column of labels); no timestamp column;
 * no filter; malformed rows skipped (a warning is logged, and {@link TimeSeriesTable#malformedRows()}
 * lists them); values FLOAT. A timestamp pattern without a time of day parses dates at midnight.
 *
 * <pre>{@code
 * TimeSeriesTable seattle = new CsvTimeSeriesReader()
 *         .timestampColumn("date", "yyyy-MM-dd")
 *         .columns("precipitation", "temp_max", "temp_min", "wind")
 *         .where("location", "Seattle")
 *         .read(Path.of("weather.csv"));            // FLOAT (1461, 4)
 * }</pre>
 */
public final class CsvTimeSeriesReader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvTimeSeriesReader.class);

    private final char delimiter;
    private final char quote;
    private final List<String> columns;
    private final String timestampColumn;
    private final String timestampPattern;
    private final String whereColumn;
    private final String whereValue;
    private final boolean failOnMalformed;
    private final DataType dataType;

    /** A reader with the defaults (see the class comment). */
    public CsvTimeSeriesReader() {
        this(',', '"', null, null, null, null, null, false, DataType.FLOAT);
    }

    private CsvTimeSeriesReader(char delimiter, char quote, List<String> columns, String timestampColumn,
            String timestampPattern, String whereColumn, String whereValue, boolean failOnMalformed, DataType dataType) {
        this.delimiter = delimiter;
        this.quote = quote;
        this.columns = columns;
        this.timestampColumn = timestampColumn;
        this.timestampPattern = timestampPattern;
        this.whereColumn = whereColumn;
        this.whereValue = whereValue;
        this.failOnMalformed = failOnMalformed;
        this.dataType = dataType;
    }

    /** Field delimiter. Defaults to {@code ','}. */
    public CsvTimeSeriesReader delimiter(char delimiter) {
        return new CsvTimeSeriesReader(delimiter, quote, columns, timestampColumn, timestampPattern, whereColumn,
                whereValue, failOnMalformed, dataType);
    }

    /** The numeric columns to read, in this order. Defaults to the numeric columns of the first data row. */
    public CsvTimeSeriesReader columns(String... names) {
        if (names.length == 0) {
            throw Args.invalid("columns", "at least one column name", "[]", null);
        }
        for (String n : names) {
            Args.notBlank("columns", n);
        }
        return new CsvTimeSeriesReader(delimiter, quote, List.of(names), timestampColumn, timestampPattern, whereColumn,
                whereValue, failOnMalformed, dataType);
    }

    /**
     * The timestamp column and its {@link DateTimeFormatter} pattern, e.g. {@code "dd.MM.yyyy HH:mm:ss"}
     * for Jena, {@code "yyyy-MM-dd'T'HH:mm:ss"} or {@code "yyyy-MM-dd"}. Defaults to none.
     */
    public CsvTimeSeriesReader timestampColumn(String name, String pattern) {
        Args.notBlank("name", name);
        try {
            DateTimeFormatter.ofPattern(Args.notBlank("pattern", pattern));
        } catch (IllegalArgumentException e) {
            throw Args.invalid("pattern", "a java.time.format.DateTimeFormatter pattern", pattern, e.getMessage());
        }
        return new CsvTimeSeriesReader(delimiter, quote, columns, name, pattern, whereColumn, whereValue,
                failOnMalformed, dataType);
    }

    /** Keep only rows whose {@code column} equals {@code value} (e.g. {@code "location"}, {@code "Seattle"}). */
    public CsvTimeSeriesReader where(String column, String value) {
        return new CsvTimeSeriesReader(delimiter, quote, columns, timestampColumn, timestampPattern,
                Args.notBlank("column", column), Args.notNull("value", value), failOnMalformed, dataType);
    }

    /** Whether a malformed row is an error ({@code true}) or skipped and reported. Defaults to false. */
    public CsvTimeSeriesReader failOnMalformed(boolean fail) {
        return new CsvTimeSeriesReader(delimiter, quote, columns, timestampColumn, timestampPattern, whereColumn,
                whereValue, fail, dataType);
    }

    /** Floating type of the values. Defaults to FLOAT. */
    public CsvTimeSeriesReader dataType(DataType type) {
        if (type == null || !type.isFPType()) {
            throw Args.invalid("dataType", "a floating-point type (FLOAT, DOUBLE, HALF, BFLOAT16)", type, null);
        }
        return new CsvTimeSeriesReader(delimiter, quote, columns, timestampColumn, timestampPattern, whereColumn,
                whereValue, failOnMalformed, type);
    }

    /** Reads a CSV file (gzip-compressed or plain). */
    public TimeSeriesTable read(Path file) {
        try (InputStream in = FileContents.open(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e, e);
        }
    }

    /** Reads CSV content held in memory. */
    public TimeSeriesTable read(byte[] content, String name) {
        return read(new ByteArrayInputStream(content), name);
    }

    /**
     * Reads CSV from a stream (not closed).
     *
     * @param name the source's name, for messages
     * @throws IllegalArgumentException if a chosen column is not in the header (the message lists the header)
     * @throws DatasetException if the file has no header, or a row is malformed and {@code failOnMalformed} is set
     */
    public TimeSeriesTable read(InputStream in, String name) {
        CSVRecordReader reader = new CSVRecordReader(0, delimiter, quote);
        try {
            reader.initialize(new InputStreamInputSplit(withoutByteOrderMark(in)));
        } catch (IOException | InterruptedException e) {
            throw new DatasetException("Cannot read " + name + ": " + e, e);
        }
        if (!reader.hasNext()) {
            throw new DatasetException("The CSV file " + name + " is empty: expected a header row.");
        }
        List<String> header = texts(reader.next());
        int timeIndex = timestampColumn == null ? -1 : headerIndex(header, timestampColumn, "timestampColumn", name);
        int whereIndex = whereColumn == null ? -1 : headerIndex(header, whereColumn, "where", name);
        DateTimeFormatter format = timestampPattern == null ? null : DateTimeFormatter.ofPattern(timestampPattern);

        int[] chosen = null;
        List<String> chosenNames = columns;
        if (columns != null) {
            chosen = columns.stream().mapToInt(c -> headerIndex(header, c, "columns", name)).toArray();
        }
        double largest = dataType == DataType.DOUBLE ? Double.MAX_VALUE : dataType == DataType.HALF ? 65504
                : Float.MAX_VALUE;
        double[] values = new double[1 << 16];
        int rows = 0;
        List<LocalDateTime> times = new ArrayList<>();
        List<MalformedRow> malformed = new ArrayList<>();
        long line = 1;
        while (reader.hasNext()) {
            line++;
            List<Writable> fields;
            try {
                fields = reader.next();
            } catch (RuntimeException e) {
                malformed(malformed, name, new MalformedRow(line, rootMessage(e)));
                continue;
            }
            if (fields.isEmpty() || fields.size() == 1 && fields.get(0).toString().isBlank()) {
                continue;
            }
            if (fields.size() != header.size()) {
                malformed(malformed, name, new MalformedRow(line, "expected " + header.size() + " fields, found "
                        + fields.size()));
                continue;
            }
            if (whereIndex >= 0 && !fields.get(whereIndex).toString().equals(whereValue)) {
                continue;
            }
            if (chosen == null) {
                chosen = numericColumns(texts(fields), timeIndex, whereIndex);
                chosenNames = Arrays.stream(chosen).mapToObj(header::get).toList();
            }
            LocalDateTime time = null;
            if (format != null) {
                time = parseTime(fields.get(timeIndex).toString(), format);
                if (time == null) {
                    malformed(malformed, name, new MalformedRow(line, "timestamp \"" + fields.get(timeIndex)
                            + "\" does not match the pattern " + timestampPattern));
                    continue;
                }
            }
            int width = chosen.length;
            if ((long) (rows + 1) * width > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, (rows + 1) * width));
            }
            String problem = null;
            for (int c = 0; c < width && problem == null; c++) {
                String text = fields.get(chosen[c]).toString().trim();
                String column = "column " + (chosen[c] + 1) + " (\"" + header.get(chosen[c]) + "\") is ";
                try {
                    double v = Double.parseDouble(text);
                    values[rows * width + c] = v;
                    if (!(Math.abs(v) <= largest)) {
                        problem = column + "not a finite " + dataType + " number: \"" + text + "\"";
                    }
                } catch (NumberFormatException e) {
                    problem = column + (text.isEmpty() ? "empty" : "not a number: \"" + text + "\"");
                }
            }
            if (problem != null) {
                malformed(malformed, name, new MalformedRow(line, problem));
                continue;
            }
            if (time != null) {
                times.add(time);
            }
            rows++;
        }
        if (chosen == null) {
            chosen = new int[0];
            chosenNames = columns == null ? List.of() : columns;
        }
        if (!malformed.isEmpty()) {
            LOG.warn("Skipped {} malformed row(s) of {}: {}{}", malformed.size(), name,
                    malformed.subList(0, Math.min(5, malformed.size())), malformed.size() > 5 ? " ..." : "");
        }
        INDArray array = Nd4j.create(Arrays.copyOf(values, rows * chosen.length), new long[] {rows, chosen.length}, 'c')
                .castTo(dataType);
        return new TimeSeriesTable(chosenNames, array, times, malformed);
    }

    private void malformed(List<MalformedRow> malformed, String name, MalformedRow row) {
        if (failOnMalformed) {
            throw new DatasetException("Malformed row in " + name + ", " + row + ". Fix the file, or read it with"
                    + " failOnMalformed(false) to skip such rows.");
        }
        malformed.add(row);
    }

    private static LocalDateTime parseTime(String text, DateTimeFormatter format) {
        try {
            return LocalDateTime.parse(text.trim(), format);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text.trim(), format).atStartOfDay();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static int[] numericColumns(List<String> fields, int timeIndex, int whereIndex) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (i == timeIndex || i == whereIndex) {
                continue;
            }
            String text = fields.get(i).trim();
            if (text.isEmpty() || text.equalsIgnoreCase("nan")) {
                out.add(i);   // a missing value in a numeric column: the row is reported, the column kept
                continue;
            }
            try {
                Double.parseDouble(text);
                out.add(i);
            } catch (NumberFormatException e) {
                // text: a column of labels, not a default column
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private int headerIndex(List<String> header, String column, String arg, String name) {
        int i = header.indexOf(column);
        if (i < 0) {
            String hint = null;
            if (header.size() == 1) {
                for (char d : new char[] {';', '\t', ','}) {
                    if (d != delimiter && header.get(0).indexOf(d) >= 0) {
                        hint = "The header is one field holding '" + (d == '\t' ? "\\t" : String.valueOf(d))
                                + "': the file separates fields with it; read it with delimiter('"
                                + (d == '\t' ? "\\t" : String.valueOf(d)) + "').";
                        break;
                    }
                }
            }
            throw Args.invalid(arg, "a column of " + name + ", one of " + header, column, hint);
        }
        return i;
    }

    /** {@code in} after a UTF-8 byte order mark, if it starts with one. */
    private static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in);
        b.mark(3);
        byte[] start = b.readNBytes(3);
        if (start.length < 3 || (start[0] & 0xff) != 0xEF || (start[1] & 0xff) != 0xBB || (start[2] & 0xff) != 0xBF) {
            b.reset();
        }
        return b;
    }

    private static List<String> texts(List<Writable> record) {
        List<String> out = new ArrayList<>(record.size());
        for (Writable w : record) {
            out.add(w.toString());
        }
        return out;
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
