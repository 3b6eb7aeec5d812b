package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.LSTM;
import dev.kerasj.layers.Layer;
import dev.kerasj.models.Recipe;
import dev.kerasj.models.Recipes;
import dev.kerasj.models.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kerasj predict} given what a careless user gives it: a digit drawn on a transparent background, a PNG
 * for a temperature model, a 1×1 image, rows that do not parse, a model whose output is NaN. Each case checks
 * the message the user sees.
 */
class CliCarelessInputsTest {
    @TempDir
    static Path dir;
    static CliRunner cli;
    static Path mlp;
    static Model mlpModel;
    static byte[] digit;

    @BeforeAll
    static void train() throws Exception {
        cli = new CliRunner(dir);
        mlp = dir.resolve("mlp.kerasj");
        CliRunner.Result r = cli.run("train", "mnist-mlp", "--epochs", "3", "--batch-size", "32", "--seed", "1",
                "--output", mlp.toString());
        assertEquals(0, r.code(), r::toString);
        mlpModel = Model.load(mlp);
        digit = CliRunner.image(6, new Random(3));
    }

    /** The MLP's probabilities for the synthetic digit as MNIST holds it (light on dark, in [0, 1]). */
    static double[] expectedProbabilities() {
        float[] x = new float[784];
        for (int i = 0; i < 784; i++) {
            x[i] = (digit[i] & 0xff) / 255f;
        }
        return mlpModel.predict(Nd4j.create(x, new long[] {1, 784}, 'c')).toDoubleVector();
    }

    static int argMax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    static double[] printedProbabilities(String out) {
        Matcher m = Pattern.compile("probabilities:((?: \\d=[0-9.]+)+)").matcher(out);
        assertTrue(m.find(), out);
        return Pattern.compile(" \\d=").splitAsStream(m.group(1)).filter(s -> !s.isEmpty())
                .mapToDouble(Double::parseDouble).toArray();
    }

