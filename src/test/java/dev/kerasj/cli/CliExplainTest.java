package dev.kerasj.cli;

import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.explain.ShapPlots;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.MaxPooling2D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kerasj explain} on models saved here: a linear model with known weights (so every SHAP value is
 * known: φ_j = w_j (x_j − mean of the background's x_j)), a softmax classifier, a small CNN trained on the
 * synthetic digits and a dense image model.
 */
class CliExplainTest {
    @TempDir
    static Path dir;
    static CliRunner cli;
    static Path linear;
    static Path classifier;
    static Path cnn;
    static Path denseImages;
    static Path rows;
    static double[][] x;
    static Path digit;
    static int digitClass;

    private static final double[] W = {2, -1, 0};
    private static final double B = 0.5;

    @BeforeAll
    static void saveModelsAndInputs() throws Exception {
        cli = new CliRunner(dir);
        Kerasj.setRandomSeed(1);
        Sequential lin = new Sequential(new Input(3), new Dense(1));
        lin.compile("sgd", "mse");
        lin.layers().get(0).setWeights(Nd4j.createFromArray(new float[][] {{2}, {-1}, {0}}), Nd4j.createFromArray(0.5f));
        linear = dir.resolve("linear.kerasj");
        lin.save(linear);

        Sequential cls = new Sequential(new Input(3), new Dense(3, "softmax"));
        cls.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        cls.layers().get(0).setWeights(Nd4j.createFromArray(new float[][] {{1, 0, -1}, {0, 2, 0}, {-1, 0, 1}}),
                Nd4j.createFromArray(0f, 0f, 0.2f));
        classifier = dir.resolve("classifier.kerasj");
        cls.save(classifier);

        // 20 rows uniform in [-1, 1), with a header naming the features
        SplittableRandom r = new SplittableRandom(5);
        x = new double[20][3];
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = Math.round((r.nextDouble() * 2 - 1) * 1000) / 1000.0;
            }
            csv.append(row[0]).append(',').append(row[1]).append(',').append(row[2]).append('\n');
        }
        rows = dir.resolve("rows.csv");
        Files.writeString(rows, csv);

        // a CNN trained briefly on the synthetic digits (a bright bar whose row is the class)
        Random random = new Random(11);
        int n = 300;
        float[] images = new float[n * 784];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            byte[] px = CliRunner.image(i % 10, random);
            for (int p = 0; p < 784; p++) {
                images[i * 784 + p] = (px[p] & 0xff) / 255f;
            }
        }
        Sequential conv = new Sequential(new Input(28, 28, 1), new Conv2D(4, 3, "relu"), new MaxPooling2D(2), new Flatten(),
                new Dense(10, "softmax"));
        conv.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        conv.fit(Nd4j.create(images, new long[] {n, 28, 28, 1}, 'c'), Nd4j.create(labels, new long[] {n}, 'c'),
                dev.kerasj.FitOptions.defaults().epochs(4).batchSize(32).verbose(0));
        cnn = dir.resolve("cnn.kerasj");
        conv.save(cnn);

        Sequential dense = new Sequential(new Input(28, 28), new Flatten(), new Dense(10, "softmax"));
        dense.compile("adam", "sparse_categorical_crossentropy");
        denseImages = dir.resolve("dense.kerasj");
        dense.save(denseImages);

        // the synthetic 3 as a PNG, light on dark as MNIST
        byte[] three = CliRunner.image(3, random);
        BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = new float[784];
        for (int i = 0; i < 784; i++) {
            png.getRaster().setSample(i % 28, i / 28, 0, three[i] & 0xff);
            pixels[i] = (three[i] & 0xff) / 255f;
        }
        digit = dir.resolve("three.png");
        ImageIO.write(png, "png", digit.toFile());
        digitClass = conv.predict(Nd4j.create(pixels, new long[] {1, 28, 28, 1}, 'c')).argMax(1).getInt(0);
    }

    /** A parsed "row i (label): f(x)=… base=… | name=value ±φ, …" line. */
    record Row(double fx, double base, Map<String, Double> phi, List<String> order) {
    }

    static List<Row> rows(String out) {
        List<Row> list = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^row (\\d+) \\([^)]*\\): f\\(x\\)=(-?[0-9.]+) base=(-?[0-9.]+) \\|(.*)$").matcher(out);
        while (m.find()) {
            assertEquals(list.size(), Integer.parseInt(m.group(1)));
            Map<String, Double> phi = new LinkedHashMap<>();
            Matcher c = Pattern.compile(" ([a-zA-Z0-9 ]+)=(-?[0-9.e-]+) ([+-][0-9.]+)").matcher(m.group(4));
            while (c.find()) {
                phi.put(c.group(1), Double.parseDouble(c.group(3)));
            }
            list.add(new Row(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), phi, List.copyOf(phi.keySet())));
        }
        return list;
    }

    static double mean(double[][] a, int j) {
        double s = 0;
        for (double[] row : a) {
            s += row[j];
        }
        return s / a.length;
    }

    /** f(x) = w·x + b, and φ_j = w_j (x_j − E[x_j]) over the background, for every printed row. */
    private static void assertLinearShap(List<Row> printed, double[][] background) {
        assertEquals(x.length, printed.size());
        for (int i = 0; i < x.length; i++) {
            Row row = printed.get(i);
            double f = B;
            double base = B;
            for (int j = 0; j < 3; j++) {
                f += W[j] * x[i][j];
                base += W[j] * mean(background, j);
            }
            assertEquals(f, row.fx(), 2e-4, "f(x) of row " + i);
            assertEquals(base, row.base(), 2e-4, "base value: the mean prediction over the background");
            double sum = row.base();
            for (int j = 0; j < 3; j++) {
                String name = String.valueOf((char) ('a' + j));
                double expected = W[j] * (x[i][j] - mean(background, j));
                assertEquals(expected, row.phi().get(name), 2e-4, "φ of " + name + " in row " + i);
                sum += row.phi().get(name);
            }
            assertEquals(row.fx(), sum, 5e-4, "base + Σφ = f(x)");
            for (int k = 1; k < row.order().size(); k++) {
                assertTrue(Math.abs(row.phi().get(row.order().get(k - 1))) >= Math.abs(row.phi().get(row.order().get(k))),
                        "largest |φ| first: " + row);
            }
        }
    }

    private static BufferedImage png(Path p) throws Exception {
        assertTrue(Files.isRegularFile(p), p + " written");
        BufferedImage img = ImageIO.read(p.toFile());
        assertNotNull(img, p + " decodes");
        return img;
    }

    @Test
    void csvRowsGetExactShapValuesThatAddUpAndThreePlots() throws Exception {
        Path out = dir.resolve("tabular");
        CliRunner.Result r = cli.run("explain", "--model", linear.toString(), "--input", rows.toString(), "--output",
                out.toString(), "--top", "3");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("method: exact SHAP (3 features, 20 background rows)"), r::toString);
        assertTrue(r.err().contains("the 20 input rows are the background"), r::toString);
        assertLinearShap(rows(r.out()), x);
        assertTrue(r.out().contains("row 0 (rows.csv:2): "), r::toString);
        int rowsHigh = ShapPlots.TOP + 3 * ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM;
        assertEquals(rowsHigh, png(out.resolve("summary.png")).getHeight());
        assertEquals(ShapPlots.WIDTH, png(out.resolve("bar.png")).getWidth());
        assertEquals(rowsHigh, png(out.resolve("waterfall-0.png")).getHeight());
    }

    @Test
    void backgroundFileAndTheKernelAndPermutationMethods() throws Exception {
        double[][] bg = new double[30][3];
        StringBuilder csv = new StringBuilder();
        SplittableRandom r = new SplittableRandom(8);
        for (double[] row : bg) {
            for (int j = 0; j < 3; j++) {
                row[j] = Math.round((r.nextDouble() * 4 - 1) * 1000) / 1000.0;
            }
            csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", row[0], row[1], row[2]));
        }
        Path bgFile = dir.resolve("background.csv");
        Files.writeString(bgFile, csv);
        for (String method : List.of("kernel", "permutation")) {
            CliRunner.Result res = cli.run("explain", "--model", linear.toString(), "--input", rows.toString(),
                    "--background", bgFile.toString(), "--method", method, "--output", dir.resolve(method).toString());
            assertEquals(0, res.code(), res::toString);
            assertTrue(res.out().startsWith("method: " + method + " SHAP (3 features, 30 background rows)"), res::toString);
            assertFalse(res.err().contains("background"), "no note when --background is given: " + res);
            // a linear model's Shapley values are exact for every method: its contributions do not interact
            assertLinearShap(rows(res.out()), bg);
        }
    }

    @Test
    void rowsWithoutAHeaderGetNumberedFeatureNames() throws Exception {
        Path bare = dir.resolve("bare.csv");
        Files.writeString(bare, "# a comment\n\n0.5,-0.25,1\n");
        CliRunner.Result r = cli.run("explain", "--model", linear.toString(), "--input", bare.toString(), "--input",
                rows.toString(), "--output", dir.resolve("bare").toString(), "--top", "1");
        assertEquals(0, r.code(), r::toString);
        // row 0 is bare.csv's only row: φ_a = 2 (0.5 − mean a) over the 21 rows is the largest here
        assertTrue(r.out().contains("row 0 (bare.csv:3): "), r::toString);
        assertTrue(r.out().contains("| Feature 0=0.5 +"), r::toString);
        assertEquals(21, rows(r.out()).size(), r::toString);
    }

    @Test
    void aClassifierIsExplainedForOneClass() throws Exception {
        CliRunner.Result r = cli.run("explain", "--model", classifier.toString(), "--input", rows.toString(), "--class", "1",
                "--output", dir.resolve("cls").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("method: exact SHAP (3 features, 20 background rows); explaining output 1 of 3"),
                r::toString);
        Model m = Model.load(classifier);
        INDArray p = m.predict(Nd4j.createFromArray(x).castTo(DataType.FLOAT));
        List<Row> printed = rows(r.out());
        for (int i = 0; i < x.length; i++) {
            assertEquals(p.getDouble(i, 1), printed.get(i).fx(), 1e-4, "f(x) is the probability of class 1");
            double sum = printed.get(i).base();
            for (double v : printed.get(i).phi().values()) {
                sum += v;
            }
            assertEquals(printed.get(i).fx(), sum, 5e-4);
        }
        CliRunner.Result auto = cli.run("explain", "--model", classifier.toString(), "--input", rows.toString(),
                "--output", dir.resolve("cls2").toString());
        assertEquals(0, auto.code(), auto::toString);
        assertTrue(auto.err().contains("explaining output") && auto.err().contains("predicted most often"), auto::toString);
    }

    /** {@code explain} of the synthetic 3 by {@code model} into {@code out}, with more options; it must succeed. */
    private static CliRunner.Result explainDigit(Path model, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("explain", "--model", model.toString(), "--input", digit.toString(),
                "--output", out.toString()));
        args.addAll(List.of(options));
        CliRunner.Result r = cli.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    @Test
    void aConvNetGetsAGradCamOverlayAndThePredictedClass() throws Exception {
        Path out = dir.resolve("images");
        CliRunner.Result r = explainDigit(cnn, out);
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("three.png: class " + digitClass + " (probability "), r::toString);
        assertTrue(lines[1].startsWith("  grad-cam for class " + digitClass + ": heat concentrated in the "), r::toString);
        assertTrue(lines[1].contains("(of 28x28)"), r::toString);
        BufferedImage overlay = png(out.resolve("three-gradcam.png"));
        assertEquals(224, overlay.getWidth());
        assertEquals(224, overlay.getHeight());
        for (String method : List.of("saliency", "integrated-gradients")) {
            CliRunner.Result m = explainDigit(cnn, out, "--method", method, "--class", "3");
            assertTrue(m.out().contains("  " + method + " for class 3: heat concentrated"), m::toString);
            assertEquals(224, png(out.resolve("three-" + method + ".png")).getWidth());
        }
    }

    @Test
    void integratedGradientsOfTheSyntheticDigitAreOnItsBar() {
        // the digit 3's bar is on rows 8-10, columns 4-23, bright (≥ 200/255) on a dark background (< 30/255):
        // attributions (x − 0) · mean gradient are largest there
        CliRunner.Result r = explainDigit(cnn, dir.resolve("ig"), "--method", "integrated-gradients");
        Matcher m = Pattern.compile("centre of mass at row ([0-9.]+), column ([0-9.]+)").matcher(r.out());
        assertTrue(m.find(), r::toString);
        double row = Double.parseDouble(m.group(1));
        assertTrue(row > 6 && row < 12, "integrated gradients concentrate on the bar (rows 8-10): " + r.out());
    }

    @Test
    void aDenseImageModelDefaultsToIntegratedGradientsAndRefusesGradCam() throws Exception {
        Path out = dir.resolve("dense");
        CliRunner.Result r = explainDigit(denseImages, out);
        assertTrue(r.out().contains("  integrated-gradients for class "), r::toString);
        assertEquals(224, png(out.resolve("three-integrated-gradients.png")).getWidth());
        CliRunner.Result cam = cli.run("explain", "--model", denseImages.toString(), "--input", digit.toString(),
                "--method", "grad-cam", "--output", out.toString());
        assertEquals(ExitCodes.USAGE, cam.code(), cam::toString);
        assertTrue(cam.err().contains("Conv2D"), cam::toString);
    }

    @Test
    void badUsageAndBadModelFilesGetTheirExitCodesAndOneLine() throws Exception {
        Path corrupt = dir.resolve("corrupt.kerasj");
        Files.writeString(corrupt, "not a model");
        Path narrow = dir.resolve("narrow.csv");
        Files.writeString(narrow, "a,b\n1,2\n");
        Object[][] cases = {
            {ExitCodes.BAD_MODEL_FILE, "No model file at", new String[] {"--model", dir.resolve("none.kerasj").toString(),
                "--input", rows.toString()}},
            {ExitCodes.BAD_MODEL_FILE, "", new String[] {"--model", corrupt.toString(), "--input", rows.toString()}},
            {ExitCodes.USAGE, "Invalid --method: expected one of shap, kernel, exact, permutation, saliency, "
                + "integrated-gradients, grad-cam. Received: lime", new String[] {"--model", linear.toString(), "--input",
                    rows.toString(), "--method", "lime"}},
            {ExitCodes.USAGE, "No input file at", new String[] {"--model", linear.toString(), "--input",
                dir.resolve("missing.csv").toString()}},
            {ExitCodes.USAGE, "line 2: expected 3 values", new String[] {"--model", linear.toString(), "--input",
                narrow.toString()}},
            {ExitCodes.USAGE, "Invalid --class: expected an output index in [0, 1). Received: 5", new String[] {"--model",
                linear.toString(), "--input", rows.toString(), "--class", "5"}},
            {ExitCodes.USAGE, "Invalid --method for images", new String[] {"--model", cnn.toString(), "--input",
                digit.toString(), "--method", "kernel"}},
            {ExitCodes.USAGE, "Invalid --method for CSV rows", new String[] {"--model", linear.toString(), "--input",
                rows.toString(), "--method", "grad-cam"}},
            {ExitCodes.USAGE, "either .csv files or images", new String[] {"--model", linear.toString(), "--input",
                rows.toString(), digit.toString()}},
            {ExitCodes.USAGE, "Invalid --top", new String[] {"--model", linear.toString(), "--input", rows.toString(),
                "--top", "0"}},
            {ExitCodes.USAGE, "not images", new String[] {"--model", linear.toString(), "--input", digit.toString()}},
            {ExitCodes.USAGE, "Invalid --background: expected a .csv file", new String[] {"--model", linear.toString(),
                "--input", rows.toString(), "--background", digit.toString()}},
            {ExitCodes.USAGE, "Invalid --output: expected a directory", new String[] {"--model", linear.toString(),
                "--input", rows.toString(), "--output", rows.toString()}},
            {ExitCodes.USAGE, "Missing required option: '--input", new String[] {"--model", linear.toString()}},
        };
        for (Object[] c : cases) {
            List<String> args = new ArrayList<>(List.of("explain"));
            args.addAll(List.of((String[]) c[2]));
            if (!args.contains("--output")) {
                args.addAll(List.of("--output", dir.resolve("errors").toString()));
            }
            CliRunner.Result r = cli.run(args.toArray(new String[0]));
            assertEquals(c[0], r.code(), r::toString);
            assertTrue(r.err().startsWith("Error: ") && r.err().contains((String) c[1]), r::toString);
            assertFalse(r.err().contains("\tat "), () -> "no stack trace without --verbose:\n" + r);
            assertTrue(r.out().isEmpty(), r::toString);
        }
    }

    @Test
    void helpDescribesTheOptions() {
        CliRunner.Result r = cli.run("explain", "--help");
        assertEquals(0, r.code(), r::toString);
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.startsWith("Usage: kerasj explain"), help);
        for (String option : List.of("--model=FILE", "--input=FILE", "--method=NAME", "--background=FILE", "--output=DIR",
            "--top=N", "--class=K")) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        assertTrue(help.contains("Default: 5."), help);
    }
}
