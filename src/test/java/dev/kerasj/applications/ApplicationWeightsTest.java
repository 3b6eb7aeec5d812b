package dev.kerasj.applications;

import dev.kerasj.Model;
import dev.kerasj.testing.KerasFiles;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A weights file in the layout of Keras's application files (Keras 2 {@code save_weights}: {@code layer_names},
 * {@code weight_names}), written by tools/applications/make_mobilenet_v2_fixture.py with h5py from
 * {@code RandomState(20261206)} for MobileNetV2 alpha 0.35, 32×32, 5 classes; the expected softmax comes from that
 * script's own numpy forward pass (float64), not from kerasj.
 */
class ApplicationWeightsTest {
    private static final Path DIR = Path.of("src", "test", "resources", "applications");
    private static final Path WEIGHTS = DIR.resolve("mobilenet_v2_0.35_32_c5.h5");
    private static final ApplicationOptions SMALL = ApplicationOptions.defaults().alpha(0.35).inputShape(32, 32, 3)
            .classes(5);

    @Test
    void predictionsMatchTheNumpyForwardPass() throws Exception {
        Model m = Applications.mobileNetV2(SMALL.weights(WEIGHTS));
        assertEquals(416_613, m.countParams());      // Keras's 410,208 for the 0.35 base + 1280·5 + 5
        try (HdfFile h5 = new HdfFile(WEIGHTS)) {
            float[][][][] k = (float[][][][]) ((Dataset) h5.getByPath("block_5_depthwise/block_5_depthwise/depthwise_kernel:0"))
                    .getData();
            assertEquals(Nd4j.createFromArray(k), m.getLayer("block_5_depthwise").getWeights().get(0));
        }
        INDArray x = KerasFiles.readNpy(DIR.resolve("mobilenet_v2_0.35_32_c5.input.npy"));
        INDArray expected = KerasFiles.readNpy(DIR.resolve("mobilenet_v2_0.35_32_c5.expected.npy"));
        assertNull(KerasFiles.mismatch(expected, m.predict(x), 1e-4, 0));
    }

    @Test
    void aTopFileLoadsIntoTheBaseByName() throws Exception {
        Model full = Applications.mobileNetV2(SMALL.weights(WEIGHTS));
        Model base = Applications.mobileNetV2(SMALL.includeTop(false).pooling("avg").weights(WEIGHTS));
        INDArray x = KerasFiles.readNpy(DIR.resolve("mobilenet_v2_0.35_32_c5.input.npy"));
        // the base's pooled features through the file's classifier give the full model's output
        INDArray kernel = full.getLayer("predictions").getWeights().get(0);
        INDArray bias = full.getLayer("predictions").getWeights().get(1);
        INDArray logits = base.predict(x).mmul(kernel).addRowVector(bias);
        INDArray softmax = org.nd4j.linalg.ops.transforms.Transforms.softmax(logits, true);
        assertNull(KerasFiles.mismatch(full.predict(x), softmax, 1e-5, 0));
    }

    @Test
    void wrongFilesFailClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Applications.mobileNetV2(SMALL.weights(DIR.resolve("missing.h5"))));
        assertTrue(e.getMessage().contains("missing.h5") && e.getMessage().contains("~/.keras/models"), e.getMessage());
        Exception other = assertThrows(Exception.class,
                () -> Applications.vgg16(ApplicationOptions.defaults().includeTop(false).inputShape(32, 32, 3)
                        .weights(WEIGHTS)));
        assertTrue(other.getMessage().contains("none of its"), other.getMessage());
        Exception alpha = assertThrows(Exception.class,
                () -> Applications.mobileNetV2(SMALL.alpha(0.5).weights(WEIGHTS)));
        assertTrue(alpha.getMessage().contains("Conv1") || alpha.getMessage().contains("shape"), alpha.getMessage());
    }
}
