package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.datasets.CsvDataset;
import dev.kerasj.datasets.DatasetException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kerasj predict --input rows.csv} for a table model (several inputs, or a string input — what
 * {@code kerasj train tabular} saves): a CSV file with a header whose columns are matched to the model's inputs
 * by name ({@link CsvDataset#inputName}: {@code "Beak Length (mm)"} feeds input {@code Beak_Length__mm_}); other
 * columns, such as the target, are ignored. A string input gets the raw text, a numeric input the number; a
 * missing column or value, or a word for a numeric input, is an error naming the file, line and column.
 */
final class TableInputs {
    /** The rows read: one label per row and one {@code (n, 1)} array per model input. */
    record Rows(List<String> labels, INDArray[] inputs) {
    }

    private TableInputs() {
    }

    /** Whether {@code model} reads table rows column by column rather than one array of numbers. */
    static boolean applies(Model model) {
        return model.inputNames().size() > 1 || model.inputDtypes().contains("string");
    }

    static Rows read(List<Path> files, Model model) {
        List<String> names = model.inputNames();
        List<String> dtypes = model.inputDtypes();
        List<String> labels = new ArrayList<>();
        List<List<String>> columns = new ArrayList<>();
        names.forEach(n -> columns.add(new ArrayList<>()));
        for (Path file : files) {
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": model '" + model.name() + "' reads "
                        + "table rows (inputs " + names + "); give it a .csv file with a header naming its columns.");
            }
            List<CsvDataset.Row> rows;
            try {
                rows = CsvDataset.rows(file, ',');
            } catch (DatasetException e) {
                throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": " + e.getMessage());
            }
            if (rows.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": it has no data rows.");
            }
            for (CsvDataset.Row row : rows) {
                labels.add(file.getFileName() + ":" + row.line());
                for (int i = 0; i < names.size(); i++) {
                    columns.get(i).add(value(file, row, names.get(i), dtypes.get(i)));
                }
            }
        }
        INDArray[] inputs = new INDArray[names.size()];
        for (int i = 0; i < inputs.length; i++) {
            List<String> v = columns.get(i);
            if (dtypes.get(i).equals("string")) {
                inputs[i] = Nd4j.create(v.toArray(new String[0])).reshape(v.size(), 1);
            } else {
                float[] f = new float[v.size()];
                for (int r = 0; r < f.length; r++) {
                    f[r] = Float.parseFloat(v.get(r));
                }
                inputs[i] = Nd4j.create(f, new long[] {f.length, 1}, 'c');
            }
        }
        return new Rows(labels, inputs);
    }

    /** The value of {@code input}'s column in {@code row}, checked against the input's dtype. */
    private static String value(Path file, CsvDataset.Row row, String input, String dtype) {
        String column = null;
        for (String c : row.values().keySet()) {
            if (CsvDataset.inputName(c).equals(input)) {
                column = c;
                break;
            }
        }
        if (column == null) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": no column for the model's input '" + input
                    + "'. Its header has " + row.values().keySet() + ".");
        }
        String v = row.values().get(column);
        if (CsvDataset.isMissing(v)) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ", line " + row.line() + ": the value of column '"
                    + column + "' is missing; the model needs every input.");
        }
        if (!dtype.equals("string")) {
            try {
                float f = Float.parseFloat(v);
                if (!Float.isFinite(f)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ", line " + row.line() + ", column '"
                        + column + "': expected a finite number for the model's input '" + input + "'. Received: '" + v
                        + "'.");
            }
        }
        return v;
    }
}
