package dev.kerasj.datasets;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The rows of a CSV file as lists of trimmed strings, read one by one with DataVec's CSV reader (quoted
 * fields, commas inside quotes); each row knows its line number. A blank line is skipped; a row with a
 * different number of fields than the header is an error naming the file and line.
 */
final class CsvTable implements AutoCloseable {
    /** The values read as missing, as pandas' {@code read_csv} reads them by default (a subset). */
    static final Set<String> MISSING = Set.of("", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A");

    private final Path file;
    private final CSVRecordReader reader;
    private final List<String> header;
    private int line;

    /** Opens {@code file} after skipping {@code skipRows} lines; the first row read is the header when {@code header}. */
    CsvTable(Path file, char delimiter, int skipRows, boolean header) {
        this.file = file;
        this.reader = new CSVRecordReader(skipRows, delimiter, '"');
        this.line = skipRows;
        try {
            reader.initialize(new FileSplit(file.toFile()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new DatasetException("Cannot read the CSV file " + file + ": " + e.getMessage(), e);
        }
        if (header) {
            List<String> names = nextRaw();
            if (names == null) {
                throw new DatasetException("The CSV file " + file + " is empty: expected a header line naming the columns.");
            }
            if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
                names.set(0, names.get(0).substring(1));
            }
            this.header = List.copyOf(names);
        } else {
            this.header = null;
        }
    }

    /** The header's names, or {@code null} for a file read without one. */
    List<String> header() {
        return header;
    }

    Path file() {
        return file;
    }

    /** The line number (1-based) of the row last returned by {@link #next}. */
    int line() {
        return line;
    }

    /** The next row's fields, or {@code null} at the end; {@code width} the expected number of fields (−1: any). */
    List<String> next(int width) {
        List<String> row = nextRaw();
        if (row != null && width >= 0 && row.size() != width) {
            throw new DatasetException("Ragged row in " + file + ", line " + line + ": expected " + width + " fields, as "
                    + (header != null ? "the header has" : "the first row has") + ". Received: " + row.size() + " fields "
                    + row + ". Quote values that contain the delimiter.");
        }
        return row;
    }

    private List<String> nextRaw() {
        while (true) {
            List<Writable> rec;
            try {
                if (!reader.hasNext()) {
                    return null;
                }
                rec = reader.next();
            } catch (NoSuchElementException e) {
                return null;
            } catch (RuntimeException e) {
                throw new DatasetException("Cannot parse " + file + " after line " + line + ": " + e.getMessage(), e);
            }
            line++;
            if (rec.size() == 1 && rec.get(0).toString().isBlank()) {
                continue;
            }
            List<String> out = new ArrayList<>(rec.size());
            for (Writable w : rec) {
                out.add(w.toString().strip());
            }
            return out;
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new DatasetException("Cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
