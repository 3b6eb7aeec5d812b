package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code kerasj predict --model FILE --input FILE...}: for each image or CSV row, the predicted class and
 * every class's probability (classifiers), or the predicted values (regression models). See
 * {@link PredictInputs} for how inputs are read.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts with a saved model: PNG image(s) of a digit or CSV rows of numbers; a model trained "
                + "by `kerasj train images` takes image files as they are, one trained by `kerasj train tabular` "
                + "CSV rows with a header, as they are.",
            "Images are flattened onto a contrasting background where transparent, turned grey, resized to the "
                + "model's input, scaled to [0, 1] and inverted when dark on light; CSV rows are used as they are.",
            "An output that is not a number is printed as nan and the exit code is not 0."})
final class PredictCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by `kerasj train`.")
    Path model;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "PNG image(s) or .csv file(s) of inputs.")
    List<Path> inputs;

    PredictCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Model m = ModelFiles.load(model);
        List<PredictInputs.Sample> samples = new ArrayList<>();
        INDArray predictions;
        if (TableInputs.applies(m)) {
            // a table model: raw rows, one column per input; the model preprocesses them itself
            TableInputs.Rows rows = TableInputs.read(inputs, m);
            rows.labels().forEach(l -> samples.add(new PredictInputs.Sample(l, null, null, List.of())));
            predictions = m.predict(rows.inputs(), Model.DEFAULT_BATCH_SIZE)[0];
        } else {
            for (Path p : inputs) {
                samples.addAll(PredictInputs.read(p, m));
            }
            for (PredictInputs.Sample s : samples) {
                s.warnings().forEach(w -> context.err().println("Warning: " + w));
            }
            context.err().flush();
            predictions = m.predict(PredictInputs.stack(samples));
        }
        PrintStream out = context.out();
        long outputs = predictions.length() / samples.size();
        int notANumber = 0;
        for (int i = 0; i < samples.size(); i++) {
            PredictInputs.Sample s = samples.get(i);
            double[] p = predictions.slice(i).reshape(outputs).toDoubleVector();
            String note = s.note() == null ? "" : " (" + s.note() + ")";
            if (!allFinite(p)) {
                // Never a class or a number made out of NaN: argmax over NaN says "class 0".
                out.println(s.label() + ": nan (the model's output is not a number)" + note);
                notANumber++;
            } else if (p.length > 1) {
                int best = 0;
                for (int k = 1; k < p.length; k++) {
                    if (p[k] > p[best]) {
                        best = k;
                    }
                }
                out.println(s.label() + ": class " + best + String.format(Locale.ROOT, " (probability %.4f)", p[best]) + note);
                StringBuilder sb = new StringBuilder("  probabilities:");
                for (int k = 0; k < p.length; k++) {
                    sb.append(String.format(Locale.ROOT, " %d=%.4f", k, p[k]));
                }
                out.println(sb);
            } else {
                out.println(s.label() + ": prediction " + String.format(Locale.ROOT, "%.4f", p[0]) + note);
            }
        }
        out.flush();
        if (notANumber > 0) {
            throw notANumber(m, notANumber, samples.size());
        }
        return ExitCodes.OK;
    }

    /** Exit 4 when the model's weights hold NaN or infinity (a broken file), else exit 1. */
    private CliException notANumber(Model m, int count, int total) {
        String what = "The model's output is not a number (NaN) for " + count + " of " + total + " input(s); no "
                + "prediction is given for them.";
        for (Layer layer : m.layers()) {
            for (INDArray w : layer.getWeights()) {
                if (!allFinite(w.dup('c').castTo(DataType.DOUBLE).reshape(w.length()).toDoubleVector())) {
                    return new CliException(ExitCodes.BAD_MODEL_FILE, what + " The weights of layer '" + layer.name()
                            + "' in " + model + " hold NaN or infinite values: the file is corrupt, or was saved after "
                            + "training diverged. Train the model again.");
                }
            }
        }
        return new CliException(ExitCodes.SOFTWARE, what + " The weights are finite, so the inputs drive the model out "
                + "of the float range; check that they are scaled as in training.");
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
