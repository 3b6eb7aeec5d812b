package dev.kerasj.bench;

import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.applications.Applications;
import dev.kerasj.applications.ApplicationOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Forward-pass (inference) time of {@code Applications.mobileNetV2()} / {@code resNet50()} at 224×224×3, Keras's
 * defaults (top included, random weights), {@code model.predict(x, batch)} on one batch: the median of REPS calls
 * after max(2, 32 / batch) warm-up calls (the JIT compiles kerasj's Java kernels during the first calls: a batch of
 * one needs more of them). Prints one line per (model, batch). The PyTorch side is bench/applications_ref.py.
 *
 * <pre>
 * java -cp bench/target/classes:target/classes:$(cat bench/target/classpath.txt) dev.kerasj.bench.ApplicationsBench \
 *     mobilenet_v2,resnet50 1,32 5
 * </pre>
 */
public final class ApplicationsBench {
    private ApplicationsBench() {
    }

    public static void main(String[] args) {
        String[] models = (args.length > 0 ? args[0] : "mobilenet_v2,resnet50").split(",");
        int[] batches = Arrays.stream((args.length > 1 ? args[1] : "1,32").split(",")).mapToInt(Integer::parseInt).toArray();
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        for (String name : models) {
            Kerasj.setRandomSeed(1);
            Model m = Applications.byName(name, ApplicationOptions.defaults());
            for (int batch : batches) {
                INDArray x = Nd4j.rand(DataType.FLOAT, batch, 224, 224, 3).muli(2).subi(1);
                for (int w = 0; w < Math.max(2, 32 / batch); w++) {
                    m.predict(x, batch);
                }
                double[] t = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    m.predict(x, batch);
                    t[r] = (System.nanoTime() - t0) / 1e9;
                }
                double[] sorted = t.clone();
                Arrays.sort(sorted);
                System.out.printf("kerasj %s batch %d: median %.4f s (runs %s)%n", name, batch, sorted[reps / 2],
                        Arrays.toString(t));
            }
        }
    }
}
