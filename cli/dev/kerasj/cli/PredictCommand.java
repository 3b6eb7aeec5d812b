package dev.kerasj.cli;

import dev.kerasj.Model;
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
        description = {"Predicts with a saved model: PNG image(s) of a digit or CSV rows of numbers.",
            "Images are turned grey, resized to the model's input, scaled to [0, 1] and inverted when dark on light; "
                + "CSV rows are used as they are."})
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
        long[] inputShape = m.inputShape();
        List<PredictInputs.Sample> samples = new ArrayList<>();
        for (Path p : inputs) {
            samples.addAll(PredictInputs.read(p, inputShape));
        }
        INDArray predictions = m.predict(PredictInputs.stack(samples));
        PrintStream out = context.out();
        long outputs = predictions.length() / samples.size();
        for (int i = 0; i < samples.size(); i++) {
            PredictInputs.Sample s = samples.get(i);
            double[] p = predictions.slice(i).reshape(outputs).toDoubleVector();
            String note = s.note() == null ? "" : " (" + s.note() + ")";
            if (p.length > 1) {
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
        return ExitCodes.OK;
    }
}
