package dev.kerasj.bench;

import dev.kerasj.Sequential;
import dev.kerasj.explain.KernelExplainer;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * KernelSHAP at the scale of issue 18: {@code --rows} (100) rows of {@code --features} (30) explained
 * against {@code --background} (100) background rows with the default {@code nsamples} (2M + 2048), on an
 * MLP {@code M → 64 → 64 → 1} trained briefly on synthetic data. Each row costs nsamples × background
 * model evaluations (21.08 M for the defaults), as in the {@code shap} package.
 *
 * <pre>
 * BENCH_MAIN=dev.kerasj.bench.ShapBench bench/run [--rows 100] [--features 30] [--background 100]
 *     [--nsamples N] [--export DIR]
 * </pre>
 *
 * {@code --export DIR} writes the weights, the background and the explained rows as text for
 * {@code bench/shap_ref.py}, which times the same model's evaluations in numpy (and shap's own
 * KernelExplainer where the {@code shap} package is installed).
 */
public final class ShapBench {
    private int rows = 100;
    private int features = 30;
    private int background = 100;
    private int nsamples = -1;
    private Path export;

    private ShapBench() {
    }

    public static void main(String[] args) throws IOException {
        ShapBench b = new ShapBench();
        b.parse(args);
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(v);
                case "--features" -> features = Integer.parseInt(v);
                case "--background" -> background = Integer.parseInt(v);
                case "--nsamples" -> nsamples = Integer.parseInt(v);
                case "--export" -> export = Path.of(v);
                default -> throw new IllegalArgumentException("Invalid argument: " + args[i] + ". Expected --rows N, "
                        + "--features N, --background N, --nsamples N, --export DIR.");
            }
            i++;
        }
    }

    /** Synthetic tabular data: standard normal features, a nonlinear binary target with interactions. */
    private INDArray[] data(int n) {
        Random r = new Random(7);
        float[] x = new float[n * features];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) r.nextGaussian();
                s += (j % 3 == 0 ? 1 : -0.5) * x[i * features + j] / (1 + j % 5);
            }
            s += x[i * features] * x[i * features + 1] - 0.5 * x[i * features + 2] * x[i * features + 2] + Math.sin(3 * x[i * features + 3]);
            y[i] = s > 0 ? 1 : 0;
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, features}, 'c'), Nd4j.create(y, new long[] {n, 1}, 'c')};
    }

    private void run() throws IOException {
        int train = 4000;
        INDArray[] d = data(train + rows);
        INDArray xTrain = d[0].get(NDArrayIndex.interval(0, train), NDArrayIndex.all());
        INDArray yTrain = d[1].get(NDArrayIndex.interval(0, train), NDArrayIndex.all());
        INDArray xExplain = d[0].get(NDArrayIndex.interval(train, train + rows), NDArrayIndex.all()).dup();
        INDArray bg = xTrain.get(NDArrayIndex.interval(0, background), NDArrayIndex.all()).dup();

        Nd4j.getRandom().setSeed(1);
        Sequential model = new Sequential(new Input(features), new Dense(64, "relu"), new Dense(64, "relu"),
                new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.fit(xTrain, yTrain, 3, 64);

        int budget = nsamples > 0 ? nsamples : 2 * features + 2048;
        long evaluations = (long) rows * budget * background;
        System.out.printf(Locale.ROOT, "KernelSHAP: %d rows x %d features, %d background rows, nsamples %d -> %,d model rows%n",
                rows, features, background, budget, evaluations);

        // model throughput alone, on one explained row's worth of rows (nsamples x background)
        INDArray block = Nd4j.rand(DataType.FLOAT, (long) budget * background, features);
        model.predict(block, 8192);
        long t0 = System.nanoTime();
        int repeats = 3;
        for (int i = 0; i < repeats; i++) {
            model.predict(block, 8192);
        }
        double predictRowsPerS = repeats * block.size(0) / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "model.predict alone: %.3g rows/s (batches of 8192)%n", predictRowsPerS);

        KernelExplainer explainer = new KernelExplainer(model, bg);
        if (nsamples > 0) {
            explainer.nsamples(nsamples);
        }
        explainer.shapValues(xExplain.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all())); // warm-up (JIT)
        long cpu0 = cpuNanos();
        t0 = System.nanoTime();
        INDArray phi = explainer.shapValues(xExplain);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpuNanos() - cpu0) / 1e9;

        INDArray fx = model.predict(xExplain).castTo(DataType.DOUBLE).reshape(rows);
        double worst = 0;
        for (int i = 0; i < rows; i++) {
            worst = Math.max(worst, Math.abs(explainer.expectedValue() + phi.getRow(i).sumNumber().doubleValue() - fx.getDouble(i)));
        }
        System.out.printf(Locale.ROOT, "BENCH shap_seconds %.2f%n", seconds);
        System.out.printf(Locale.ROOT, "BENCH shap_cpu_seconds %.2f%n", cpuSeconds);
        System.out.printf(Locale.ROOT, "BENCH seconds_per_row %.3f%n", seconds / rows);
        System.out.printf(Locale.ROOT, "BENCH model_rows_per_s %.3g%n", evaluations / seconds);
        System.out.printf(Locale.ROOT, "BENCH predict_rows_per_s %.3g%n", predictRowsPerS);
        System.out.printf(Locale.ROOT, "BENCH model_share %.2f%n", evaluations / predictRowsPerS / seconds);
        System.out.printf(Locale.ROOT, "additivity: max |E[f] + sum(phi) - f(x)| = %.2e%n", worst);
        if (export != null) {
            write(model, bg, xExplain, phi, explainer.expectedValue(), budget);
        }
    }

    /** CPU time of the whole process (all threads: OpenMP, GC, JIT), robust to other jobs on a shared machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Text files for bench/shap_ref.py: one array per file, one matrix row per line (a vector as one line). */
    private void write(Sequential model, INDArray bg, INDArray x, INDArray phi, double expected, int budget) throws IOException {
        Files.createDirectories(export);
        for (int l = 0; l < 3; l++) {
            List<INDArray> w = model.layers().get(l).getWeights();
            save(export.resolve("w" + l + ".txt"), w.get(0));
            save(export.resolve("b" + l + ".txt"), w.get(1));
        }
        save(export.resolve("background.txt"), bg);
        save(export.resolve("x.txt"), x);
        save(export.resolve("phi_kerasj.txt"), phi);
        Files.writeString(export.resolve("meta.txt"), "expected_value " + expected + "\nnsamples " + budget + "\n");
        System.out.println("exported to " + export);
    }

    private static void save(Path file, INDArray a) throws IOException {
        INDArray d = a.castTo(DataType.DOUBLE);
        INDArray m = d.rank() == 1 ? d.reshape(1, d.length()) : d;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            for (int i = 0; i < m.size(0); i++) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < m.size(1); j++) {
                    line.append(j > 0 ? " " : "").append(m.getDouble(i, j));
                }
                out.println(line);
            }
        }
    }
}
