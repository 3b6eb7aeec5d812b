package dev.kerasj.bench;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resource check of issue 23: the resident set (VmRSS) while one process loads the README's MNIST MLP
 * from its {@code .kerasj} file again and again, predicts with one model again and again, and builds and
 * predicts with new models again and again. Memory that is never freed shows as RSS growing with the count;
 * memory freed by the garbage collector shows as a plateau.
 *
 * <pre>
 * bench/run load-leak [--loads 500] [--predicts 1000] [--builds 200] [--gc]
 * </pre>
 * {@code --gc}: a {@code System.gc()} (and 200 ms for ND4J's deallocator thread) before each reading, so the
 * figures show what is still reachable rather than what the collector has not yet visited.
 */
public final class LoadLeak {
    private LoadLeak() {
    }

    /** One phase: {@code step} run {@code count} times, RSS read at each tenth. */
    private interface Step {
        void run() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        int loads = 500;
        int predicts = 1000;
        int builds = 200;
        boolean gc = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--loads" -> loads = Integer.parseInt(args[++i]);
                case "--predicts" -> predicts = Integer.parseInt(args[++i]);
                case "--builds" -> builds = Integer.parseInt(args[++i]);
                case "--gc" -> gc = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --loads N, --predicts N, --builds N, --gc");
            }
        }
        Sequential model = mlp();
        Path file = Files.createTempFile("load-leak", ".kerasj");
        model.save(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 28, 28);
        System.out.printf("model file %.2f MB (%,d weights, RMSprop state), batch of 32, %s%n", Files.size(file) / 1e6,
                model.countParams(), gc ? "System.gc() before each reading" : "no explicit GC");
        System.out.printf("start: RSS %.0f MiB%n", Child.rssMb());
        phase("Model.load", loads, gc, () -> Model.load(file));
        Model loaded = Model.load(file);
        phase("predict (one model)", predicts, gc, () -> loaded.predict(x));
        phase("new model + predict", builds, gc, () -> mlp().predict(x));
        Files.delete(file);
    }

    /** The README's MNIST MLP, compiled as the recipe compiles it. */
    private static Sequential mlp() {
        Sequential m = new Sequential(new Input(28, 28), new Flatten(), new Dense(512, "relu"), new Dropout(0.2),
                new Dense(10, "softmax"));
        m.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    private static void phase(String name, int count, boolean gc, Step step) throws Exception {
        System.out.printf("%n%s × %d%n| done | RSS, MiB | heap used, MiB |%n|---|---|---|%n", name, count);
        double atTenth = Double.NaN;
        double rss = Double.NaN;
        int every = Math.max(1, count / 10);
        for (int i = 1; i <= count; i++) {
            step.run();
            if (i % every == 0 || i == count) {
                if (gc) {
                    System.gc();
                    Thread.sleep(200);
                }
                rss = Child.rssMb();
                Runtime r = Runtime.getRuntime();
                System.out.printf("| %d | %.0f | %.0f |%n", i, rss, (r.totalMemory() - r.freeMemory()) / 1048576.0);
                if (i == every) {
                    atTenth = rss;
                }
            }
        }
        System.out.printf("%s: RSS %.0f MiB after %d, %.0f MiB after %d: %+.2f MiB per step%n", name, atTenth, every,
                rss, count, (rss - atTenth) / (count - every));
    }
}
