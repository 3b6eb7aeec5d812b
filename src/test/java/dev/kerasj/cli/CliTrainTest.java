package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.models.MnistMlp;
import dev.kerasj.models.RecipeData;
import dev.kerasj.models.Recipes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train} on a tiny synthetic MNIST, then {@code evaluate} and {@code predict} on the saved model. */
class CliTrainTest {
    @TempDir
    static Path dir;
    static CliRunner cli;
    static CliRunner.Result trained;
    static Path modelFile;
    static Path plotFile;

    @BeforeAll
    static void train() throws Exception {
        cli = new CliRunner(dir);
        modelFile = dir.resolve("out/mlp.kerasj");
        plotFile = dir.resolve("curves.png");
        trained = cli.run("train", "mnist-mlp", "--epochs", "3", "--batch-size", "32", "--seed", "1",
                "--validation-split", "0.2", "--output", modelFile.toString(), "--plot", plotFile.toString());
    }

    static Map<String, Double> figures(String out) {
        Map<String, Double> m = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("(?m)^([a-z_]+): (-?[0-9.]+)$").matcher(out);
        while (matcher.find()) {
            m.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return m;
    }

    @Test
    void trainPrintsProgressAndOneLinePerTestMetric() {
        assertEquals(0, trained.code(), trained::toString);
        assertTrue(trained.out().contains("Epoch 3/3"), trained::toString);
        assertTrue(trained.out().contains("val_loss"), "validation split 0.2 gives val_ metrics:\n" + trained);
        Map<String, Double> f = figures(trained.out());
        assertEquals(java.util.List.of("test_loss", "test_accuracy"), java.util.List.copyOf(f.keySet()), trained::toString);
        assertTrue(trained.out().contains("epochs=3, batch_size=32, optimizer=rmsprop, learning_rate=0.001"),
                trained::toString);
    }

    @Test
    void printedAccuracyIsTheFractionOfTestDigitsClassifiedRight() throws Exception {
        // Independent of Model.evaluate: argmax of predict against the labels, counted here.
        Model model = Model.load(modelFile);
        RecipeData data = Recipes.get("mnist-mlp").loadData(cli.locator(), Recipes.get("mnist-mlp").defaultVariant());
        INDArray p = model.predict(data.xTest());
        int right = 0;
        for (int i = 0; i < p.rows(); i++) {
            if (p.getRow(i).argMax().getInt(0) == data.yTest().getInt(i)) {
                right++;
            }
        }
        double accuracy = right / (double) p.rows();
        assertEquals(String.format(Locale.ROOT, "%.4f", accuracy),
                String.format(Locale.ROOT, "%.4f", figures(trained.out()).get("test_accuracy")));
        assertEquals("mnist-mlp", model.name(), "the name tells evaluate which recipe made the model");
    }

    @Test
    void evaluateReprintsTheSameFigures() {
        CliRunner.Result r = cli.run("evaluate", "--model", modelFile.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(figures(trained.out()), figures(r.out()));
    }

    @Test
    void plotHasOnePanelPerQuantity() throws Exception {
        BufferedImage image = ImageIO.read(plotFile.toFile());
        // loss and accuracy panels, each with its validation curve
        assertEquals(2 * dev.kerasj.display.Plots.PANEL_WIDTH, image.getWidth());
        assertEquals(dev.kerasj.display.Plots.PANEL_HEIGHT, image.getHeight());
    }

    @Test
    void defaultOutputIsUnderKerasjHome() {
        CliRunner.Result r = cli.run("train", "mnist-mlp", "--epochs", "1", "--batch-size", "100");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.isRegularFile(cli.home().resolve("models/mnist-mlp.kerasj")), r::toString);
    }

    @Test
    void predictPrintsClassAndProbabilitiesOfAPngAndOfCsvRows() throws Exception {
        Random random = new Random(3);
        byte[] digit = CliRunner.image(6, random);
        // A dark-on-light drawing (inverted, as on paper) of the synthetic 6.
        BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            png.getRaster().setSample(i % 28, i / 28, 0, 255 - (digit[i] & 0xff));
            csv.append(i == 0 ? "" : ",").append((digit[i] & 0xff) / 255.0);
        }
        Path pngFile = dir.resolve("six.png");
        ImageIO.write(png, "png", pngFile.toFile());
        Path csvFile = dir.resolve("six.csv");
        Files.writeString(csvFile, csv + "\n" + csv + "\n");

        Model model = Model.load(modelFile);
        float[] x = new float[784];
        for (int i = 0; i < 784; i++) {
            x[i] = (digit[i] & 0xff) / 255f;
        }
        INDArray expected = model.predict(org.nd4j.linalg.factory.Nd4j.create(x, new long[] {1, 784}, 'c'));
        int cls = expected.argMax(1).getInt(0);

        CliRunner.Result r = cli.run("predict", "--model", modelFile.toString(), "--input", pngFile.toString(),
                csvFile.toString());
        assertEquals(0, r.code(), r::toString);
        String[] lines = r.out().split("\n");
        assertEquals(6, lines.length, r::toString);
        assertTrue(lines[0].startsWith("six.png: class " + cls + " (probability "), r::toString);
        assertTrue(lines[0].endsWith("(inverted: dark on light)"), r::toString);
        assertTrue(lines[2].startsWith("six.csv:1: class " + cls), r::toString);
        assertTrue(lines[4].startsWith("six.csv:2: class " + cls), r::toString);
        double sum = 0;
        Matcher m = Pattern.compile(" \\d=([0-9.]+)").matcher(lines[3]);
        int k = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            k++;
        }
        assertEquals(10, k, lines[3]);
        assertEquals(1.0, sum, 1e-3, "softmax probabilities sum to 1 (4 decimals each)");
    }

    @Test
    void predictRejectsRowsOfTheWrongLength() throws Exception {
        Path csvFile = dir.resolve("short.csv");
        Files.writeString(csvFile, "a,b,c\n1,2,3\n");
        CliRunner.Result r = cli.run("predict", "--model", modelFile.toString(), "--input", csvFile.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("line 2: expected 784 values"), r::toString);
    }

    @Test
    void recipeDefaultsAreTheCourses() {
        assertEquals(10, MnistMlp.DEFAULTS.epochs());
        assertEquals(128, MnistMlp.DEFAULTS.batchSize());
        assertEquals("rmsprop", MnistMlp.DEFAULTS.optimizer());
    }
}
