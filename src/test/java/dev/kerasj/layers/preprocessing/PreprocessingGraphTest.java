package dev.kerasj.layers.preprocessing;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.GlobalAveragePooling2D;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Normalization;
import dev.kerasj.layers.RandomFlip;
import dev.kerasj.layers.Rescaling;
import dev.kerasj.layers.Resizing;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An EfficientNet-style front (Rescaling(1/255), Normalization(axis=-1), per-channel Rescaling) and a Resizing
 * in a functional model (the graph runtime): summary counts, training, save/load with the adapted statistics.
 */
class PreprocessingGraphTest {
    @Test
    void imageFrontInAFunctionalModelTrainsAndSavesItsState() throws Exception {
        Kerasj.setRandomSeed(11);
        INDArray images = Nd4j.rand(DataType.FLOAT, 6, 8, 8, 3).muli(255);
        Normalization norm = new Normalization(-1);
        norm.adapt(images.div(255));
        Input in = new Input(8, 8, 3);
        KerasTensor x = new Rescaling(1.0 / 255).apply(in);
        x = norm.apply(x);
        x = new Rescaling(new double[] {1 / Math.sqrt(0.229), 1 / Math.sqrt(0.224), 1 / Math.sqrt(0.225)}).apply(x);
        x = new RandomFlip("horizontal", 3L).apply(x);
        x = new Resizing(4, 4).apply(x);
        x = new Conv2D(2, 3).apply(x);
        KerasTensor out = new Dense(1).apply(new GlobalAveragePooling2D().apply(x));
        Model model = new Model(in, out);
        assertEquals(7, norm.countParams());
        assertEquals(7, model.countParams() - model.countTrainableParams());
        assertTrue(model.summaryString().contains("Normalization"), model.summaryString());
        model.compile("adam", "mse");
        model.fit(images, Nd4j.rand(DataType.FLOAT, 6, 1), FitOptions.defaults().epochs(2).batchSize(3));
        INDArray p = model.predict(images);
        Path f = Files.createTempFile("graph-prep", ".kerasj");
        try {
            model.save(f);
            Model loaded = Model.load(f);
            assertArrayEquals(p.toFloatVector(), loaded.predict(images).toFloatVector(), 1e-5f);
            Normalization l = (Normalization) loaded.getLayer(norm.name());
            assertArrayEquals(norm.mean().toFloatVector(), l.mean().toFloatVector(), 1e-6f);
            assertArrayEquals(norm.variance().toFloatVector(), l.variance().toFloatVector(), 1e-6f);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
