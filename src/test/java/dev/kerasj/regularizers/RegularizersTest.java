package dev.kerasj.regularizers;

import dev.kerasj.FitOptions;
import dev.kerasj.Sequential;
import dev.kerasj.callbacks.History;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Keras's scale: l1(λ) adds λΣ|w|, l2(λ) adds λΣw² to the reported loss, and their gradients
 * (λ·sign(w), 2λw) enter the update — checked on y = w·x with hand-computed numbers.
 */
class RegularizersTest {
    static final INDArray X = Nd4j.createFromArray(new float[][] {{1f}, {2f}});
    static final INDArray Y = Nd4j.createFromArray(new float[][] {{2f}, {3f}});
    static final double W = 0.5;

    static Sequential model(Regularizer r) {
        Sequential m = new Sequential(new Input(1), new Dense(1).useBias(false).kernelRegularizer(r));
        m.compile(new SGD(0.1), new dev.kerasj.losses.MeanSquaredError());
        m.layers().get(0).setWeights(Nd4j.createFromArray(new float[][] {{(float) W}}));
        return m;
    }

    /** MSE of y = w·x on X, Y. */
    static double mse(double w) {
        return (Math.pow(w - 2, 2) + Math.pow(2 * w - 3, 2)) / 2;
    }

    static double grad(double w) {
        return (2 * (w - 2) + 2 * (2 * w - 3) * 2) / 2;
    }

    @Test
    void penaltiesAreInTheEvaluatedLoss() {
        assertEquals(mse(W) + 0.1 * W * W, model(new L2(0.1)).evaluate(X, Y).get("loss"), 1e-6);
        assertEquals(mse(W) + 0.1 * W, model(new L1(0.1)).evaluate(X, Y).get("loss"), 1e-6);
        assertEquals(mse(W) + 0.2 * W + 0.3 * W * W, model(new L1L2(0.2, 0.3)).evaluate(X, Y).get("loss"), 1e-6);
        assertEquals(mse(W) + 0.01 * W * W, model(Regularizers.get("l2")).evaluate(X, Y).get("loss"), 1e-6);
    }

    @Test
    void trainingLossAndStepUseKerasScale() {
        Sequential m = model(new L2(0.1));
        History h = m.fit(X, Y, FitOptions.defaults().epochs(2).batchSize(2).shuffle(false).verbose(0));
        double w1 = W - 0.1 * (grad(W) + 2 * 0.1 * W);
        double w2 = w1 - 0.1 * (grad(w1) + 2 * 0.1 * w1);
        assertEquals(w2, m.layers().get(0).getWeights().get(0).getDouble(0), 1e-5);
        // the loss Keras reports for a step is computed with the weights before that step
        assertEquals(mse(W) + 0.1 * W * W, h.history().get("loss").get(0), 1e-5);
        assertEquals(mse(w1) + 0.1 * w1 * w1, h.history().get("loss").get(1), 1e-5);
    }

    @Test
    void l1GradientIsLambdaSign() {
        Sequential m = model(new L1(0.1));
        m.fit(X, Y, FitOptions.defaults().epochs(1).batchSize(2).shuffle(false).verbose(0));
        assertEquals(W - 0.1 * (grad(W) + 0.1), m.layers().get(0).getWeights().get(0).getDouble(0), 1e-5);
    }

    @Test
    void namesDefaultsAndRoundTrip() {
        assertEquals(0.01, Regularizers.get("l1").l1());
        assertEquals(0.01, Regularizers.get("l2").l2());
        assertEquals(0.01, Regularizers.get("l1_l2").l1());
        assertEquals(0.01, Regularizers.get("l1_l2").l2());
        Regularizer r = new L1L2(0.2, 0.3);
        assertEquals(r.serialize(), Regularizers.deserialize(r.serialize()).serialize());
        assertEquals(0.2 * 3 + 0.3 * 5, r.penalty(Nd4j.createFromArray(1.0, -2.0)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l3"));
    }
}
