package dev.kerasj.bench;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.callbacks.Callback;
import dev.kerasj.callbacks.History;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.Layer;
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

    static double[] mlp(BenchData.Mnist m, int epochs) {
        INDArray x = Nd4j.createFromArray(m.xTrain()).reshape(m.nTrain(), 28, 28);
        INDArray y = Nd4j.createFromArray(m.yTrain());
        return fit(mlpModel(), x, y, epochs, 128);
    }

    static double[] cnn(BenchData.Mnist m, int epochs) {
        Layer conv = (Layer) call(make("Conv2D", 32, 5), "activation", "relu");
        Kerasj.setRandomSeed(1);
        Sequential model = new Sequential(new Input(28, 28, 1), conv, (Layer) make("MaxPooling2D", 2), new Flatten(),
                new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.createFromArray(m.xTrain()).reshape(m.nTrain(), 28, 28, 1);
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
        INDArray x = Nd4j.createFromArray(m.xTest()).reshape(m.nTest(), 28, 28);
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
        System.out.println("BENCH info " + h.history());
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
