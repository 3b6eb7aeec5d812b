package dev.kerasj.bench;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.MaxPooling2D;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The same network as a {@code Sequential} (DL4J MultiLayerNetwork) and as a functional {@code Model}
 * (ComputationGraph), epochs timed alternately in one JVM: the measurement behind keeping both network
 * kinds inside the engine (docs/architecture.md).
 *
 * <pre>
 * java -cp bench/target/classes:target/classes:$(cat bench/target/classpath.txt) dev.kerasj.bench.RuntimeAB \
 *     ../shared/datasets 5 mlp|cnn
 * </pre>
 */
public final class RuntimeAB {
    private RuntimeAB() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String kase = args.length > 2 ? args[2] : "mlp";
        BenchData.Mnist m = BenchData.mnist(data);
        boolean cnn = kase.equals("cnn");
        INDArray x = cnn ? m.xTrain().reshape(m.nTrain(), 28, 28, 1) : m.xTrain().reshape(m.nTrain(), 28, 28);
        INDArray y = Nd4j.createFromArray(m.yTrain());
        Supplier<Layer[]> layers = () -> cnn
                ? new Layer[] {new Conv2D(32, 5).activation("relu"), new MaxPooling2D(2), new Flatten(), new Dense(10, "softmax")}
                : new Layer[] {new Flatten(), new Dense(512, "relu"), new Dense(10, "softmax")};
        long[] shape = cnn ? new long[] {28, 28, 1} : new long[] {28, 28};
        Kerasj.setRandomSeed(1);
        Sequential seq = new Sequential(new Input(shape));
        for (Layer l : layers.get()) {
            seq.add(l);
        }
        Kerasj.setRandomSeed(1);
        Input in = new Input(shape);
        KerasTensor t = in;
        for (Layer l : layers.get()) {
            t = l.apply(t);
        }
        Model fn = new Model(in, t);
        for (Model mdl : new Model[] {seq, fn}) {
            mdl.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        }
        FitOptions one = FitOptions.defaults().epochs(1).batchSize(128).verbose(0).seed(1);
        seq.fit(x, y, one); // warm-up epoch each
        fn.fit(x, y, one);
        double[] a = new double[reps];
        double[] b = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            seq.fit(x, y, one);
            long t1 = System.nanoTime();
            fn.fit(x, y, one);
            long t2 = System.nanoTime();
            a[r] = (t1 - t0) / 1e9;
            b[r] = (t2 - t1) / 1e9;
            System.out.printf("run %d: Sequential (MultiLayerNetwork) %.3f s, functional (ComputationGraph) %.3f s%n",
                    r + 1, a[r], b[r]);
        }
        System.out.printf("%s epoch median: Sequential %.3f s, functional %.3f s, functional/Sequential %.3f%n",
                kase, median(a), median(b), median(b) / median(a));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
