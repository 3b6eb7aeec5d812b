package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.losses.Huber;
import dev.kerasj.losses.Losses;
import dev.kerasj.metrics.AUC;
import dev.kerasj.metrics.Metrics;
import dev.kerasj.optimizers.Adam;
import dev.kerasj.optimizers.Optimizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every optimizer, loss and metric name compiles and trains a tiny model; typos list the valid names. */
class CompileVocabularyTest {
    static final INDArray X = Nd4j.createFromArray(new float[][] {{0.1f, 0.2f}, {0.5f, -0.3f}, {-0.4f, 0.8f}, {0.9f, 0.1f}});
    static final INDArray ONE_HOT = Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
    static final INDArray SPARSE = Nd4j.createFromArray(new float[] {0, 1, 2, 1});

    static Sequential model(String activation) {
        Kerasj.setRandomSeed(3);
        return new Sequential(new Input(2), new Dense(3, activation));
    }

    static List<String> losses() {
        return Losses.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void everyLossNameTrains(String name) {
        Sequential m = model("softmax");
        m.compile("sgd", name);
        INDArray y = Losses.get(name).sparseLabels() ? SPARSE : ONE_HOT;
        History h = m.fit(X, y, FitOptions.defaults().epochs(2).batchSize(2).verbose(0));
        double loss = h.history().get("loss").get(1);
        assertTrue(Double.isFinite(loss), name + " loss " + loss);
        assertEquals(Losses.get(name).compute(y, m.predict(X)), m.evaluate(X, y).get("loss"), 1e-5, name);
    }

    static List<String> optimizers() {
        return Optimizers.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void everyOptimizerNameTrains(String name) {
        Sequential m = model("softmax");
        m.compile(name, "categorical_crossentropy");
        INDArray before = m.predict(X).dup();
        m.fit(X, ONE_HOT, FitOptions.defaults().epochs(2).batchSize(2).verbose(0));
        assertTrue(m.predict(X).sub(before).amaxNumber().doubleValue() > 0, name + " changed the weights");
    }

    @Test
    void everyMetricNameIsReportedAsWritten() {
        Sequential m = model("softmax");
        List<String> names = Metrics.names().stream().filter(n -> !n.startsWith("sparse")).toList();
        m.compile("adam", "categorical_crossentropy", names.toArray(new String[0]));
        History h = m.fit(X, ONE_HOT, FitOptions.defaults().epochs(1).batchSize(2).verbose(0));
        for (String n : names) {
            assertTrue(h.history().containsKey(n), n);
            assertTrue(Double.isFinite(h.history().get(n).get(0)), n);
        }
        Sequential s = model("softmax");
        s.compile("adam", "sparse_categorical_crossentropy", "sparse_categorical_accuracy", "sparse_top_k_categorical_accuracy",
                "acc");
        assertEquals(List.of("loss", "sparse_categorical_accuracy", "sparse_top_k_categorical_accuracy", "acc"),
                List.copyOf(s.evaluate(X, SPARSE).keySet()));
    }

    @Test
    void stringsAndObjectsMix() {
        Sequential m = model("linear");
        m.compile(new Adam(1e-2).clipnorm(1.0), "huber", "mae", new AUC());
        assertEquals("huber_loss", m.loss().name());
        m.compile("adadelta", new Huber(2.0), "mae");
        assertEquals(2.0, ((Huber) m.loss()).delta());
        m.fit(X, ONE_HOT, FitOptions.defaults().epochs(1).batchSize(4).verbose(0));
    }

    @Test
    void typosListTheValidNames() {
        Sequential m = model("linear");
        var e = assertThrows(IllegalArgumentException.class, () -> m.compile("adamm", "mse"));
        assertTrue(e.getMessage().contains("adadelta, adagrad, adam, adamax, nadam, rmsprop, sgd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compile("adam", "mean_square_error"));
        assertTrue(e.getMessage().contains("mean_squared_error") && e.getMessage().contains("huber"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compile("adam", "mse", "acuracy"));
        assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("rmse"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(3, "relu5"));
        assertTrue(e.getMessage().contains("relu6"), e.getMessage());
    }
}
