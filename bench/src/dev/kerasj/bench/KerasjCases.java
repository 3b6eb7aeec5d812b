package dev.kerasj.bench;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.callbacks.Callback;
import dev.kerasj.callbacks.History;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.MaxPooling2D;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * The benchmark models written through kerasj's public API only, as a user writes them. Conv2D,
 * MaxPooling2D and LSTM are looked up by name, so the harness compiles and runs (skipping those cases)
 * in builds that do not have them yet.
 */
final class KerasjCases {
    private KerasjCases() {
    }

    /** Epoch wall times, measured from a callback (what a user of {@code fit} waits for). */
    static final class EpochTimer extends Callback {
        final double[] seconds;
        private long start;

        EpochTimer(int epochs) {
            seconds = new double[epochs];
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            start = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            seconds[epoch] = (System.nanoTime() - start) / 1e9;
        }
    }

    static Sequential mlpModel() {
        Kerasj.setRandomSeed(1);
        Sequential model = new Sequential(new Input(28, 28), new Flatten(), new Dense(512, "relu"),
                new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    static double[] mlp(BenchData.Mnist m, int epochs, int batch) {
        INDArray x = m.xTrain().reshape(m.nTrain(), 28, 28);
        INDArray y = Nd4j.createFromArray(m.yTrain());
        return fit(mlpModel(), x, y, epochs, batch);
    }

    /**
     * keras.io's "simple MNIST convnet" (34,826 parameters): Conv2D(32, 3, relu) → MaxPooling2D(2) → Conv2D(64, 3,
     * relu) → MaxPooling2D(2) → Flatten → Dropout(0.5) → Dense(10, softmax); Adam, batch 128 as in the example.
     */
    static double[] convnet(BenchData.Mnist m, int epochs) {
        Kerasj.setRandomSeed(1);
        Sequential model = new Sequential(new Input(28, 28, 1), new Conv2D(32, 3, "relu"), new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"), new MaxPooling2D(2), new Flatten(), new Dropout(0.5), new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        if (model.countParams() != 34_826) {
            throw new IllegalStateException("simple MNIST convnet: " + model.countParams() + " parameters, expected 34,826");
        }
        INDArray x = m.xTrain().reshape(m.nTrain(), 28, 28, 1);
        return fit(model, x, Nd4j.createFromArray(m.yTrain()), epochs, 128);
    }

    /** Median seconds of {@code model.predict} on one image per call, over {@code calls} calls after 200 warm-up calls. */
    static double[] latency(BenchData.Mnist m, int calls) {
        Sequential model = mlpModel();
        INDArray x = m.xTest().reshape(m.nTest(), 28, 28);
        double[] s = new double[calls];
        for (int i = 0; i < 200 + calls; i++) {
            INDArray one = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i % m.nTest(), i % m.nTest() + 1));
            long t = System.nanoTime();
            model.predict(one);
            if (i >= 200) {
                s[i - 200] = (System.nanoTime() - t) / 1e9;
            }
        }
        return new double[] {Bench.median(s)};
    }

    /**
     * Seconds per training step of the MLP 784-h(relu)-10 (Adam, sparse cross-entropy, accuracy) for each
     * {@code h:batch:steps} of {@code spec}: {@code fit} over steps × batch MNIST images twice, the second pass timed.
     */
    static void sweep(BenchData.Mnist m, String spec) {
        sweepPoint(m, 128, 32, 400);   // warm-up: JIT-compiles the training loop before any point is timed
        for (String point : spec.split(",")) {
            String[] f = point.split(":");
            int h = Integer.parseInt(f[0]);
            int batch = Integer.parseInt(f[1]);
            int steps = Integer.parseInt(f[2]);
            System.out.printf(java.util.Locale.ROOT, "BENCH sweep %d %d %.7f%n", h, batch, sweepPoint(m, h, batch, steps));
        }
    }

    /** Seconds per step of the second of two fits over steps × batch images. */
    private static double sweepPoint(BenchData.Mnist m, int h, int batch, int steps) {
        Kerasj.setRandomSeed(1);
        Sequential model = new Sequential(new Input(784), new Dense(h, "relu"), new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        int n = steps * batch;
        INDArray x = m.xTrain().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n));
        INDArray y = Nd4j.createFromArray(java.util.Arrays.copyOf(m.yTrain(), n));
        return fit(model, x, y, 2, batch)[1] / steps;
    }

    /** The single-thread-configured ND4J sgemm rate (GFLOP/s) of a 1024³ product, best of 10. */
    static void gemm() {
        INDArray a = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1024, 1024);
        INDArray b = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1024, 1024);
        INDArray c = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1024, 1024);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf(java.util.Locale.ROOT, "BENCH gemm_gflops %.2f%n", 2.0 * 1024 * 1024 * 1024 / best / 1e9);
    }

    static double[] cnn(BenchData.Mnist m, int epochs) {
        Layer conv = (Layer) call(make("Conv2D", 32, 5), "activation", "relu");
        Kerasj.setRandomSeed(1);
        Sequential model = new Sequential(new Input(28, 28, 1), conv, (Layer) make("MaxPooling2D", 2), new Flatten(),
                new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        INDArray x = m.xTrain().reshape(m.nTrain(), 28, 28, 1);
        return fit(model, x, Nd4j.createFromArray(m.yTrain()), epochs, 128);
    }

    static double[] lstm(BenchData.Weather w, int epochs) {
        Layer lstm = (Layer) make("LSTM", 16);
        Kerasj.setRandomSeed(1);
        Sequential model = new Sequential(new Input(w.steps(), w.features()), lstm, new Dense(1));
        model.compile("rmsprop", "mse");
        INDArray x = Nd4j.createFromArray(w.x()).reshape(w.n(), w.steps(), w.features());
        return fit(model, x, Nd4j.createFromArray(w.y()), epochs, 256);
    }

    /** {@code predict} on the 10k test images (Keras's default batch size, 32), after one warm-up call. */
    static double[] predict(BenchData.Mnist m, int repeats) {
        Sequential model = mlpModel();
        INDArray x = m.xTest().reshape(m.nTest(), 28, 28);
        model.predict(x);
        double[] s = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            model.predict(x);
            s[i] = (System.nanoTime() - t) / 1e9;
        }
        return s;
    }

    private static double[] fit(Sequential model, INDArray x, INDArray y, int epochs, int batch) {
        EpochTimer timer = new EpochTimer(epochs);
        History h = model.fit(x, y, FitOptions.defaults().epochs(epochs).batchSize(batch).verbose(0).seed(1)
                .callbacks(timer));
        if (x.size(0) > 50_000) {
            System.out.println("BENCH info " + h.history());
        }
        return timer.seconds;
    }

    private static Object make(String simpleName, Object... args) {
        Class<?> c;
        try {
            c = Class.forName("dev.kerasj.layers." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new Child.Skip("dev.kerasj.layers." + simpleName + " is not in this build");
        }
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] instanceof Integer ? int.class : args[i].getClass();
        }
        try {
            return c.getConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("dev.kerasj.layers." + simpleName + " has no public constructor for "
                    + java.util.Arrays.toString(types) + ": " + e, e);
        }
    }

    private static Object call(Object target, String method, Object arg) {
        try {
            return target.getClass().getMethod(method, arg.getClass()).invoke(target, arg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(target.getClass().getName() + "." + method + "(" + arg.getClass().getSimpleName()
                    + ") failed: " + e, e);
        }
    }
}
