import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.datasets.DatasetLocator;
import dev.kerasj.datasets.Mnist;
import dev.kerasj.datasets.TrainTestData;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.spark.SparkOptions;
import dev.kerasj.spark.SparkTrainer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Locale;

/**
 * One measurement of bench/run-spark: the MNIST MLP (784-128-10, rmsprop, batch 32) trained for EPOCHS epochs on
 * the first N training images, either in this JVM ({@code jvm}) or through SparkTrainer on local[W]
 * ({@code averaging W} or {@code shared W}); prints one line: mode, workers, context start, fit time, test accuracy.
 *
 * <pre>java -cp … SparkBench MODE WORKERS N EPOCHS DATA_DIR</pre>
 */
public final class SparkBench {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int workers = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int epochs = Integer.parseInt(args[3]);
        TrainTestData mnist = Mnist.loadData(DatasetLocator.fromEnvironment().withMirror(args[4]));
        INDArray x = mnist.xTrain().get(NDArrayIndex.interval(0, n)).castTo(DataType.FLOAT).div(255);
        INDArray y = mnist.yTrain().get(NDArrayIndex.interval(0, n)).dup();
        INDArray xTest = mnist.xTest().castTo(DataType.FLOAT).div(255);
        INDArray yTest = mnist.yTest();

        Kerasj.setRandomSeed(42);
        Sequential model = new Sequential(new Input(28, 28), new Flatten(), new Dense(128, "relu"),
                new Dense(10, "softmax"));
        model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        FitOptions fit = FitOptions.defaults().epochs(epochs).batchSize(32).verbose(0).seed(42);

        double contextSeconds = 0;
        long start;
        if (mode.equals("jvm")) {
            start = System.nanoTime();
            model.fit(x, y, fit);
        } else {
            long c = System.nanoTime();
            JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + workers + "]")
                    .setAppName("SparkBench").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
            contextSeconds = (System.nanoTime() - c) / 1e9;
            start = System.nanoTime();
            SparkTrainer.of(model, sc, SparkOptions.of(mode).batchSizePerWorker(32)).fit(x, y, fit);
            double s = (System.nanoTime() - start) / 1e9;
            sc.close();
            report(mode, workers, contextSeconds, s, model.evaluate(xTest, yTest).get("accuracy"));
            return;
        }
        report(mode, workers, contextSeconds, (System.nanoTime() - start) / 1e9, model.evaluate(xTest, yTest).get("accuracy"));
    }

    private static void report(String mode, int workers, double context, double fit, double accuracy) {
        System.out.printf(Locale.ROOT, "RESULT mode=%s workers=%d context_s=%.1f fit_s=%.1f test_accuracy=%.4f%n", mode,
                workers, context, fit, accuracy);
    }
}
