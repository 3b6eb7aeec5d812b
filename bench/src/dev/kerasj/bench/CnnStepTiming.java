package dev.kerasj.bench;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.MaxPooling2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;

/**
 * Milliseconds per training step of the MNIST CNN (Input(28,28,1) → Conv2D(32,5,relu) →
 * MaxPooling2D(2) → Flatten → Dense(10,softmax), Adam, batch 128) on 40 random batches, after a
 * 5-batch warm-up: process CPU time and wall time. With a second argument {@code convnet}, keras.io's simple
 * MNIST convnet instead (Conv2D(32,3,relu) → MaxPooling2D(2) → Conv2D(64,3,relu) → MaxPooling2D(2) → Flatten →
 * Dropout(0.5) → Dense(10,softmax)); a third argument repeats the timed fit that many times (one line each,
 * then the median). Not part of {@code bench/run}; run it directly:
 * <pre>{@code
 * java -cp target/classes:bench/target/classes:$(cat bench/target/classpath.txt) dev.kerasj.bench.CnnStepTiming 40 convnet 5
 * }</pre>
 */
public final class CnnStepTiming {
    private CnnStepTiming() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Kerasj.setRandomSeed(3);
        boolean convnet = args.length > 1 && args[1].equals("convnet");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Sequential model = convnet
                ? new Sequential(new Input(28, 28, 1), new Conv2D(32, 3, "relu"), new MaxPooling2D(2),
                        new Conv2D(64, 3, "relu"), new MaxPooling2D(2), new Flatten(), new Dropout(0.5),
                        new Dense(10, "softmax"))
                : new Sequential(new Input(28, 28, 1), new Conv2D(32, 5, "relu"), new MaxPooling2D(2),
                        new Flatten(), new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, batches * 128L, 28, 28, 1);
        INDArray y = Nd4j.createFromArray(new int[batches * 128]);
        for (int i = 0; i < batches * 128; i++) {
            y.putScalar(i, i % 10);
        }
        INDArray xWarm = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5 * 128)).dup();
        INDArray yWarm = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5 * 128)).dup();
        FitOptions opts = FitOptions.defaults().epochs(1).batchSize(128).verbose(0).seed(1);
        model.fit(xWarm, yWarm, opts);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] walls = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            model.fit(x, y, opts);
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / batches;
            walls[r] = (System.nanoTime() - wall0) / 1e6 / batches;
            System.out.printf("%s training step (batch 128, %d batches): %.1f ms CPU, %.1f ms wall%n",
                    convnet ? "convnet" : "CNN", batches, cpuMs, walls[r]);
        }
        if (rounds > 1) {
            java.util.Arrays.sort(walls);
            System.out.printf("median wall %.1f ms/step over %d rounds%n", walls[rounds / 2], rounds);
        }
    }
}
