package dev.kerasj.bench;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Issue 16's load-time target: loading a 100 MB {@code .keras} file takes no more than twice the time to read its
 * bytes. The model is {@code Input(5000) → Dense(5000) → Dense(10)} (25,060,010 float32 weights, 100.2 MB), saved
 * once; then, alternating, the file's bytes are read ({@code Files.readAllBytes}, the floor any loader pays) and
 * the model is loaded ({@code Model.load}: zip entry with its CRC, HDF5 parsed by jHDF, every shape checked, the
 * network built and the weights copied in), each {@code --reps} times after one warm-up of each. Prints every run
 * and the medians.
 *
 * <pre>
 * BENCH_MAIN=dev.kerasj.bench.KerasLoadBench bench/run [--reps 7] [--units 5000]
 * </pre>
 */
public final class KerasLoadBench {
    private KerasLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = 7;
        int units = 5000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--reps")) {
                reps = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--units")) {
                units = Integer.parseInt(args[i + 1]);
            }
        }
        Path dir = Files.createTempDirectory("kerasj-load-bench");
        Path file = dir.resolve("big.keras");
        Sequential m = new Sequential(new Input(units), new Dense(units, "relu"), new Dense(10, "softmax"));
        // uncompiled: the file holds the weights alone (a compiled Adam model adds its two moment slots: 300 MB)
        m.save(file);
        long size = Files.size(file);
        System.out.printf("model: %,d weights; file %s: %,d bytes%n", m.countParams(), file.getFileName(), size);
        m = null;
        Files.readAllBytes(file); // warm-up: the page cache holds the file for both measurements
        Model.load(file);
        List<Double> read = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            System.gc();
            long t0 = System.nanoTime();
            byte[] bytes = Files.readAllBytes(file);
            long t1 = System.nanoTime();
            if (bytes.length != size) {
                throw new IllegalStateException("short read");
            }
            bytes = null;
            System.gc();
            long t2 = System.nanoTime();
            Model loaded = Model.load(file);
            long t3 = System.nanoTime();
            if (loaded.countParams() != (long) units * units + units + units * 10L + 10) {
                throw new IllegalStateException("wrong model");
            }
            read.add((t1 - t0) / 1e9);
            load.add((t3 - t2) / 1e9);
            System.out.printf("run %d: read %.3f s, load %.3f s (%.2f×)%n", r + 1, read.get(r), load.get(r),
                    load.get(r) / read.get(r));
        }
        double mr = median(read);
        double ml = median(load);
        System.out.printf("median of %d: read %.3f s, load %.3f s: load/read = %.2f× (target ≤ 2×)%n", reps, mr, ml, ml / mr);
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
