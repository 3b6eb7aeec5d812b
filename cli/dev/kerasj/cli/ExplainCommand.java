package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.display.Png;
import dev.kerasj.explain.ExactExplainer;
import dev.kerasj.explain.GradCam;
import dev.kerasj.explain.Heatmaps;
import dev.kerasj.explain.IntegratedGradients;
import dev.kerasj.explain.KernelExplainer;
import dev.kerasj.explain.PermutationExplainer;
import dev.kerasj.explain.Saliency;
import dev.kerasj.explain.ShapExplainer;
import dev.kerasj.explain.ShapPlots;
import dev.kerasj.layers.Conv2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code kerasj explain --model FILE --input FILE...}: why a saved model predicts what it predicts.
 *
 * <ul>
 *   <li>CSV rows for a model with input {@code (features,)}: SHAP values against a background data set
 *       ({@code --background}, else the input rows themselves; at most {@value #MAX_BACKGROUND} rows, sampled
 *       with seed 0 beyond). Method {@code shap} (the default) is the exact explainer up to
 *       {@value #EXACT_UP_TO} features and KernelSHAP beyond; {@code kernel}, {@code exact} and
 *       {@code permutation} name one. Writes {@code summary.png}, {@code bar.png} and {@code waterfall-0.png}
 *       (the first row) and prints each row's prediction, base value and largest contributions.</li>
 *   <li>Images for an image model: Grad-CAM (the default when the model has a {@code Conv2D}), else
 *       integrated gradients; {@code saliency} on request. Writes {@code NAME-METHOD.png} overlays and prints the
 *       predicted class and where the heat is.</li>
 * </ul>
 * A model with several outputs is explained for {@code --class K}; without it, CSV rows are explained for the
 * class predicted most often and images for each image's predicted class.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains a saved model's predictions: SHAP values of CSV rows (summary, bar and waterfall plots), "
                + "or Grad-CAM, saliency or integrated-gradients heat maps over images.",
            "CSV inputs: a header row names the features. Images are read as `kerasj predict` reads them."})
final class ExplainCommand implements Callable<Integer> {
    /** Background rows used at most; more are sampled down (each costs model calls for every coalition). */
    static final int MAX_BACKGROUND = 100;
    /** The {@code shap} method enumerates all coalitions up to this many features. */
    static final int EXACT_UP_TO = 12;
    static final List<String> METHODS = List.of("shap", "kernel", "exact", "permutation", "saliency",
            "integrated-gradients", "grad-cam");
    private static final List<String> SHAP_METHODS = METHODS.subList(0, 4);

