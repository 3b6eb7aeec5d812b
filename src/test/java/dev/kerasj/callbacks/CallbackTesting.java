package dev.kerasj.callbacks;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.losses.MeanSquaredError;
import dev.kerasj.optimizers.SGD;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shared pieces of the callback tests: a tiny regression model and scripted monitor values. */
final class CallbackTesting {
    static final FitOptions QUIET = FitOptions.defaults().verbose(0).seed(1).batchSize(16);

    private CallbackTesting() {
    }

    /** Dense(1) on 3 features, SGD(lr), MSE. */
    static Sequential linearModel(double lr) {
        Kerasj.setRandomSeed(7);
        Sequential m = new Sequential(new Input(3), new Dense(1));
        m.compile(new SGD(lr), new MeanSquaredError());
        return m;
    }

    /** A callback, placed before the one under test, that writes {@code values[epoch]} under {@code key}. */
    static Callback script(String key, double... values) {
        return new LambdaCallback().onEpochEnd((epoch, logs) -> logs.put(key, values[epoch]));
    }

    /** Runs {@code body} and returns what it printed to System.err. */
    static String stderrOf(Runnable body) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }
}
