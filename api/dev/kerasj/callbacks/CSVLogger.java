package dev.kerasj.callbacks;

import dev.kerasj.internal.PyFormat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streams each epoch's logs to a CSV file, as Keras's {@code CSVLogger}: a header {@code epoch,} then
 * the log keys sorted by name (with {@code val_} columns added, written {@code NA}, when the run has no
 * validation), then one row per epoch with the 0-based epoch and each value as Python prints a float.
 * Rows end with {@code \r\n} and fields are quoted when needed, as Python's csv module writes them.
 *
 * <p>Defaults, as Keras: separator ",", append false (the file is overwritten at the start of each fit;
 * with append, rows are added and the header is written only to an empty file).
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(10).callbacks(new CSVLogger(Path.of("training.log"))));
 * }</pre>
 */
public final class CSVLogger extends Callback {
    private final Path filename;
    private String separator = ",";
    private boolean append = false;

    private Writer writer;
    private List<String> keys;
    private boolean writeHeader;

    public CSVLogger(Path filename) {
        if (filename == null) {
            throw new IllegalArgumentException("Invalid `filename`: expected a path. Received: filename=null");
        }
        this.filename = filename;
    }

    public CSVLogger(String filename) {
        this(filename == null ? null : Path.of(filename));
    }

    /** The field separator, one character. Default ",". */
    public CSVLogger separator(String separator) {
        if (separator == null || separator.length() != 1 || separator.equals("\"") || separator.equals("\n")
                || separator.equals("\r")) {
            throw new IllegalArgumentException("Invalid `separator`: expected one character other than a quote or a line "
                    + "break. Received: separator=" + separator);
        }
        this.separator = separator;
        return this;
    }

    /** Whether to add to an existing file instead of overwriting it. Default false. */
    public CSVLogger append(boolean append) {
        this.append = append;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        keys = null;
        try {
            if (filename.toAbsolutePath().getParent() != null) {
                Files.createDirectories(filename.toAbsolutePath().getParent());
            }
            writeHeader = true;
            if (append && Files.exists(filename)) {
                try (BufferedReader r = Files.newBufferedReader(filename, StandardCharsets.UTF_8)) {
                    String first = r.readLine();
                    writeHeader = first == null || first.isEmpty();
                }
            }
            writer = Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger could not open " + filename + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (keys == null) {
            keys = new ArrayList<>(logs.keySet());
            keys.sort(null);
            if (keys.stream().noneMatch(k -> k.startsWith("val_"))) {
                List<String> val = new ArrayList<>();
                keys.forEach(k -> val.add("val_" + k));
                keys.addAll(val);
            }
        }
        try {
            if (writeHeader) {
                List<String> header = new ArrayList<>();
                header.add("epoch");
                header.addAll(keys);
                writeRow(header);
                writeHeader = false;
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(epoch));
            for (String k : keys) {
                Double v = logs.get(k);
                row.add(v == null ? "NA" : PyFormat.repr(v));
            }
            writeRow(row);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger could not write " + filename + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("CSVLogger could not close " + filename + ": " + e.getMessage(), e);
            } finally {
                writer = null;
            }
        }
    }

    private void writeRow(List<String> fields) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            String f = fields.get(i);
            boolean quote = f.contains(separator) || f.contains("\"") || f.contains("\n") || f.contains("\r");
            sb.append(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        sb.append("\r\n");
        writer.write(sb.toString());
    }
}
