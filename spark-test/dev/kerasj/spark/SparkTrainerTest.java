package dev.kerasj.spark;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.callbacks.Callback;
import dev.kerasj.callbacks.History;
import dev.kerasj.datasets.Mnist;
import dev.kerasj.datasets.RealData;
import dev.kerasj.datasets.TrainTestData;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Embedding;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.GlobalAveragePooling1D;
import dev.kerasj.layers.Input;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MNIST MLP trained on {@code local[2]} with each of DL4J's training masters reaches the accuracy of the same
 * model (same initial weights, same epochs) trained in one JVM by {@code model.fit}, within one point, on the real
 * MNIST files (a slice: 6,000 training and 2,000 test images); the model it returns saves and loads.
 */
@Tag("spark")
class SparkTrainerTest {
    private static final int TRAIN = 6000;
    private static final int TEST = 2000;
    private static final int EPOCHS = 3;
    private static final long SEED = 42;

    private static JavaSparkContext sc;
    private static INDArray xTrain;
    private static INDArray yTrain;
    private static INDArray xTest;
    private static INDArray yTest;
    private static double singleAccuracy;

    @BeforeAll
    static void setUp() throws Exception {
        TrainTestData mnist = Mnist.loadData(RealData.locatorFor("mnist"));
        xTrain = mnist.xTrain().get(NDArrayIndex.interval(0, TRAIN)).castTo(DataType.FLOAT).div(255);
        yTrain = mnist.yTrain().get(NDArrayIndex.interval(0, TRAIN)).dup();
        xTest = mnist.xTest().get(NDArrayIndex.interval(0, TEST)).castTo(DataType.FLOAT).div(255);
        yTest = mnist.yTest().get(NDArrayIndex.interval(0, TEST)).dup();

        long start = System.nanoTime();
        Model single = mlp();
        single.fit(xTrain, yTrain, FitOptions.defaults().epochs(EPOCHS).batchSize(32).verbose(0).seed(SEED));
        singleAccuracy = single.evaluate(xTest, yTest).get("accuracy");
        System.out.printf(Locale.ROOT, "single JVM: accuracy %.4f in %.1f s%n", singleAccuracy,
                (System.nanoTime() - start) / 1e9);

        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkTrainerTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
    }

    @AfterAll
    static void tearDown() {
        if (sc != null) {
            sc.close();
        }
    }

    /** The course's MNIST MLP shape, narrowed (784 → 128 → 10), same initial weights on every call. */
    private static Sequential mlp() {
        Kerasj.setRandomSeed(SEED);
        Sequential model = new Sequential(new Input(28, 28), new Flatten(), new Dense(128, "relu"),
                new Dense(10, "softmax"));
        model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static void trainsLikeOneJvm(SparkOptions options, Path dir) throws Exception {
        Sequential model = mlp();
        List<Integer> epochsSeen = new ArrayList<>();
        Callback counter = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                epochsSeen.add(epoch);
            }
        };
        long start = System.nanoTime();
        History history = SparkTrainer.of(model, sc, options).fit(xTrain, yTrain, FitOptions.defaults().epochs(EPOCHS)
                .validationData(xTest, yTest).callbacks(counter).verbose(1));
        double seconds = (System.nanoTime() - start) / 1e9;

        double accuracy = model.evaluate(xTest, yTest).get("accuracy");
        System.out.printf(Locale.ROOT, "%s: accuracy %.4f (single JVM %.4f) in %.1f s; history %s%n", options, accuracy,
                singleAccuracy, seconds, history.history());
        assertTrue(accuracy >= singleAccuracy - 0.01, "Spark accuracy " + accuracy + " vs one JVM " + singleAccuracy);
        assertEquals(List.of(0, 1, 2), epochsSeen);
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(history.history().keySet()));
        assertEquals(accuracy, history.history().get("val_accuracy").get(EPOCHS - 1), 1e-9,
                "the last epoch's validation is the returned model's");
        List<Double> losses = history.history().get("loss");
        assertTrue(losses.get(EPOCHS - 1) < losses.get(0), "training loss falls: " + losses);

        Path file = dir.resolve("mnist-spark.kerasj");
        model.save(file);
        Sequential again = Sequential.load(file);
        assertEquals(model.predict(xTest), again.predict(xTest));
        assertEquals(accuracy, again.evaluate(xTest, yTest).get("accuracy"), 1e-9);
    }

    @Test
    void parameterAveragingReachesTheSingleMachineAccuracy(@TempDir Path dir) throws Exception {
        trainsLikeOneJvm(SparkOptions.parameterAveraging().batchSizePerWorker(32).averagingFrequency(5), dir);
    }

    @Test
    void sharedTrainingReachesTheSingleMachineAccuracy(@TempDir Path dir) throws Exception {
        trainsLikeOneJvm(SparkOptions.sharedTraining().batchSizePerWorker(32), dir);
    }

    @Test
    void anUncompiledModelIsRefused() {
        Sequential model = new Sequential(new Input(4), new Dense(2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkTrainer.of(model, sc, SparkOptions.parameterAveraging()));
        assertTrue(e.getMessage().contains("compile()"), e.getMessage());
    }

    @Test
    void aMaskedModelCannotBeDistributed() {
        Sequential model = new Sequential(new Input(5), new Embedding(10, 4).maskZero(true), new GlobalAveragePooling1D(),
                new Dense(2, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy");
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 0, 0, 0}, {3, 4, 5, 0, 0}});
        INDArray y = Nd4j.createFromArray(0f, 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.of(model, sc, SparkOptions.parameterAveraging()).fit(x, y, FitOptions.defaults()));
        assertTrue(e.getMessage().startsWith("This model cannot be distributed"), e.getMessage());
    }
}
