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
