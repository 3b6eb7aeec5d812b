package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.datasets.CsvDataset;
import dev.kerasj.models.Hyperparameters;
import dev.kerasj.models.TabularClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code kerasj train tabular --csv FILE --target COLUMN}: the {@link TabularClassifier} recipe on a CSV table. */
@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = {"An MLP on your CSV table, predicting the class in one column.",
            "The table needs a header line. Prints test_loss and test_accuracy on 20 % of the rows held out, saves the "
                + "model and its learning curves.",
            "Each column is preprocessed inside the model (numbers normalized, words and integer codes one-hot "
                + "encoded), so `kerasj predict --input rows.csv` takes raw rows. Rows with missing values are left "
                + "out and reported. Two classes: a sigmoid output; more: softmax."})
final class TrainTabularCommand extends OwnDataTrainCommand {
    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The table: a header line naming the "
            + "columns, one row per line.")
    Path csv;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "The column to predict.")
    String target;

    @Option(names = "--column-type", paramLabel = "COLUMN=TYPE", description = "Declares a column's type (numeric, "
            + "string or integer) instead of inferring it; repeatable.")
    Map<String, String> columnTypes;

    @Option(names = "--exclude", paramLabel = "COLUMN", split = ",", description = "Columns that are not features "
            + "(an id, a note); comma-separated.")
    List<String> exclude;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "The field delimiter. Default: ','.")
    char delimiter = ',';

    TrainTabularCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Hyperparameters h = hyperparameters(TabularClassifier.DEFAULTS);
        CsvDataset.Options o;
        try {
            o = CsvDataset.options().target(target).missing("drop").delimiter(delimiter);
            if (columnTypes != null) {
                for (Map.Entry<String, String> e : columnTypes.entrySet()) {
                    o = o.columnType(e.getKey(), e.getValue());
                }
            }
            if (exclude != null) {
                o = o.exclude(exclude.toArray(new String[0]));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TabularClassifier recipe = new TabularClassifier(csv, o, h);
        Path out = output(TabularClassifier.NAME);
        Path plotFile = plot(out);
        context.out().println("Recipe tabular: an MLP on the table " + csv + ", predicting " + target);
        context.out().println("Settings: " + describe(h));
        List<CsvDataset> data;
        try {
            data = recipe.data();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CsvDataset train = data.get(0);
        if (!train.missingReport().isEmpty()) {
            context.out().println(train.missingReport());
        }
        StringBuilder columns = new StringBuilder();
        for (String c : train.featureColumns()) {
            columns.append(columns.length() == 0 ? "" : ", ").append(c).append(" (").append(train.columnType(c))
                    .append(')');
        }
        context.out().println("Columns: " + columns);
        context.out().println("Classes of " + target + ": " + train.classNames() + (train.binary() ? " (binary)" : ""));
        context.out().println("Rows: " + train.size() + " training, " + data.get(1).size() + " validation, "
                + data.get(2).size() + " test");
        Model model = recipe.build();
        return trainAndFinish(model, recipe::train, recipe::report, out, plotFile);
    }
}
