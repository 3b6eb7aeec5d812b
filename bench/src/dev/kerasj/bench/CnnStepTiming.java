package dev.kerasj.bench;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
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
 * 5-batch warm-up: process CPU time and wall time. Not part of {@code bench/run}; run it directly,
 * single-threaded as the issue measured:
 * <pre>{@code
 * OMP_NUM_THREADS=1 java -cp target/classes:bench/target/classes:$(cat cp.txt) dev.kerasj.bench.CnnStepTiming
 * }</pre>
 */
public final class CnnStepTiming {
    private CnnStepTiming() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Kerasj.setRandomSeed(3);
        Sequential model = new Sequential(new Input(28, 28, 1), new Conv2D(32, 5, "relu"), new MaxPooling2D(2),
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
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        model.fit(x, y, opts);
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / batches;
        double wallMs = (System.nanoTime() - wall0) / 1e6 / batches;
        System.out.printf("CNN training step (batch 128, %d batches): %.1f ms CPU, %.1f ms wall%n", batches, cpuMs,
                wallMs);
    }
}
