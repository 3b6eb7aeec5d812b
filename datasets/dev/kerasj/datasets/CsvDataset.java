package dev.kerasj.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CSV table as a {@link Dataset} for classification: one column is the target, the others are features,
 * read from the file again at each pass (on a background thread, at most {@code prefetch} batches and a
 * {@code shuffleBuffer} of rows in memory), so a file larger than memory trains.
 *
 * <p>Reading scans the file once: the header names the columns; each column's type is inferred — a column
 * whose values are all numbers is {@code "numeric"}, or {@code "integer"} (a categorical id, e.g. 0/1/2 codes)
 * when they are all integers with at most 10 distinct values; any other column is {@code "string"}
 * (categorical) — and can be set with {@link Options#columnType}. Missing values (an empty field, {@code NA},
 * {@code NaN}, {@code null}…, pandas's defaults) are an error naming the column and line, or with
 * {@code missing("drop")} leave their rows out ({@link #missingReport()} says which). A ragged row, a word in
 * a column of numbers, or an unknown target column is an error naming the file, line and column.
 *
 * <p>Each batch's inputs, as Keras's structured-data examples feed a model (one input per feature): one
 * {@code (batch, 1)} array per feature column in file order ({@link #inputNames()}); a numeric column's values as
 * they are, float32; a categorical column's values as their index in
 * the column's {@link #vocabulary} — Keras's {@code StringLookup}/{@code IntegerLookup} convention: index 0
 * for a value outside the vocabulary, then values by decreasing count (ties: the larger value first, as
 * Keras's {@code adapt}). With {@code encodeCategories(false)} the categorical inputs hold the raw values instead
 * — a UTF-8 string array for a string column, the numbers of an integer column — for a model that maps them
 * itself with {@code StringLookup}/{@code IntegerLookup} (so that its {@code predict} takes raw rows). Targets: the
 * index of the row's class in {@link #classNames()} (sorted): float32 {@code (batch, 1)} for two classes
 * ({@code binary}), int32 {@code (batch,)} otherwise.
 *
 * <pre>{@code
 * CsvDataset table = CsvDataset.read(Path.of("penguins.csv"), CsvDataset.options().target("Species")
 *         .missing("drop"));
 * List<CsvDataset> split = table.split(0.2, 1337);   // training, validation
 * model.fit(split.get(0), FitOptions.defaults().epochs(20).validationData(split.get(1)));
 * }</pre>
 */
public final class CsvDataset implements Dataset {
    /** A column with at most this many distinct integer values is read as a categorical {@code "integer"} id. */
    public static final int MAX_INTEGER_CATEGORIES = 10;
    /** The out-of-vocabulary entry at index 0 of every vocabulary, as Keras's {@code StringLookup} names it. */
    public static final String OOV_TOKEN = "[UNK]";

    private final Schema schema;
    private final boolean[] subset;
    private final int size;
    private final boolean shuffle;
    private final long seed;
    private final AtomicInteger passes = new AtomicInteger();

    private CsvDataset(Schema schema, boolean[] subset, int size, boolean shuffle, long seed) {
        this.schema = schema;
        this.subset = subset;
        this.size = size;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** Keras-like defaults; see {@link Options}. */
    public static Options options() {
        return Options.DEFAULTS;
    }

    /**
     * Reads {@code file}'s header and scans its rows (types, vocabularies, missing values, classes).
     *
     * @throws DatasetException naming the file, line and column of a ragged row, a missing value (unless
     *     dropped) or a word among numbers
     * @throws IllegalArgumentException for an unknown target or column
     */
    public static CsvDataset read(Path file, Options options) {
        Args.notNull("file", file);
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("No CSV file at " + file.toAbsolutePath() + ".");
        }
        if (options.target == null) {
            throw Args.invalid("target", "the name of the column to predict", null, "Set it with options().target(name)");
        }
        Schema s = Schema.scan(file, options);
        long seed = options.seed != null ? options.seed : java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000);
        return new CsvDataset(s, null, s.rows, options.shuffle, seed);
    }

    /**
     * The training and the validation data sets: this data set's rows shuffled with NumPy's
     * {@code RandomState(seed)} (as Keras's folder loaders shuffle files), then the last
     * {@code int(validationSplit × n)} held out. The validation set is never shuffled. A part can be split again
     * (e.g. a test set first, then a validation set from the rest).
     */
    public List<CsvDataset> split(double validationSplit, long seed) {
        if (!(validationSplit > 0 && validationSplit < 1)) {
            throw Args.invalid("validation_split", "a number between 0 and 1 (exclusive)", validationSplit, null);
        }
        int numVal = (int) (validationSplit * size);
        if (numVal == 0 || numVal == size) {
            throw new IllegalArgumentException("Invalid `validation_split`=" + validationSplit + " for " + size + " rows "
                    + "of " + schema.file + ": it holds out int(" + validationSplit + " × " + size + ") = " + numVal
                    + " rows, which leaves " + (numVal == 0 ? "no validation" : "no training") + " data.");
        }
        // this data set's rows (indices among the file's kept rows), in file order, then NumPy's shuffle
        int[] rows = new int[size];
        for (int r = 0, i = 0; i < size; r++) {
            if (subset == null || subset[r]) {
                rows[i++] = r;
            }
        }
        new NumpyShuffle(seed).shuffle(rows);
        boolean[] train = new boolean[schema.rows];
        boolean[] val = new boolean[schema.rows];
        for (int i = 0; i < size; i++) {
            (i < size - numVal ? train : val)[rows[i]] = true;
        }
        return List.of(new CsvDataset(schema, train, size - numVal, shuffle, seed),
                new CsvDataset(schema, val, numVal, false, seed));
    }

    /** This data set with another batch size. */
    public CsvDataset batchSize(int batchSize) {
        return new CsvDataset(schema.withBatchSize(Args.positive("batch_size", batchSize)), subset, size, shuffle, seed);
    }

    /** The file read. */
    public Path file() {
        return schema.file;
    }

    /** The number of rows (after dropping rows with missing values, within this split). */
    public int size() {
        return size;
    }

    public int batchSize() {
        return schema.batchSize;
    }

    /** Every column of the file, in order. */
    public List<String> columnNames() {
        return schema.names;
    }

    public String target() {
        return schema.names.get(schema.target);
    }

    /** {@code "numeric"}, {@code "string"} or {@code "integer"}. */
    public String columnType(String column) {
        return schema.types[schema.index(column)];
    }

    /** The numeric feature columns, in file order. */
    public List<String> numericColumns() {
        return schema.columns(schema.numeric);
    }

    /** The categorical feature columns (string or integer), in file order: one input each. */
    public List<String> categoricalColumns() {
        return schema.columns(schema.categorical);
    }

    /** The feature columns, in file order: one input each. */
    public List<String> featureColumns() {
        return schema.columns(schema.features);
    }

    /** The model input names of the features, in order: {@link #inputName} of each feature column. */
    public List<String> inputNames() {
        return featureColumns().stream().map(CsvDataset::inputName).toList();
    }

    /**
     * A column name as a layer name (letters, digits, {@code _ . - /}): every other character becomes {@code _},
     * e.g. {@code "Beak Length (mm)"} → {@code "Beak_Length__mm_"}; an empty name becomes {@code "_"}.
     */
    public static String inputName(String column) {
        String n = column.replaceAll("[^A-Za-z0-9_.\\-/]", "_");
        return n.isEmpty() ? "_" : n;
    }

    /** A categorical column's vocabulary: {@code [UNK]} at index 0, then its values by decreasing count (ties: larger first). */
    public List<String> vocabulary(String column) {
        int c = schema.index(column);
        List<String> v = schema.vocabularies.get(c);
        if (v == null || c == schema.target) {
            throw new IllegalArgumentException("Column '" + column + "' is not a categorical feature; its type is "
                    + schema.types[c] + ".");
        }
        return v;
    }

    /** The target's classes, sorted (numerically for integers): the label of class {@code k} is {@code k}. */
    public List<String> classNames() {
        return schema.classes;
    }

    /** Whether the targets are binary: {@code (batch, 1)} float 0/1 rather than {@code (batch,)} class indices. */
    public boolean binary() {
        return schema.classes.size() == 2;
    }

    /** The rows left out for missing values, by column and first lines; empty when none were. */
    public String missingReport() {
        return schema.missingReport;
    }

    @Override
    public long cardinality() {
        return (size + schema.batchSize - 1) / schema.batchSize;
    }

    /**
     * The mean and population variance of each numeric column over this data set's rows (one pass), what
     * Keras's {@code Normalization.adapt} computes: {@code {mean[], variance[]}}.
     */
    public double[][] numericStatistics() {
        int k = schema.numeric.length;
        double[] mean = new double[k];
        double[] m2 = new double[k];
        long n = 0;
        try (Passes pass = new Pass(false).start()) {
            while (pass.hasNext()) {
                INDArray[] inputs = pass.next().inputs();
                long rows = inputs[0].size(0);
                float[][] cols = new float[k][];
                for (int j = 0; j < k; j++) {
                    cols[j] = inputs[schema.position[schema.numeric[j]]].data().asFloat();
                }
                for (int r = 0; r < rows; r++) {
                    n++;
                    for (int j = 0; j < k; j++) {
                        double v = cols[j][r];
                        double d = v - mean[j];
                        mean[j] += d / n;
                        m2[j] += d * (v - mean[j]);
                    }
                }
            }
        }
        for (int j = 0; j < k; j++) {
            m2[j] /= Math.max(1, n);
        }
        return new double[][] {mean, m2};
    }

    /**
     * One raw row (a value per column name; the target may be absent) as model inputs, batch of one: what
     * {@code kerasj predict} feeds a tabular model. A value outside a vocabulary gets index 0.
     */
    public INDArray[] encode(Map<String, String> row) {
        String[] fields = new String[schema.names.size()];
        for (int c = 0; c < fields.length; c++) {
            if (c == schema.target) {
                continue;
            }
            String v = row.get(schema.names.get(c));
            if (v == null || CsvTable.MISSING.contains(v.strip())) {
                if (schema.isFeature(c)) {
                    throw new IllegalArgumentException("Missing value for column '" + schema.names.get(c) + "': expected "
                            + "a " + schema.types[c] + " value. Received: " + row);
                }
                continue;
            }
            fields[c] = v.strip();
        }
        Encoded e = schema.encode(fields, "the row given", -1, false);
        return schema.inputs(new Encoded[] {e}, 1);
    }

    /** One row of a CSV file: its line number and its values by column name. */
    public record Row(int line, Map<String, String> values) {
    }

    /**
     * Every row of a small CSV file with a header, values trimmed, as {@code kerasj predict} reads raw rows.
     *
     * @throws DatasetException naming the file and line of a ragged row
     */
    public static List<Row> rows(Path file, char delimiter) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("No CSV file at " + file.toAbsolutePath() + ".");
        }
        List<Row> out = new ArrayList<>();
        try (CsvTable t = new CsvTable(file, delimiter, 0, true)) {
            List<String> names = t.header();
            for (List<String> r = t.next(names.size()); r != null; r = t.next(names.size())) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < names.size(); c++) {
                    values.put(names.get(c), r.get(c));
                }
                out.add(new Row(t.line(), Collections.unmodifiableMap(values)));
            }
        }
        return out;
    }

    /** Whether {@code value} is read as missing (an empty field, {@code NA}, {@code NaN}, {@code null}…). */
    public static boolean isMissing(String value) {
        return value == null || CsvTable.MISSING.contains(value.strip());
    }

    @Override
    public Passes iterator() {
        return new Pass(shuffle).start();
    }

    /** One pass: a reader on a background thread, rows of this subset (shuffled through a buffer), in batches. */
    private final class Pass {
        private final boolean shuffled;
        private CsvTable table;
        private int row = -1;
        private int delivered;
        private Encoded[] buffer;
        private int buffered;
        private SplittableRandom rng;

        Pass(boolean shuffled) {
            this.shuffled = shuffled;
        }

        Passes start() {
            return new Prefetcher((int) cardinality(), this::batch, 1, schema.prefetch, "kerasj-csv-reader", this::close);
        }

        private synchronized Batch batch(int b) {
            if (table == null) {
                table = schema.open();
                buffer = new Encoded[shuffled ? Math.max(1, schema.shuffleBuffer) : 1];
                rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + passes.incrementAndGet());
            }
            int n = Math.min(schema.batchSize, size - delivered);
            Encoded[] rows = new Encoded[n];
            for (int i = 0; i < n; i++) {
                rows[i] = shuffled ? fromBuffer() : nextRow();
            }
            delivered += n;
            return new Batch(schema.inputs(rows, n), schema.targets(rows, n));
        }

        /** A random row of a buffer refilled from the file, as {@code tf.data}'s {@code shuffle(buffer_size)}. */
        private Encoded fromBuffer() {
            while (buffered < buffer.length) {
                Encoded e = nextRowOrNull();
                if (e == null) {
                    break;
                }
                buffer[buffered++] = e;
            }
            int j = rng.nextInt(buffered);
            Encoded out = buffer[j];
            buffer[j] = buffer[--buffered];
            return out;
        }

        private Encoded nextRow() {
            Encoded e = nextRowOrNull();
            if (e == null) {
                throw new DatasetException("The CSV file " + schema.file + " changed while it was read: it has fewer rows "
                        + "than when it was scanned.");
            }
            return e;
        }

        /** The next row of this subset, encoded, or null at the end of the file. */
        private Encoded nextRowOrNull() {
            while (true) {
                List<String> fields = table.next(schema.names.size());
                if (fields == null) {
                    return null;
                }
                if (schema.dropMissing && schema.hasMissing(fields)) {
                    continue;
                }
                row++;
                if (subset == null || (row < subset.length && subset[row])) {
                    return schema.encode(fields.toArray(new String[0]), schema.file.toString(), table.line(), true);
                }
            }
        }

        private synchronized void close() {
            if (table != null) {
                table.close();
            }
        }
    }

    /** One row's values: numeric columns, categorical indices, the class index. */
    private record Encoded(float[] numeric, int[] categorical, String[] raw, int label) {
    }

    /** What the scan learnt about the file, shared by its splits. */
    private static final class Schema {
        final Path file;
        final List<String> names;
        final String[] types;
        final int target;
        final int[] numeric;
        final int[] categorical;
        /** The feature columns in file order. */
        final int[] features;
        /** Column → its input's position among the features (−1 for the target and excluded columns). */
        final int[] position;
        /** Column → its index in {@code numeric} or {@code categorical}. */
        final int[] slot;
        final List<List<String>> vocabularies = new ArrayList<>();
        final List<Map<String, Integer>> indices = new ArrayList<>();
        List<String> classes;
        Map<String, Integer> classIndex;
        final int rows;
        final boolean dropMissing;
        final String missingReport;
        final Options options;
        final int batchSize;
        final int prefetch;
        final int shuffleBuffer;

        private Schema(Path file, List<String> names, String[] types, int target, int rows, String missingReport,
                       Options options, int batchSize) {
            this.file = file;
            this.names = names;
            this.types = types;
            this.target = target;
            this.rows = rows;
            this.missingReport = missingReport;
            this.options = options;
            this.dropMissing = options.missing.equals("drop");
            this.batchSize = batchSize;
            this.prefetch = options.prefetch;
            this.shuffleBuffer = options.shuffleBuffer;
            List<Integer> num = new ArrayList<>();
            List<Integer> cat = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                if (!isFeature(c)) {
                    continue;
                }
                (types[c].equals("numeric") ? num : cat).add(c);
            }
            this.numeric = num.stream().mapToInt(Integer::intValue).toArray();
            this.categorical = cat.stream().mapToInt(Integer::intValue).toArray();
            this.position = new int[names.size()];
            this.slot = new int[names.size()];
            Arrays.fill(position, -1);
            List<Integer> feats = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                if (isFeature(c)) {
                    position[c] = feats.size();
                    feats.add(c);
                    slot[c] = types[c].equals("numeric") ? num.indexOf(c) : cat.indexOf(c);
                }
            }
            this.features = feats.stream().mapToInt(Integer::intValue).toArray();
        }

        Schema withBatchSize(int b) {
            Schema s = new Schema(file, names, types, target, rows, missingReport, options, b);
            s.vocabularies.addAll(vocabularies);
            s.indices.addAll(indices);
            s.classes = classes;
            s.classIndex = classIndex;
            return s;
        }

        boolean isFeature(int c) {
            return c != target && !options.excluded.contains(names.get(c));
        }

        int index(String column) {
            int c = names.indexOf(column);
            if (c < 0) {
                throw new IllegalArgumentException("Unknown column '" + column + "' in " + file + ". Its columns are: "
                        + names + ".");
            }
            return c;
        }

        List<String> columns(int[] idx) {
            List<String> out = new ArrayList<>();
            for (int c : idx) {
                out.add(names.get(c));
            }
            return Collections.unmodifiableList(out);
        }

        CsvTable open() {
            return new CsvTable(file, options.delimiter, options.skipRows, options.header);
        }

        boolean hasMissing(List<String> fields) {
            for (int c = 0; c < fields.size(); c++) {
                if ((c == target || isFeature(c)) && CsvTable.MISSING.contains(fields.get(c))) {
                    return true;
                }
            }
            return false;
        }

        /** A row as numbers; {@code withLabel} false skips the target. */
        Encoded encode(String[] fields, String where, int line, boolean withLabel) {
            float[] num = new float[numeric.length];
            for (int j = 0; j < numeric.length; j++) {
                String v = fields[numeric[j]];
                try {
                    num[j] = Float.parseFloat(v);
                } catch (NumberFormatException | NullPointerException e) {
                    throw nonNumeric(names.get(numeric[j]), v, where, line);
                }
            }
            int[] cat = new int[categorical.length];
            String[] raw = options.encodeCategories ? null : new String[categorical.length];
            for (int j = 0; j < categorical.length; j++) {
                String v = key(categorical[j], fields[categorical[j]]);
                Integer k = indices.get(categorical[j]).get(v);
                cat[j] = k == null ? 0 : k;
                if (raw != null) {
                    raw[j] = v;
                    if (types[categorical[j]].equals("integer") && k == null) {
                        try {
                            Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            throw new DatasetException("Non-integer value '" + v + "' in the integer column '"
                                    + names.get(categorical[j]) + "' at " + where + (line >= 0 ? ", line " + line : "")
                                    + ".");
                        }
                    }
                }
            }
            int label = -1;
            if (withLabel) {
                Integer k = classIndex.get(key(target, fields[target]));
                if (k == null) {
                    throw new DatasetException("Unknown class '" + fields[target] + "' in the target column '"
                            + names.get(target) + "' at " + where + ", line " + line + ": it was not in the file when it "
                            + "was scanned.");
                }
                label = k;
            }
            return new Encoded(num, cat, raw, label);
        }

        /** Integer values compare as numbers ("1.0" is "1"); others as text. */
        String key(int c, String v) {
            if (v != null && types[c].equals("integer")) {
                try {
                    return Long.toString((long) Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            return v;
        }

        INDArray[] inputs(Encoded[] rows, int n) {
            INDArray[] out = new INDArray[features.length];
            for (int f = 0; f < features.length; f++) {
                int c = features[f];
                int j = slot[c];
                if (types[c].equals("numeric")) {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rows[i].numeric[j];
                    }
                    out[f] = Nd4j.create(v, new long[] {n, 1}, 'c');
                } else if (!options.encodeCategories && types[c].equals("string")) {
                    String[] values = new String[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = rows[i].raw[j];
                    }
                    out[f] = Nd4j.create(values).reshape(n, 1);
                } else {
                    float[] ids = new float[n];
                    for (int i = 0; i < n; i++) {
                        ids[i] = options.encodeCategories ? rows[i].categorical[j] : Long.parseLong(rows[i].raw[j]);
                    }
                    out[f] = Nd4j.create(ids, new long[] {n, 1}, 'c');
                }
            }
            return out;
        }

        INDArray targets(Encoded[] rows, int n) {
            if (classes.size() == 2) {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = rows[i].label;
                }
                return Nd4j.create(f, new long[] {n, 1}, 'c');
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rows[i].label;
            }
            return Nd4j.createFromArray(y).castTo(DataType.INT32);
        }

        static DatasetException nonNumeric(String column, String value, String where, int line) {
            return new DatasetException("Non-numeric value '" + value + "' in the numeric column '" + column + "' at "
                    + where + (line >= 0 ? ", line " + line : "") + ". Fix the value, write it as a missing value (an empty "
                    + "field), or read the column as categories with options().columnType(\"" + column + "\", \"string\").");
        }

        /** The scan: header, per-column counts and values, then types, vocabularies and classes. */
        static Schema scan(Path file, Options o) {
            try (CsvTable t = new CsvTable(file, o.delimiter, o.skipRows, o.header)) {
                List<String> names = t.header();
                List<String> first = null;
                if (names == null) {
                    first = t.next(-1);
                    if (first == null) {
                        throw new DatasetException("The CSV file " + file + " has no rows.");
                    }
                    List<String> generated = new ArrayList<>();
                    for (int c = 0; c < first.size(); c++) {
                        generated.add("column_" + c);
                    }
                    names = List.copyOf(generated);
                }
                int target = names.indexOf(o.target);
                if (target < 0) {
                    throw new IllegalArgumentException("Unknown target column '" + o.target + "' in " + file + ". Its "
                            + "columns are: " + names + ".");
                }
                for (String c : o.types.keySet()) {
                    if (!names.contains(c)) {
                        throw new IllegalArgumentException("Unknown column '" + c + "' in columnType(): " + file
                                + " has the columns " + names + ".");
                    }
                }
                for (String c : o.excluded) {
                    if (!names.contains(c)) {
                        throw new IllegalArgumentException("Unknown column '" + c + "' in exclude(): " + file
                                + " has the columns " + names + ".");
                    }
                }
                int w = names.size();
                ColumnScan[] cols = new ColumnScan[w];
                for (int c = 0; c < w; c++) {
                    cols[c] = new ColumnScan();
                }
                int kept = 0;
                int dropped = 0;
                int[] missingCount = new int[w];
                List<Integer> missingLines = new ArrayList<>();
                boolean drop = o.missing.equals("drop");
                for (List<String> row = first != null ? first : t.next(w); row != null; row = t.next(w)) {
                    boolean missing = false;
                    for (int c = 0; c < w; c++) {
                        if ((c == target || !o.excluded.contains(names.get(c))) && CsvTable.MISSING.contains(row.get(c))) {
                            missing = true;
                            missingCount[c]++;
                            if (!drop) {
                                throw new DatasetException("Missing value in column '" + names.get(c) + "' at " + file
                                        + ", line " + t.line() + " (value '" + row.get(c) + "'). Fill it in, or read the "
                                        + "table with options().missing(\"drop\") to leave rows with missing values out.");
                            }
                        }
                    }
                    if (missing) {
                        dropped++;
                        if (missingLines.size() < 10) {
                            missingLines.add(t.line());
                        }
                        continue;
                    }
                    kept++;
                    for (int c = 0; c < w; c++) {
                        cols[c].add(row.get(c), t.line());
                    }
                }
                if (kept == 0) {
                    throw new DatasetException("The CSV file " + file + " has no " + (dropped > 0 ? "complete " : "")
                            + "data rows" + (dropped > 0 ? " (" + dropped + " rows with missing values left out)" : "")
                            + ".");
                }
                String[] types = new String[w];
                for (int c = 0; c < w; c++) {
                    types[c] = cols[c].type(names.get(c), o.types.get(names.get(c)), c == target, file);
                }
                String report = "";
                if (dropped > 0) {
                    StringBuilder sb = new StringBuilder("Left out " + dropped + " of " + (kept + dropped)
                            + " rows with missing values (");
                    String sep = "";
                    for (int c = 0; c < w; c++) {
                        if (missingCount[c] > 0) {
                            sb.append(sep).append(names.get(c)).append(": ").append(missingCount[c]);
                            sep = ", ";
                        }
                    }
                    sb.append("); lines ").append(missingLines).append(dropped > missingLines.size() ? "…" : "").append('.');
                    report = sb.toString();
                }
                Schema s = new Schema(file, names, types, target, kept, report, o, o.batchSize);
                for (int c = 0; c < w; c++) {
                    if (c == target) {
                        s.classes = cols[c].classes(types[c]);
                        s.classIndex = indexOf(s.classes, 0);
                        s.vocabularies.add(null);
                        s.indices.add(null);
                    } else if (!types[c].equals("numeric") && s.isFeature(c)) {
                        List<String> v = cols[c].vocabulary(names.get(c), types[c]);
                        s.vocabularies.add(v);
                        s.indices.add(indexOf(v, 0));
                    } else {
                        s.vocabularies.add(null);
                        s.indices.add(null);
                    }
                }
                if (s.classes.size() < 2) {
                    throw new DatasetException("The target column '" + o.target + "' of " + file + " has a single class "
                            + s.classes + ": a classifier needs at least two.");
                }
                return s;
            }
        }

        private static Map<String, Integer> indexOf(List<String> values, int from) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = from; i < values.size(); i++) {
                m.put(values.get(i), i);
            }
            return m;
        }
    }

    /** The counts one column gathers during the scan. */
    private static final class ColumnScan {
        private static final int MAX_DISTINCT = 100_000;
        long values;
        long numbers;
        long integers;
        String firstWord;
        int firstWordLine;
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean tooMany;

        void add(String v, int line) {
            values++;
            try {
                double d = Double.parseDouble(v);
                numbers++;
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    integers++;
                    v = Long.toString((long) d);
                }
            } catch (NumberFormatException e) {
                if (firstWord == null) {
                    firstWord = v;
                    firstWordLine = line;
                }
            }
            if (!tooMany) {
                counts.merge(v, 1L, Long::sum);
                if (counts.size() > MAX_DISTINCT) {
                    tooMany = true;
                    counts = null;
                }
            }
        }

        String type(String name, String declared, boolean isTarget, Path file) {
            if (declared != null) {
                if (declared.equals("numeric") && numbers < values) {
                    throw Schema.nonNumeric(name, firstWord, file.toString(), firstWordLine);
                }
                if (declared.equals("integer") && integers < values) {
                    throw new DatasetException("Non-integer value in the integer column '" + name + "' of " + file
                            + (firstWord != null ? ": '" + firstWord + "' at line " + firstWordLine : "") + ".");
                }
                return declared;
            }
            if (numbers == values) {
                boolean fewIntegers = integers == values && counts != null
                        && (isTarget || counts.size() <= MAX_INTEGER_CATEGORIES);
                return fewIntegers ? "integer" : "numeric";
            }
            if (numbers >= 0.9 * values) {
                throw Schema.nonNumeric(name, firstWord, file.toString(), firstWordLine);
            }
            return "string";
        }

        List<String> classes(String type) {
            if (type.equals("numeric") || counts == null) {
                throw new DatasetException("The target column has " + (counts == null ? "more than " + MAX_DISTINCT
                        : counts.size()) + " distinct " + (type.equals("numeric") ? "non-integer numbers" : "values")
                        + ": kerasj's tables are for classification, whose targets are classes (words or integers). "
                        + "Choose another target column.");
            }
            List<String> out = new ArrayList<>(counts.keySet());
            if (type.equals("integer")) {
                out.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
            } else {
                Collections.sort(out);
            }
            return Collections.unmodifiableList(out);
        }

        List<String> vocabulary(String name, String type) {
            if (counts == null) {
                throw new DatasetException("The categorical column '" + name + "' has more than " + MAX_DISTINCT
                        + " distinct values; leave it out with options().exclude(\"" + name + "\").");
            }
            List<Map.Entry<String, Long>> e = new ArrayList<>(counts.entrySet());
            // Keras's adapt: most frequent first, ties broken by the larger token first
            e.sort((a, b) -> a.getValue().equals(b.getValue()) ? compare(b.getKey(), a.getKey(), type)
                    : Long.compare(b.getValue(), a.getValue()));
            List<String> out = new ArrayList<>();
            out.add(OOV_TOKEN);
            e.forEach(x -> out.add(x.getKey()));
            return Collections.unmodifiableList(out);
        }

        private static int compare(String a, String b, String type) {
            return type.equals("integer") ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
        }
    }

    /**
     * How to read the table, immutable; each setter returns a copy. Defaults: no target (required), types
     * inferred, delimiter {@code ','}, a header line, no lines skipped, missing values an error, batch size 32,
     * shuffle true (through a buffer of 10,000 rows, {@code make_csv_dataset}'s default), seed none (random),
     * 4 batches read ahead, no column excluded.
     */
    public static final class Options {
        static final Options DEFAULTS = new Options();
        private static final List<String> TYPES = List.of("numeric", "string", "integer");

        String target;
        Map<String, String> types = Map.of();
        List<String> excluded = List.of();
        char delimiter = ',';
        boolean header = true;
        int skipRows;
        String missing = "error";
        int batchSize = 32;
        boolean shuffle = true;
        Long seed;
        int prefetch = 4;
        int shuffleBuffer = 10_000;
        boolean encodeCategories = true;

        private Options() {
        }

        private Options copy() {
            Options c = new Options();
            c.target = target;
            c.types = types;
            c.excluded = excluded;
            c.delimiter = delimiter;
            c.header = header;
            c.skipRows = skipRows;
            c.missing = missing;
            c.batchSize = batchSize;
            c.shuffle = shuffle;
            c.seed = seed;
            c.prefetch = prefetch;
            c.shuffleBuffer = shuffleBuffer;
            c.encodeCategories = encodeCategories;
            return c;
        }

        /** A copy with {@code change} applied: every setter is one. */
        private Options with(java.util.function.Consumer<Options> change) {
            Options c = copy();
            change.accept(c);
            return c;
        }

        /** The column to predict. */
        public Options target(String column) {
            return with(c -> c.target = Args.notBlank("target", column));
        }

        /** Declares a column's type: {@code "numeric"}, {@code "string"} (categorical) or {@code "integer"} (categorical id). */
        public Options columnType(String column, String type) {
            String t = type == null ? null : type.toLowerCase(Locale.ROOT);
            if (!TYPES.contains(t)) {
                throw Args.invalid("type", "one of " + TYPES, type == null ? null : "\"" + type + "\"", null);
            }
            Options c = copy();
            Map<String, String> m = new LinkedHashMap<>(types);
            m.put(Args.notBlank("column", column), t);
            c.types = Collections.unmodifiableMap(m);
            return c;
        }

        /** Columns that are not features (an id, a free-text note). */
        public Options exclude(String... columns) {
            Options c = copy();
            List<String> l = new ArrayList<>(excluded);
            l.addAll(Arrays.asList(columns));
            c.excluded = List.copyOf(l);
            return c;
        }

        public Options delimiter(char delimiter) {
            return with(c -> c.delimiter = delimiter);
        }

        /** Whether the first line (after {@code skipRows}) names the columns; without, they are {@code column_0…}. */
        public Options header(boolean header) {
            return with(c -> c.header = header);
        }

        /** Lines to skip at the top of the file, before the header. */
        public Options skipRows(int lines) {
            return with(c -> c.skipRows = Args.nonNegative("skip_rows", lines));
        }

        /** {@code "error"} (the default: a missing value stops the read, naming its line and column) or {@code "drop"}. */
        public Options missing(String policy) {
            if (!"error".equals(policy) && !"drop".equals(policy)) {
                throw Args.invalid("missing", "\"error\" or \"drop\"", policy, null);
            }
            return with(c -> c.missing = policy);
        }

        public Options batchSize(int batchSize) {
            return with(c -> c.batchSize = Args.positive("batch_size", batchSize));
        }

        public Options shuffle(boolean shuffle) {
            return with(c -> c.shuffle = shuffle);
        }

        public Options seed(long seed) {
            Options c = copy();
            new NumpyShuffle(seed);   // checks the range
            c.seed = seed;
            return c;
        }

        /** Batches read ahead of the one in use. */
        public Options prefetch(int batches) {
            return with(c -> c.prefetch = Args.positive("prefetch", batches));
        }

        /**
         * Whether categorical inputs hold vocabulary indices (true, the default) or the raw values (false: strings
         * as UTF-8 arrays, integers as numbers) for a model with {@code StringLookup}/{@code IntegerLookup} inside.
         */
        public Options encodeCategories(boolean encode) {
            return with(c -> c.encodeCategories = encode);
        }

        /** Rows held for shuffling (a full shuffle when the table is smaller). */
        public Options shuffleBuffer(int rows) {
            return with(c -> c.shuffleBuffer = Args.positive("shuffle_buffer", rows));
        }
    }
}