    static Path png(String name, BufferedImage image) throws Exception {
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** The digit drawn with ink of grey {@code ink} whose opacity is the digit's intensity, on full transparency. */
    static BufferedImage onTransparency(int ink) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 784; i++) {
            int alpha = digit[i] & 0xff;
            image.setRGB(i % 28, i / 28, alpha << 24 | ink << 16 | ink << 8 | ink);
        }
        return image;
    }

    CliRunner.Result predict(Path model, Path... inputs) {
        String[] args = new String[3 + inputs.length + 1];
        args[0] = "predict";
        args[1] = "--model";
        args[2] = model.toString();
        args[3] = "--input";
        for (int i = 0; i < inputs.length; i++) {
            args[4 + i] = inputs[i].toString();
        }
        return cli.run(args);
    }

    // ---------------------------------------------------------------- transparency

    @Test
    void blackInkOnTransparencyReadsAsTheDigitNotAsBlank() throws Exception {
        // A drawing app's export: black pen, alpha = stroke coverage, transparent pixels (0,0,0,0). Drawn over black,
        // as before, every pixel was black: a blank image, "class 7".
        Path file = png("black-on-transparent.png", onTransparency(0));
        CliRunner.Result r = predict(mlp, file);
        assertEquals(0, r.code(), r::toString);
        double[] expected = expectedProbabilities();
        assertTrue(r.out().startsWith("black-on-transparent.png: class " + argMax(expected) + " (probability "), r::toString);
        assertTrue(r.out().lines().findFirst().orElseThrow()
                .endsWith("(transparent background shown white; inverted: dark on light)"), r::toString);
        double[] printed = printedProbabilities(r.out());
        for (int k = 0; k < 10; k++) {
            // white − alpha·white, inverted, is the digit again, up to 8-bit rounding
            assertEquals(expected[k], printed[k], 0.02, "probability of class " + k + "\n" + r);
        }
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void whiteInkOnTransparencyIsShownOnBlack() throws Exception {
        Path file = png("white-on-transparent.png", onTransparency(255));
        CliRunner.Result r = predict(mlp, file);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("white-on-transparent.png: class " + argMax(expectedProbabilities())
                + " (probability "), r::toString);
        assertTrue(r.out().lines().findFirst().orElseThrow().endsWith("(transparent background shown black)"), r::toString);
    }

    @Test
    void aBlankImageIsWarnedAbout() throws Exception {
        BufferedImage white = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            white.getRaster().setSample(i % 28, i / 28, 0, 255);
        }
        CliRunner.Result r = predict(mlp, png("blank.png", white));
        assertEquals(0, r.code(), r::toString);
        assertEquals("Warning: blank.png is blank at the model's 28 × 28 pixels (every pixel the same grey level); its "
                + "prediction means nothing.\n", r.err(), r::toString);
    }

    // ---------------------------------------------------------------- sizes

    @Test
    void aOneByOneImageIsRefused() throws Exception {
        CliRunner.Result r = predict(mlp, png("dot.png", new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)));
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals("Error: Invalid input dot.png: the image is 1 × 1 pixels, too small to show a digit; expected at "
                + "least 4 × 4 (the model reads 28 × 28).\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void extremeResizesAreWarnedAbout() throws Exception {
        BufferedImage small = new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_GRAY);
        small.getRaster().setSample(2, 2, 0, 255);
        BufferedImage wide = new BufferedImage(120, 28, BufferedImage.TYPE_BYTE_GRAY);
        wide.getRaster().setSample(60, 14, 0, 255);
        CliRunner.Result r = predict(mlp, png("small.png", small), png("wide.png", wide));
        assertEquals(0, r.code(), r::toString);
        assertEquals(List.of(
                "Warning: small.png is 5 × 5 pixels, blown up 5.6× to the model's 28 × 28; its prediction may mean little.",
                "Warning: wide.png is 120 × 28 pixels; squeezing it to the model's 28 × 28 changes its aspect ratio 4.3×, "
                        + "which distorts what it shows."), r.err().lines().toList());
        assertTrue(r.out().startsWith("small.png: class "), r::toString);
    }

    @Test
    void aModestResizeIsSilent() throws Exception {
        BufferedImage big = new BufferedImage(100, 90, BufferedImage.TYPE_BYTE_GRAY);
        big.getRaster().setSample(50, 45, 0, 255);
        CliRunner.Result r = predict(mlp, png("photo.png", big));
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    // ---------------------------------------------------------------- input kind

    @Test
    void theTemperatureRecipesModelRefusesAnImage() throws Exception {
        // was: the PNG squashed to 14 × 4 "pixels" and a temperature printed
        Recipe recipe = Recipes.get("temperature-lstm");
        Variant seattle = recipe.defaultVariant().with("dataset", "seattle");
        Model m = recipe.compiled(seattle, recipe.defaults(seattle));
        Path file = dir.resolve("temperature.kerasj");
        m.save(file);
        long[] shape = m.inputShape();
        Path image = png("digit.png", onTransparency(0));
        CliRunner.Result r = predict(file, image);
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals("Error: Invalid input " + image + ": model '" + m.name() + "' takes inputs of shape (None, "
                + shape[0] + ", " + shape[1] + ") (recipe temperature-lstm: timesteps, features), not images. Give it a "
                + ".csv file with " + shape[0] * shape[1] + " numbers per row instead.\n", r.err());
        assertEquals("", r.out());
    }

    /** {@code predict} of a digit PNG with {@code m} saved under {@code name}: refused as bad usage. */
    CliRunner.Result imageFor(Model m, String name) throws Exception {
        m.name(name);
        Path file = dir.resolve(name + ".kerasj");
        m.save(file);
        CliRunner.Result r = predict(file, png(name + ".png", onTransparency(0)));
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        return r;
    }

    @Test
    void aModelWhoseFirstLayerReadsSequencesRefusesAnImage() throws Exception {
        Input in = new Input(28, 28);
        KerasTensor x = new LSTM(4).name("reader").apply(in);
        CliRunner.Result r = imageFor(new Model(in, new Dense(1).apply(x)), "my-forecaster");
        assertTrue(r.err().startsWith("Error: Invalid input " + dir.resolve("my-forecaster.png") + ": model "
                + "'my-forecaster' takes inputs of shape (None, 28, 28), sequences read by its first layer 'reader' "
                + "(LSTM), not images."), r::toString);
    }

    @Test
    void aModelWhoseInputIsNoPlausibleImageRefusesAnImage() throws Exception {
        CliRunner.Result r = imageFor(new Sequential(new Input(14, 4), new Flatten(), new Dense(1)), "dense-forecaster");
        assertTrue(r.err().contains("takes inputs of shape (None, 14, 4), which is not an image of at least 8 × 8 pixels, "
                + "not images. Give it a .csv file with 56 numbers per row instead."), r::toString);
    }

    // ---------------------------------------------------------------- CSV rows

    static CliRunner.Result predictCsv(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return cli.run("predict", "--model", mlp.toString(), "--input", file.toString());
    }

    static String row(String replacementOfValue5) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            sb.append(i == 0 ? "" : ",").append(i == 4 ? replacementOfValue5 : String.valueOf((digit[i] & 0xff) / 255.0));
        }
        return sb.toString();
    }

    @Test
    void aByteOrderMarkIsSkippedNotTakenForAHeader() throws Exception {
        CliRunner.Result r = predictCsv("bom.csv", "\uFEFF" + row("0") + "\n");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("bom.csv:1: class "), r::toString);
    }

    @Test
    void aNanValueIsNamedWithLineAndColumnNotTakenForAHeader() throws Exception {
        // was: the row skipped as a header, then "it has no data rows"
        CliRunner.Result r = predictCsv("nan.csv", row("nan") + "\n");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().startsWith("Error: Invalid input " + dir.resolve("nan.csv") + ", line 1, column 5: expected a "
                + "finite number (within the FLOAT range, at most 3.4028235E38). Received: nan."), r::toString);
        CliRunner.Result big = predictCsv("big.csv", "# comment\n\n" + row("1e39") + "\n");
        assertTrue(big.err().contains(", line 3, column 5: expected a finite number"), big::toString);
    }

    @Test
    void anEmptyFieldIsNamedWithLineAndColumn() throws Exception {
        CliRunner.Result r = predictCsv("empty.csv", row("0") + "\n" + row("") + "\n");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().startsWith("Error: Invalid input " + dir.resolve("empty.csv") + ", line 2, column 5: expected a "
                + "number. Received: an empty field."), r::toString);
    }

    @Test
    void semicolonSeparatedRowsAreNamedAsSuch() throws Exception {
        CliRunner.Result r = predictCsv("semicolon.csv", row("0").replace(',', ';') + "\n");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains(", line 1, column 1: expected a number. Received: "), r::toString);
        assertTrue(r.err().contains("The row has no comma but ';': kerasj reads comma-separated values."), r::toString);
    }

    @Test
    void aHeaderIsTakenOnlyOnTheFirstLine() throws Exception {
        String header = String.join(",", java.util.stream.IntStream.range(0, 784).mapToObj(i -> "px" + i).toList());
        CliRunner.Result ok = predictCsv("header.csv", header + "\n" + row("0") + "\n");
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().startsWith("header.csv:2: class "), ok::toString);
        CliRunner.Result late = predictCsv("late-header.csv", row("0") + "\n" + header + "\n");
        assertEquals(ExitCodes.USAGE, late.code(), late::toString);
        assertTrue(late.err().contains(", line 2, column 1: expected a number. Received: px0."), late::toString);
    }

    // ---------------------------------------------------------------- NaN outputs

    @Test
    void nanWeightsGiveNanNotClassZeroAndExitFour() throws Exception {
        Model m = Model.load(mlp);
        Layer dense = m.layers().stream().filter(l -> !l.getWeights().isEmpty()).findFirst().orElseThrow();
        List<INDArray> w = dense.getWeights();
        INDArray kernel = w.get(0).dup();
        kernel.putScalar(0, 0, Float.NaN);
        dense.setWeights(kernel, w.get(1));
        Path file = dir.resolve("nan.kerasj");
        m.save(file);
        Path csv = dir.resolve("row.csv");
        Files.writeString(csv, row("0.5") + "\n");

        CliRunner.Result r = predict(file, csv);
        assertEquals(ExitCodes.BAD_MODEL_FILE, r.code(), r::toString);
        assertEquals("row.csv:1: nan (the model's output is not a number)\n", r.out(), r::toString);
        assertFalse(r.out().contains("class 0"), r::toString);
        assertEquals("Error: The model's output is not a number (NaN) for 1 of 1 input(s); no prediction is given for "
                + "them. The weights of layer '" + dense.name() + "' in " + file + " hold NaN or infinite values: the file "
                + "is corrupt, or was saved after training diverged. Train the model again.\n", r.err());
    }

    @Test
    void inputsThatOverflowTheModelGiveNanAndExitOne() throws Exception {
        // finite weights and inputs whose logits overflow FLOAT: 3e38 + 3e38 = ∞ for both classes, ∞ − ∞ = NaN
        Sequential m = new Sequential(new Input(2), new Dense(2, "softmax"));
        Layer dense = m.layers().get(m.layers().size() - 1);
        dense.setWeights(Nd4j.ones(2, 2), Nd4j.zeros(2));
        m.name("tiny");
        Path file = dir.resolve("tiny.kerasj");
        m.save(file);
        Path csv = dir.resolve("huge.csv");
        Files.writeString(csv, "1,0\n3e38,3e38\n");
        CliRunner.Result r = predict(file, csv);
        assertEquals(ExitCodes.SOFTWARE, r.code(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals("huge.csv:1: class 0 (probability 0.5000)", lines.get(0), "softmax(1, 1), the first of equals\n" + r);
        assertEquals("huge.csv:2: nan (the model's output is not a number)", lines.get(2), r::toString);
        assertEquals("Error: The model's output is not a number (NaN) for 1 of 2 input(s); no prediction is given for "
                + "them. The weights are finite, so the inputs drive the model out of the float range; check that they "
                + "are scaled as in training.\n", r.err());
    }
}
