package dev.kerasj;

import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training through a frozen BatchNormalization is not supported yet (DL4J's layer cannot back-propagate
 * from an inference-mode forward pass): it fails with a clear message instead of a native crash.
 */
class FrozenBatchNormalizationTest {
    @Test
    void trainingThroughAFrozenBatchNormalizationFailsClearly() {
        BatchNormalization bn = new BatchNormalization();
        Sequential m = new Sequential(new Input(3), bn, new Dense(1));
        bn.trainable(false);
        m.compile("sgd", "mse");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fit(Nd4j.rand(DataType.FLOAT, 8, 3),
                Nd4j.rand(DataType.FLOAT, 8, 1), FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("batch_normalization") && e.getMessage().contains("frozen"), e.getMessage());
    }
}
