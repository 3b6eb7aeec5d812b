package dev.kerasj.cli;

import dev.kerasj.testing.ImageFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kerasj train transfer}: MobileNetV2 (alpha 0.35, 32×32) with the weights fixture of ApplicationWeightsTest
 * (a file with the top: the base takes its layers by name) frozen under a new head, then one epoch of fine-tuning, on
 * a small Fashion-MNIST folder; and the message without {@code --weights}.
 */
class CliTransferTest {
    private static final Path WEIGHTS = Path.of("src", "test", "resources", "applications", "mobilenet_v2_0.35_32_c5.h5");

    @TempDir
    Path dir;

    @Test
    void trainsAHeadOnAFrozenBaseThenFineTunes() throws Exception {
        Path folder = ImageFolders.fashionMnist(dir.resolve("fm"), 20, 0, 1);
        CliRunner cli = new CliRunner(dir);
        Path model = dir.resolve("out/transfer.kerasj");
        CliRunner.Result r = cli.run("train", "transfer", "--base", "mobilenet_v2", "--alpha", "0.35", "--weights",
                WEIGHTS.toString(), "--dir", folder.toString(), "--image-size", "32", "--epochs", "1",
                "--fine-tune-epochs", "1", "--batch-size", "8", "--output", model.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Found 40 files belonging to 2 classes."), r.out());
        // the head alone: 1280 weights + 1 bias
        assertTrue(r.out().contains("Training the new head (base frozen): 1281 trainable parameters."), r.out());
        assertTrue(r.out().contains("Fine-tuning the base (BatchNormalization stays in inference mode)"), r.out());
        assertTrue(Pattern.compile("(?m)^val_accuracy: \\d\\.\\d{4}$").matcher(r.out()).find(), r.out());
        assertTrue(Files.size(model) > 0);
    }

    @Test
    void withoutWeightsItSaysWhereKerasFilesComeFrom() throws Exception {
        CliRunner.Result r = new CliRunner(dir).run("train", "transfer", "--base", "resnet50", "--dir", dir.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5")
                && r.err().contains("~/.keras/models"), r.err());
    }
}
