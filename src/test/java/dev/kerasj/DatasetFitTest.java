package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.Batch;
import dev.kerasj.datasets.ImageDataset;
import dev.kerasj.datasets.ImageDatasets;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.testing.ImageFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fit}, {@code evaluate} and {@code predict} on a streamed {@link dev.kerasj.datasets.Dataset}: the same
 * steps as on the arrays of the same batches (an unshuffled data set gives the array path's batches), a
 * validation data set, and Keras's refusals.
 */
class DatasetFitTest {
    @TempDir
    Path tmp;

    private static Sequential model() {
        Kerasj.setRandomSeed(7);
        Sequential m = new Sequential(new Input(28, 28, 1), new Flatten(), new Dense(1, "sigmoid"));
        m.compile("adam", "binary_crossentropy", "accuracy");
        return m;
    }

    @Test
    void datasetTrainsLikeItsArrays() throws IOException {
        Path dir = ImageFolders.fashionMnist(tmp.resolve("fm"), 40, 0, 1);
        ImageDataset ds = ImageDatasets.fromDirectory(dir, ImageDatasets.options().verbose(null).imageSize(28, 28)
                .colorMode("grayscale").labelMode("binary").batchSize(16).shuffle(false));
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> ys = new ArrayList<>();
        for (Batch b : ds) {
            xs.add(b.x());
            ys.add(b.y());
        }
        INDArray x = Nd4j.concat(0, xs.toArray(new INDArray[0]));
        INDArray y = Nd4j.concat(0, ys.toArray(new INDArray[0]));
        assertArrayEquals(new long[] {80, 28, 28, 1}, x.shape());

        Sequential onArrays = model();
        History ha = onArrays.fit(x, y, FitOptions.defaults().epochs(2).batchSize(16).shuffle(false).verbose(0)
                .seed(3));
        Sequential onDataset = model();
        History hd = onDataset.fit(ds, FitOptions.defaults().epochs(2).verbose(0).seed(3));
        assertEquals(ha.history().get("loss").get(1), hd.history().get("loss").get(1), 1e-6);
        assertArrayEquals(onArrays.layers().get(1).getWeights().get(0).toFloatMatrix()[0],
                onDataset.layers().get(1).getWeights().get(0).toFloatMatrix()[0], 1e-6f);

        Map<String, Double> ea = onArrays.evaluate(x, y, 32);
        Map<String, Double> ed = onDataset.evaluate(ds);
        assertEquals(ea.get("loss"), ed.get("loss"), 1e-6);
        assertEquals(ea.get("accuracy"), ed.get("accuracy"), 1e-9);
        assertArrayEquals(onArrays.predict(x).toFloatVector(), onDataset.predict(ds).toFloatVector(), 1e-6f);
    }

    @Test
    void validationDatasetIsEvaluatedEachEpoch() throws IOException {
        Path dir = ImageFolders.fashionMnist(tmp.resolve("fm"), 60, 0, 1);
        List<ImageDataset> both = ImageDatasets.fromDirectoryBoth(dir, ImageDatasets.options().verbose(null)
                .imageSize(28, 28).colorMode("grayscale").labelMode("binary").validationSplit(0.25).seed(1337));
        assertEquals(90, both.get(0).size());
        assertEquals(30, both.get(1).size());
        Kerasj.setRandomSeed(7);
        // raw 0–255 pixels: batch normalization scales them
        Sequential m = new Sequential(new Input(28, 28, 1), new Flatten(), new dev.kerasj.layers.BatchNormalization(),
                new Dense(1, "sigmoid"));
        m.compile("adam", "binary_crossentropy", "accuracy");
        History h = m.fit(both.get(0), FitOptions.defaults().epochs(4).verbose(0).validationData(both.get(1)));
        assertEquals(4, h.history().get("val_loss").size());
        Map<String, Double> val = m.evaluate(both.get(1));
        assertEquals(val.get("loss"), h.history().get("val_loss").get(3), 1e-6);
        assertTrue(val.get("accuracy") >= 0.8, "t-shirts vs trousers: " + val);
        assertArrayEquals(new long[] {30, 1}, m.predict(both.get(1)).shape());
    }

    @Test
    void kerasRefusals() throws IOException {
        Path dir = ImageFolders.fashionMnist(tmp.resolve("fm"), 4, 0, 1);
        ImageDatasets.Options o = ImageDatasets.options().verbose(null).imageSize(28, 28).colorMode("grayscale")
                .labelMode("binary");
        ImageDataset ds = ImageDatasets.fromDirectory(dir, o);
        String m = assertThrows(IllegalArgumentException.class, () -> model().fit(ds, FitOptions.defaults()
                .validationSplit(0.2).verbose(0))).getMessage();
        assertTrue(m.contains("`validation_split` with a data set"), m);
        ImageDataset unlabelled = ImageDatasets.fromDirectory(dir, o.labelMode("none"));
        m = assertThrows(IllegalArgumentException.class, () -> model().fit(unlabelled, FitOptions.defaults().verbose(0)))
                .getMessage();
        assertTrue(m.contains("no labels"), m);
        assertArrayEquals(new long[] {8, 1}, model().predict(unlabelled).shape());
        ImageDataset rgb = ImageDatasets.fromDirectory(dir, o.colorMode("rgb"));
        m = assertThrows(IllegalArgumentException.class, () -> model().fit(rgb, FitOptions.defaults().verbose(0)))
                .getMessage();
        assertTrue(m.contains("expected shape=(None, 28, 28, 1), found shape=(8, 28, 28, 3)"), m);
    }
}
