package dev.kerasj.applications;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every architecture runs at the smallest input Keras allows (32×32): predictions of Keras's shape that sum to 1
 * under the softmax, and one training step that changes the weights (EfficientNetB0's broadcast squeeze-and-excitation
 * multiply and its Normalization layer included).
 */
class ApplicationsForwardTest {
    private static final ApplicationOptions SMALL = ApplicationOptions.defaults().inputShape(32, 32, 3).classes(3);

    private static void runs(Model m) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 32, 32, 3).muli(255);
        INDArray p = m.predict(x);
        assertArrayEquals(new long[] {4, 3}, p.shape(), m.name());
        INDArray sums = p.sum(1);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, sums.getDouble(i), 1e-5, m.name() + " softmax row " + i);
        }
        m.compile("sgd", "sparse_categorical_crossentropy");
        List<INDArray> before = m.getLayer("predictions").getWeights();
        m.fit(x, Nd4j.createFromArray(0f, 1f, 2f, 0f).reshape(4, 1), FitOptions.defaults().verbose(0).epochs(1)
                .batchSize(4));
        assertFalse(before.get(0).equals(m.getLayer("predictions").getWeights().get(0)), m.name() + " trains");
    }

    @Test
    void efficientNetB0() {
        Kerasj.setRandomSeed(2);
        Model m = Applications.efficientNetB0(SMALL);
        assertArrayEquals(new long[] {1, 1, 1280}, m.getLayer("top_activation").outputShape());
        runs(m);
    }

    @Test
    void mobileNetV2AndVgg16() {
        Kerasj.setRandomSeed(2);
        runs(Applications.mobileNetV2(SMALL.alpha(0.35)));
        runs(Applications.vgg16(SMALL));
    }
}