    private final CliContext context;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by `kerasj train` or "
            + "Model.save.")
    Path model;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "A .csv file of rows (tabular models) or image file(s) (image models).")
    List<Path> inputs;

    @Option(names = "--method", paramLabel = "NAME", description = "One of: shap, kernel, exact, permutation (CSV rows); "
            + "grad-cam, saliency, integrated-gradients (images). Default: shap for CSV rows; grad-cam for images when the "
            + "model has a Conv2D, else integrated-gradients.")
    String method;

    @Option(names = "--background", paramLabel = "FILE", description = "A .csv file of background rows for SHAP. "
            + "Default: the input rows.")
    Path background;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = ".", description = "Where the pictures go. "
            + "Default: the current directory.")
    Path output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "Contributions printed per row. "
            + "Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--class", paramLabel = "K", description = "The output (class) to explain. Default: each image's "
            + "predicted class; for CSV rows the class predicted most often.")
    Integer target;

    ExplainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (method != null && !METHODS.contains(method)) {
            throw new CliException(ExitCodes.USAGE, "Invalid --method: expected one of " + String.join(", ", METHODS)
                    + ". Received: " + method);
        }
        if (top < 1) {
            throw new CliException(ExitCodes.USAGE, "Invalid --top: expected a positive number of features. Received: " + top);
        }
        long csv = inputs.stream().filter(ExplainCommand::isCsv).count();
        if (csv != 0 && csv != inputs.size()) {
            throw new CliException(ExitCodes.USAGE, "Invalid --input: expected either .csv files or images, not both. "
                    + "Received: " + inputs);
        }
        Model m = ModelFiles.load(model);
        if (!m.isCompiled()) {
            throw new CliException(ExitCodes.BAD_MODEL_FILE, "The model in " + model + " was saved before compile(); "
                    + "explanations need a compiled model. Save it again after model.compile(...).");
        }
        int k = (int) Arrays.stream(m.outputShape()).reduce(1, (a, b) -> a * b);
        int requested = requestedClass(k);
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new CliException(ExitCodes.USAGE, "Invalid --output: expected a directory for the pictures. Received: "
                    + output + ", a file.");
        }
        Files.createDirectories(output);
        if (csv == 0 && background != null) {
            context.err().println("note: --background is for SHAP values of CSV rows; images do not use it.");
        }
        return csv > 0 ? tabular(m, requested) : images(m, requested);
    }

    private int tabular(Model m, int requested) throws IOException {
        long[] shape = m.inputShape();
        if (shape.length != 1) {
            throw new CliException(ExitCodes.USAGE, "CSV rows explain models whose input is a row of features (features,); "
                    + "this model's input is " + Arrays.toString(shape) + ". Give image files for an image model.");
        }
        String how = method == null ? "shap" : method;
        if (!SHAP_METHODS.contains(how)) {
            throw new CliException(ExitCodes.USAGE, "Invalid --method for CSV rows: expected one of "
                    + String.join(", ", SHAP_METHODS) + " (" + how + " explains images). Received: " + how);
        }
        int features = (int) shape[0];
        List<PredictInputs.Sample> rows = new ArrayList<>();
        for (Path p : inputs) {
            rows.addAll(PredictInputs.read(p, m));
        }
        List<String> names = featureNames(inputs.get(0), features);
        INDArray x = PredictInputs.stack(rows);
        PrintStream err = context.err();
        INDArray bg;
        if (background != null) {
            if (!isCsv(background)) {
                throw new CliException(ExitCodes.USAGE, "Invalid --background: expected a .csv file of rows. Received: "
                        + background);
            }
            bg = PredictInputs.stack(PredictInputs.read(background, m));
        } else {
            bg = x;
            err.println("note: no --background given; the " + x.size(0) + " input rows are the background data set.");
        }
        if (bg.size(0) > MAX_BACKGROUND) {
            err.println("note: using " + MAX_BACKGROUND + " of the " + bg.size(0) + " background rows (sampled with seed 0).");
            bg = sample(bg, MAX_BACKGROUND);
        }
        if ("exact".equals(how) && features > ExactExplainer.MAX_FEATURES) {
            throw new CliException(ExitCodes.USAGE, "Invalid --method exact: it enumerates 2^M coalitions, at most "
                    + ExactExplainer.MAX_FEATURES + " features; this model has " + features + ". Use kernel or permutation.");
        }
        String used = "shap".equals(how) ? (features <= EXACT_UP_TO ? "exact" : "kernel") : how;
        ShapExplainer explainer = switch (used) {
            case "exact" -> new ExactExplainer(m, bg);
            case "permutation" -> new PermutationExplainer(m, bg);
            default -> new KernelExplainer(m, bg);
        };
        INDArray fx = m.predict(x).castTo(DataType.DOUBLE).reshape(x.size(0), -1);
        int k = (int) fx.size(1);
        int out = requested >= 0 || k == 1 ? Math.max(0, requested) : mostPredicted(fx, k);
        PrintStream o = context.out();
        o.println("method: " + used + " SHAP (" + features + " features, " + bg.size(0) + " background rows)"
                + (k > 1 ? "; explaining output " + out + " of " + k : ""));
        INDArray phi = explainer.shapValuesPerOutput(x).get(out);
        double base = explainer.expectedValues()[out];
        for (int i = 0; i < rows.size(); i++) {
            o.println(rowLine(i, rows.get(i).label(), fx.getDouble(i, out), base, phi.getRow(i), x.getRow(i), names));
        }
        List<Path> written = new ArrayList<>();
        written.add(save(ShapPlots.summary(phi, x, names), "summary.png"));
        written.add(save(ShapPlots.bar(phi, names), "bar.png"));
        written.add(save(ShapPlots.waterfall(base, phi.getRow(0), x.getRow(0), names), "waterfall-0.png"));
        o.println("wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        o.flush();
        return ExitCodes.OK;
    }

    private static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /**
     * The feature names: the fields of the CSV file's first line (blank lines and {@code #} comments skipped) when
     * it is a header (not all numbers) with one name per feature, else "Feature 0", "Feature 1"…
     */
    static List<String> featureNames(Path csv, int features) throws IOException {
        try (java.io.BufferedReader in = Files.newBufferedReader(csv, java.nio.charset.StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String t = line.replace("\uFEFF", "").strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                List<String> fields = Arrays.stream(t.split(",", -1)).map(f -> f.strip().replaceAll("^\"|\"$", "")).toList();
                boolean header = fields.stream().anyMatch(f -> !f.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?"));
                if (header && fields.size() == features) {
                    return fields;
                }
                break;
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("Feature " + j);
        }
        return names;
    }

    /** "row 0 (file.csv:2): f(x)=0.8300 base=0.4100 | temp_min=3.1 +0.2100, wind=4.2 −0.0300". */
    private String rowLine(int i, String label, double fx, double base, INDArray phiRow, INDArray xRow, List<String> names) {
        double[] phi = phiRow.castTo(DataType.DOUBLE).toDoubleVector();
        double[] v = xRow.castTo(DataType.DOUBLE).toDoubleVector();
        Integer[] order = new Integer[phi.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -Math.abs(phi[j])).thenComparingInt(j -> j));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "row %d (%s): f(x)=%.4f base=%.4f |", i, label, fx,
                base));
        for (int r = 0; r < Math.min(top, order.length); r++) {
            int j = order[r];
            sb.append(r == 0 ? " " : ", ").append(names.get(j)).append('=').append(number(v[j]))
                    .append(String.format(Locale.ROOT, " %+.4f", phi[j]));
        }
        return sb.toString();
    }

    private int images(Model m, int output) throws IOException {
        String how = method != null ? method : hasConv2D(m) ? "grad-cam" : "integrated-gradients";
        if (SHAP_METHODS.contains(how)) {
            throw new CliException(ExitCodes.USAGE, "Invalid --method for images: expected grad-cam, saliency or "
                    + "integrated-gradients (SHAP methods explain CSV rows). Received: " + how);
        }
        long[] shape = m.inputShape();
        List<PredictInputs.Sample> samples = new ArrayList<>();
        for (Path p : inputs) {
            samples.addAll(PredictInputs.read(p, m));
        }
        INDArray x = PredictInputs.stack(samples);
        INDArray probabilities = m.predict(x).castTo(DataType.DOUBLE).reshape(x.size(0), -1);
        int k = (int) probabilities.size(1);
        INDArray heat;
        try {
            // without --class, each image's predicted class (the explainers' one-argument methods)
            heat = switch (how) {
                case "grad-cam" -> output < 0 ? new GradCam(m).heatmap(x) : new GradCam(m).heatmap(x, output);
                case "saliency" -> output < 0 ? new Saliency(m).explain(x) : new Saliency(m).explain(x, output);
                default -> output < 0 ? new IntegratedGradients(m).attributions(x)
                        : new IntegratedGradients(m).attributions(x, output);
            };
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        long[] image = imageShape(shape);
        PrintStream o = context.out();
        for (int i = 0; i < samples.size(); i++) {
            PredictInputs.Sample s = samples.get(i);
            INDArray pixels = x.get(NDArrayIndex.point(i)).reshape(image);
            INDArray h = how.equals("grad-cam") ? heat.get(NDArrayIndex.point(i)) : heat.get(NDArrayIndex.point(i)).reshape(image);
            double[] p = probabilities.getRow(i).toDoubleVector();
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                best = p[c] > p[best] ? c : best;
            }
            String prediction = k > 1 ? String.format(Locale.ROOT, "class %d (probability %.4f)", best, p[best])
                    : String.format(Locale.ROOT, "prediction %.4f", p[0]);
            String explained = k > 1 ? " for class " + (output >= 0 ? output : best) : "";
            String stem = s.label().replaceFirst("\\.[^.]+$", "");
            Path file = save(Heatmaps.overlay(pixels, h), stem + "-" + (how.equals("grad-cam") ? "gradcam" : how) + ".png");
            o.println(s.label() + ": " + prediction + (s.note() == null ? "" : " (" + s.note() + ")"));
            o.println("  " + how + explained + ": " + where(h, (int) image[0], (int) image[1]) + "; wrote " + file);
        }
        o.flush();
        return ExitCodes.OK;
    }

    /** The image shape of a model input: (h, w, c) as it is, (h, w) as it is, (h·w,) as a square (side, side). */
    private static long[] imageShape(long[] inputShape) {
        if (inputShape.length == 1) {
            long side = Math.round(Math.sqrt(inputShape[0]));
            return new long[] {side, side};
        }
        return inputShape;
    }

    /**
     * Where a heat map (h', w') or attributions (h, w[, c]) are concentrated, in the input image's pixel rows and
     * columns: the hottest place, the heat's centre of mass and the ninth of the image that holds it.
     */
    static String where(INDArray heat, int height, int width) {
        INDArray a = heat.castTo(DataType.DOUBLE);
        if (a.rank() == 3) {
            a = org.nd4j.linalg.ops.transforms.Transforms.abs(a, true).max(2);
        } else {
            a = org.nd4j.linalg.ops.transforms.Transforms.abs(a, true);
        }
        double[][] v = a.toDoubleMatrix();
        int hh = v.length;
        int ww = v[0].length;
        double total = 0;
        double sr = 0;
        double sc = 0;
        int pr = 0;
        int pc = 0;
        for (int r = 0; r < hh; r++) {
            for (int c = 0; c < ww; c++) {
                total += v[r][c];
                sr += v[r][c] * ((r + 0.5) * height / hh - 0.5);
                sc += v[r][c] * ((c + 0.5) * width / ww - 0.5);
                if (v[r][c] > v[pr][pc]) {
                    pr = r;
                    pc = c;
                }
            }
        }
        if (total == 0) {
            return "no heat anywhere (the explanation is all zeros)";
        }
        double cr = sr / total;
        double cc = sc / total;
        String vertical = cr < height / 3.0 ? "top" : cr < 2 * height / 3.0 ? "middle" : "bottom";
        String horizontal = cc < width / 3.0 ? "left" : cc < 2 * width / 3.0 ? "centre" : "right";
        String region = vertical.equals("middle") && horizontal.equals("centre") ? "centre" : vertical + " " + horizontal;
        return String.format(Locale.ROOT, "heat concentrated in the %s, peak at %s, %s, centre of mass at row %.1f, "
                + "column %.1f (of %dx%d)", region, span("row", pr, hh, height), span("column", pc, ww, width), cr, cc,
                height, width);
    }

    /** The input pixels under cell {@code i} of {@code cells} spread over {@code pixels}: "rows 8-11", or "row 9". */
    private static String span(String what, int i, int cells, int pixels) {
        int lo = (int) Math.floor((double) i * pixels / cells);
        int hi = (int) Math.ceil((double) (i + 1) * pixels / cells) - 1;
        return lo >= hi ? what + " " + lo : what + "s " + lo + "-" + hi;
    }

    private static boolean hasConv2D(Model m) {
        return m.layers().stream().anyMatch(l -> l instanceof Conv2D);
    }

    /** The class predicted most often, which CSV rows of a classifier are explained for without --class. */
    private int mostPredicted(INDArray fx, int k) {
        int[] counts = new int[k];
        for (int i = 0; i < fx.size(0); i++) {
            counts[fx.getRow(i).argMax().getInt(0)]++;
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            best = counts[c] > counts[best] ? c : best;
        }
        context.err().println("note: the model has " + k + " outputs; explaining output " + best
                + ", the class predicted most often (choose one with --class).");
        return best;
    }

    /** --class, checked against the model's {@code k} outputs, or -1 when not given. */
    private int requestedClass(int k) {
        if (target != null && (target < 0 || target >= k)) {
            throw new CliException(ExitCodes.USAGE, "Invalid --class: expected an output index in [0, " + k + "). Received: "
                    + target);
        }
        return target == null ? -1 : target;
    }

    private static INDArray sample(INDArray rows, int n) {
        int m = (int) rows.size(0);
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        SplittableRandom random = new SplittableRandom(0);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(m - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, n);
        Arrays.sort(chosen);
        return rows.getRows(chosen);
    }

    private Path save(Png png, String name) throws IOException {
        Path file = output.resolve(name);
        png.save(file);
        return file;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
