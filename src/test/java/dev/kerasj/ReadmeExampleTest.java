package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.DatasetLocator;
import dev.kerasj.datasets.Mnist;
import dev.kerasj.datasets.RealData;
import dev.kerasj.datasets.TrainTestData;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first network, on real MNIST (a 6,000-image slice and one epoch, to stay quick). */
class ReadmeExampleTest {
    @Test
    void readmeNetworkTrainsOnMnist(@TempDir Path dir) throws Exception {
        DatasetLocator locator = RealData.locatorFor("mnist");
        TrainTestData mnist = Mnist.loadData(locator);
        INDArray xTrain = mnist.xTrain().get(NDArrayIndex.interval(0, 6000)).castTo(DataType.FLOAT).div(255);
        INDArray yTrain = mnist.yTrain().get(NDArrayIndex.interval(0, 6000));
        INDArray xTest = mnist.xTest().get(NDArrayIndex.interval(0, 2000)).castTo(DataType.FLOAT).div(255);
        INDArray yTest = mnist.yTest().get(NDArrayIndex.interval(0, 2000));

        Kerasj.setRandomSeed(1);
        Sequential model = new Sequential(
                new Input(28, 28),
                new Flatten(),
                new Dense(512, "relu"),
                new Dropout(0.2),
                new Dense(10, "softmax"));
        model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        assertEquals(407_050, model.countParams());
        History history = model.fit(xTrain, yTrain, FitOptions.defaults().epochs(1).batchSize(128).verbose(0));
        Map<String, Double> scores = model.evaluate(xTest, yTest);
        assertEquals(List.of("loss", "accuracy"), List.copyOf(scores.keySet()));
        assertTrue(scores.get("accuracy") > 0.85, scores.toString());
        assertTrue(history.history().get("accuracy").get(0) > 0.7, history.toString());
        INDArray probabilities = model.predict(xTest);
        assertEquals(1.0, probabilities.sum(1).meanNumber().doubleValue(), 1e-4);
        Path file = dir.resolve("mnist.kerasj");
        model.save(file);
        assertEquals(probabilities, Sequential.load(file).predict(xTest));
    }
}
