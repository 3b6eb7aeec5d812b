package dev.kerasj.cli;

import dev.kerasj.testing.ImageFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kerasj train images} and {@code kerasj train tabular} on small real folders and tables, then {@code predict} on raw inputs. */
class CliOwnDataTest {
    @TempDir
    Path dir;

    @Test
    void trainImagesThenPredictRawPngs() throws Exception {
        Path folder = ImageFolders.fashionMnist(dir.resolve("fm"), 50, 0, 1);   // t-shirts and trousers
        CliRunner cli = new CliRunner(dir);
        Path model = dir.resolve("out/fm.kerasj");
        CliRunner.Result r = cli.run("train", "images", "--dir", folder.toString(), "--image-size", "28", "--color-mode",
                "grayscale", "--epochs", "3", "--output", model.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Found 100 files belonging to 2 classes.") && r.out().contains("Using 80 files for "
                + "training.") && r.out().contains("Using 20 files for validation."), r.toString());
        assertTrue(r.out().contains("Classes: [t-shirt, trouser]"), r.out());
        Matcher m = Pattern.compile("(?m)^val_accuracy: (\\d\\.\\d{4})$").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Pattern.compile("(?m)^val_loss: \\d+\\.\\d{4}$").matcher(r.out()).find(), r.out());
        assertTrue(Files.size(model) > 0);
        assertTrue(Files.size(dir.resolve("out/fm.png")) > 0, "the curves beside the model");

        Path trouser = Files.list(folder.resolve("trouser")).sorted().findFirst().orElseThrow();
        CliRunner.Result p = cli.run("predict", "--model", model.toString(), "--input", trouser.toString());
        assertEquals(0, p.code(), p.toString());
        assertTrue(p.out().contains(": prediction ") && p.out().contains("raw pixels, grayscale, resized to 28 × 28"),
                p.out());
    }

    /** The target: test accuracy ≥ 0.95 on the breast-cancer table with the recipe's defaults. */
    @Test
    void trainTabularOnBreastCancer() throws Exception {
        Path csv = dev.kerasj.testing.Tables.sklearn("breast_cancer", dir.resolve("breast_cancer.csv"));
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result r = cli.run("train", "tabular", "--csv", csv.toString(), "--target", "target", "--output",
                dir.resolve("bc.kerasj").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Classes of target: [benign, malignant] (binary)"), r.out());
        // 569 rows: int(0.2 × 569) = 113 test; int(0.2 × 456) = 91 validation; 365 training
        assertTrue(r.out().contains("Rows: 365 training, 91 validation, 113 test"), r.out());
        Matcher m = Pattern.compile("(?m)^test_accuracy: (\\d\\.\\d{4})$").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) >= 0.95, r.out());
        assertTrue(Files.size(dir.resolve("bc.png")) > 0);
    }

    /** Penguins: string columns and missing values, no encoding by the user; predict takes raw rows. */
    @Test
    void trainTabularOnPenguinsThenPredictRawRows() throws Exception {
        CliRunner cli = new CliRunner(dir);
        Path model = dir.resolve("penguins.kerasj");
        CliRunner.Result r = cli.run("train", "tabular", "--csv", dev.kerasj.testing.Tables.penguins().toString(),
                "--target", "Species", "--epochs", "20", "--output", model.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Left out 10 of 344 rows with missing values"), r.out());
        assertTrue(r.out().contains("Island (string)") && r.out().contains("Sex (string)")
                && r.out().contains("Body Mass (g) (numeric)"), r.out());
        assertTrue(r.out().contains("Classes of Species: [Adelie, Chinstrap, Gentoo]"), r.out());
        assertTrue(Pattern.compile("(?m)^test_accuracy: \\d\\.\\d{4}$").matcher(r.out()).find(), r.out());

        Path rows = Files.writeString(dir.resolve("rows.csv"), "Island,Beak Length (mm),Beak Depth (mm),"
                + "Flipper Length (mm),Body Mass (g),Sex\nBiscoe,46.5,15.0,220,5200,MALE\nAtlantis,38.9,17.8,181,3625,"
                + "FEMALE\n");
        CliRunner.Result p = cli.run("predict", "--model", model.toString(), "--input", rows.toString());
        assertEquals(0, p.code(), p.toString());
        assertTrue(p.out().contains("rows.csv:2: class ") && p.out().contains("rows.csv:3: class "), p.out());
        Path bad = Files.writeString(dir.resolve("bad.csv"), "Island,Beak Length (mm),Beak Depth (mm),"
                + "Flipper Length (mm),Body Mass (g),Sex\nBiscoe,long,15.0,220,5200,MALE\n");
        p = cli.run("predict", "--model", model.toString(), "--input", bad.toString());
        assertEquals(2, p.code(), p.toString());
        assertTrue(p.err().contains("line 2, column 'Beak Length (mm)': expected a finite number"), p.toString());
    }

    @Test
    void trainTabularNamesBadColumnsAndRows() throws Exception {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result r = cli.run("train", "tabular", "--csv", dev.kerasj.testing.Tables.penguins().toString(),
                "--target", "species", "--output", dir.resolve("p.kerasj").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("Unknown target column 'species'") && r.err().contains("Species"), r.toString());
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,x\n3,4\n");
        r = cli.run("train", "tabular", "--csv", ragged.toString(), "--target", "y", "--output",
                dir.resolve("r.kerasj").toString());
        assertTrue(r.code() != 0, r.toString());
        assertTrue(r.err().contains("Ragged row in " + ragged + ", line 3"), r.toString());
    }

    @Test
    void trainImagesRefusesAFolderWithoutClasses() throws Exception {
        Path flat = dir.resolve("flat");
        ImageFolders.picture(flat.resolve("a.png"), 4, 4, "png", (x, y) -> 0);
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result r = cli.run("train", "images", "--dir", flat.toString(), "--output",
                dir.resolve("x.kerasj").toString());
        assertTrue(r.code() != 0, r.toString());
        assertTrue(r.err().contains("No class sub-folders in " + flat), r.toString());
        r = cli.run("train", "images", "--dir", flat.toString(), "--image-size", "0x3");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--image-size"), r.toString());
    }
}
