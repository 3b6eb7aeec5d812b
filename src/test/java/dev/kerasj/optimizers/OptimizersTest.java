package dev.kerasj.optimizers;

import dev.kerasj.FitOptions;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.optimizers.schedules.CosineDecay;
import dev.kerasj.optimizers.schedules.ExponentialDecay;
import dev.kerasj.optimizers.schedules.InverseTimeDecay;
import dev.kerasj.optimizers.schedules.PiecewiseConstantDecay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each optimizer trains a one-weight model {@code y = w·x} (MSE, batch of two samples, 3 steps) through
 * the public API; the weight is compared with Keras's update rule written out by hand here.
 */
class OptimizersTest {
    static final double[] X = {1.0, 2.0};
    static final double[] Y = {2.0, 3.0};
    static final double W0 = 0.5;
    static final int STEPS = 3;

    /** dMSE/dw for y = w·x over the batch: mean(2·(w·x − y)·x). */
    static double grad(double w) {
        double g = 0;
        for (int i = 0; i < X.length; i++) {
            g += 2 * (w * X[i] - Y[i]) * X[i];
        }
        return g / X.length;
    }

    /** A hand-written Keras update rule: weight and step → new weight, with its own state. */
    interface Rule {
        double step(double w, double g, int t0);
    }

    static double trainWithKerasj(Optimizer opt, int steps) {
        Sequential m = new Sequential(new Input(1), new Dense(1).useBias(false));
        m.compile(opt, new dev.kerasj.losses.MeanSquaredError());
        m.layers().get(0).setWeights(Nd4j.createFromArray(new float[][] {{(float) W0}}));
        INDArray x = Nd4j.createFromArray(new float[][] {{(float) X[0]}, {(float) X[1]}});
        INDArray y = Nd4j.createFromArray(new float[][] {{(float) Y[0]}, {(float) Y[1]}});
        m.fit(x, y, FitOptions.defaults().epochs(steps).batchSize(2).shuffle(false).verbose(0));
        return m.layers().get(0).getWeights().get(0).getDouble(0);
    }

    static double byHand(Rule rule, int steps) {
        double w = W0;
        for (int t = 0; t < steps; t++) {
            w = rule.step(w, grad(w), t);
        }
        return w;
    }

    static Rule sgd(double lr, double mom, boolean nesterov) {
        double[] m = {0};
        return (w, g, t) -> {
            if (mom == 0) {
                return w - lr * g;
            }
            m[0] = mom * m[0] - lr * g;
            return nesterov ? w + mom * m[0] - lr * g : w + m[0];
        };
    }

    static Rule rmsprop(double lr, double rho, double mom, double eps, boolean centered) {
        double[] s = {0, 0, 0}; // v, momentum, mean gradient
        return (w, g, t) -> {
            s[0] = rho * s[0] + (1 - rho) * g * g;
            double d = s[0] + eps;
            if (centered) {
                s[2] = rho * s[2] + (1 - rho) * g;
                d = s[0] - s[2] * s[2] + eps;
            }
            double inc = lr * g / Math.sqrt(d);
            if (mom > 0) {
                s[1] = mom * s[1] + inc;
                return w - s[1];
            }
            return w - inc;
        };
    }

    static Rule adagrad(double lr, double init, double eps) {
        double[] a = {init};
        return (w, g, t) -> {
            a[0] += g * g;
            return w - lr * g / Math.sqrt(a[0] + eps);
        };
    }

    static Rule adadelta(double lr, double rho, double eps) {
        double[] s = {0, 0};
        return (w, g, t) -> {
            s[0] = rho * s[0] + (1 - rho) * g * g;
            double delta = -Math.sqrt(s[1] + eps) * g / Math.sqrt(s[0] + eps);
            s[1] = rho * s[1] + (1 - rho) * delta * delta;
            return w + lr * delta;
        };
    }

    static Rule adam(DoubleUnaryOperator lrAt, double b1, double b2, double eps, boolean amsgrad) {
        double[] s = {0, 0, 0};
        return (w, g, t) -> {
            double lr = lrAt.applyAsDouble(t);
            int k = t + 1;
            s[0] = b1 * s[0] + (1 - b1) * g;
            s[1] = b2 * s[1] + (1 - b2) * g * g;
            double v = s[1];
            if (amsgrad) {
                s[2] = Math.max(s[2], s[1]);
                v = s[2];
            }
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, k)) / (1 - Math.pow(b1, k));
            return w - alpha * s[0] / (Math.sqrt(v) + eps);
        };
    }

    static Rule adamax(double lr, double b1, double b2, double eps) {
        double[] s = {0, 0};
        return (w, g, t) -> {
            int k = t + 1;
            s[0] = b1 * s[0] + (1 - b1) * g;
            s[1] = Math.max(b2 * s[1], Math.abs(g));
            return w - lr * s[0] / ((1 - Math.pow(b1, k)) * (s[1] + eps));
        };
    }

    static Rule nadam(double lr, double b1, double b2, double eps) {
        double[] s = {0, 0, 1.0}; // m, v, u_product
        return (w, g, t) -> {
            int k = t + 1;
            double ut = b1 * (1 - 0.5 * Math.pow(0.96, k));
            double ut1 = b1 * (1 - 0.5 * Math.pow(0.96, k + 1));
            s[2] *= ut;
            double up1 = s[2] * ut1;
            s[0] = b1 * s[0] + (1 - b1) * g;
            s[1] = b2 * s[1] + (1 - b2) * g * g;
            double mHat = ut1 * s[0] / (1 - up1) + (1 - ut) * g / (1 - s[2]);
            double vHat = s[1] / (1 - Math.pow(b2, k));
            return w - lr * mHat / (Math.sqrt(vHat) + eps);
        };
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sgd", Optimizers.get("sgd"), sgd(0.01, 0, false)),
                Arguments.of("SGD(0.1, momentum 0.9)", new SGD(0.1, 0.9, false), sgd(0.1, 0.9, false)),
                Arguments.of("SGD nesterov", new SGD(0.1).momentum(0.9).nesterov(true), sgd(0.1, 0.9, true)),
                Arguments.of("rmsprop", Optimizers.get("rmsprop"), rmsprop(0.001, 0.9, 0, 1e-7, false)),
                Arguments.of("RMSprop momentum centered", new RMSprop(0.01, 0.8, 0.5, 1e-7, true),
                        rmsprop(0.01, 0.8, 0.5, 1e-7, true)),
                Arguments.of("adagrad", Optimizers.get("adagrad"), adagrad(0.001, 0.1, 1e-7)),
                Arguments.of("Adagrad(0.1, 0.5)", new Adagrad(0.1, 0.5, 1e-7), adagrad(0.1, 0.5, 1e-7)),
                Arguments.of("adadelta", Optimizers.get("adadelta"), adadelta(0.001, 0.95, 1e-7)),
                Arguments.of("Adadelta(1.0)", new Adadelta(1.0), adadelta(1.0, 0.95, 1e-7)),
                Arguments.of("adam", Optimizers.get("adam"), adam(t -> 0.001, 0.9, 0.999, 1e-7, false)),
                Arguments.of("Adam(0.1) amsgrad", new Adam(0.1, 0.9, 0.999, 1e-7, true), adam(t -> 0.1, 0.9, 0.999, 1e-7, true)),
                Arguments.of("adamax", Optimizers.get("adamax"), adamax(0.001, 0.9, 0.999, 1e-7)),
                Arguments.of("Adamax(0.1)", new Adamax(0.1), adamax(0.1, 0.9, 0.999, 1e-7)),
                Arguments.of("nadam", Optimizers.get("nadam"), nadam(0.001, 0.9, 0.999, 1e-7)),
                Arguments.of("Nadam(0.1)", new Nadam(0.1), nadam(0.1, 0.9, 0.999, 1e-7)),
                Arguments.of("Adam(ExponentialDecay)", new Adam(new ExponentialDecay(0.1, 1, 0.5)),
                        adam(t -> 0.1 * Math.pow(0.5, t), 0.9, 0.999, 1e-7, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void threeStepsMatchKerasFormula(String label, Optimizer opt, Rule rule) {
        double expected = byHand(rule, STEPS);
        double actual = trainWithKerasj(opt, STEPS);
        assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), label);
        assertTrue(Math.abs(actual - W0) > 1e-6, "the weight moved");
    }

    @Test
    void sgdScheduleFollowsPiecewiseConstant() {
        var s = new PiecewiseConstantDecay(new long[] {0, 1}, new double[] {0.1, 0.05, 0.01});
        double[] lr = {0.1, 0.05, 0.01};
        double expected = byHand((w, g, t) -> w - lr[t] * g, 3);
        assertEquals(expected, trainWithKerasj(new SGD(s), 3), 1e-5);
    }

    @Test
    void clipvalueClipsEachElement() {
        // |grad(0.5)| = |(2·(0.5−2)·1 + 2·(1−3)·2)/2| = 5.5 → clipped to 1.0
        double expected = byHand((w, g, t) -> w - 0.1 * Math.max(-1, Math.min(1, g)), 3);
        assertEquals(expected, trainWithKerasj(new SGD(0.1).clipvalue(1.0), 3), 1e-5);
    }

    @Test
    void clipnormRescalesEachVariable() {
        double expected = byHand((w, g, t) -> w - 0.1 * (Math.abs(g) > 0.5 ? 0.5 * Math.signum(g) : g), 3);
        assertEquals(expected, trainWithKerasj(new SGD(0.1).clipnorm(0.5), 3), 1e-5);
    }

    @Test
    void schedulesFollowKerasFormulas() {
        assertEquals(0.1 * Math.pow(0.5, 2.5), new ExponentialDecay(0.1, 2, 0.5).value(5), 1e-12);
        assertEquals(0.1 * Math.pow(0.5, 2), new ExponentialDecay(0.1, 2, 0.5, true).value(5), 1e-12);
        assertEquals(0.1 / (1 + 0.5 * 2.5), new InverseTimeDecay(0.1, 2, 0.5).value(5), 1e-12);
        assertEquals(0.1 / (1 + 0.5 * 2), new InverseTimeDecay(0.1, 2, 0.5, true).value(5), 1e-12);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 3 / 10)), new CosineDecay(0.1, 10).value(3), 1e-12);
        assertEquals(0.1 * 0.2, new CosineDecay(0.1, 10, 0.2, null, 0).value(50), 1e-12);
        assertEquals(0.0 + (1.0 - 0.0) * 2 / 4, new CosineDecay(0.0, 10, 0.0, 1.0, 4).value(2), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 3 / 10)), new CosineDecay(0.0, 10, 0.0, 1.0, 4).value(7), 1e-12);
        var p = new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1.0, 0.5, 0.1});
        assertEquals(1.0, p.value(10));
        assertEquals(0.5, p.value(11));
        assertEquals(0.5, p.value(20));
        assertEquals(0.1, p.value(21));
    }

    /** Optimizer state (Keras's slots) and the step count survive save/load: resumed training is identical. */
    @Test
    void stateSurvivesSaveAndLoad() throws Exception {
        for (Optimizer opt : new Optimizer[] {new Adagrad(0.1), new Nadam(0.05), new RMSprop(0.01, 0.9, 0.5, 1e-7, true),
                new Adam(new ExponentialDecay(0.1, 1, 0.5)).clipvalue(2.0)}) {
            Sequential a = new Sequential(new Input(2), new Dense(2));
            a.compile(opt, "mse");
            INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {0.5f, -1}});
            INDArray y = Nd4j.createFromArray(new float[][] {{2, 3}, {0, 1}});
            FitOptions o = FitOptions.defaults().epochs(2).batchSize(2).shuffle(false).verbose(0);
            a.fit(x, y, o);
            java.nio.file.Path f = java.nio.file.Files.createTempFile("opt", ".kerasj");
            a.save(f);
            Sequential b = Sequential.load(f);
            a.fit(x, y, o);
            b.fit(x, y, o);
            assertEquals(a.predict(x), b.predict(x), opt.toString());
            assertEquals(opt.serialize(), b.optimizer().serialize());
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    @Test
    void kerasDefaults() {
        assertEquals(0.01, new SGD().learningRate());
        RMSprop r = new RMSprop();
        assertEquals(0.001, r.learningRate());
        assertEquals(0.9, r.rho());
        assertEquals(1e-7, r.epsilon());
        Adagrad ag = new Adagrad();
        assertEquals(0.001, ag.learningRate());
        assertEquals(0.1, ag.initialAccumulatorValue());
        Adadelta ad = new Adadelta();
        assertEquals(0.001, ad.learningRate());
        assertEquals(0.95, ad.rho());
        for (Optimizer o : new Optimizer[] {new Adam(), new Adamax(), new Nadam()}) {
            assertEquals(0.001, o.learningRate());
            assertEquals(0.9, o.getConfig().get("beta_1"));
            assertEquals(0.999, o.getConfig().get("beta_2"));
            assertEquals(1e-7, o.getConfig().get("epsilon"));
        }
    }

    @Test
    void serializationRoundTripKeepsScheduleAndClipping() {
        Optimizer o = new Adam(new ExponentialDecay(0.1, 10, 0.9)).clipnorm(2.0);
        Optimizer back = Optimizers.deserialize(o.serialize());
        assertEquals(o.serialize(), back.serialize());
        assertEquals(0.1 * Math.pow(0.9, 0.5), back.learningRate(5), 1e-12);
        assertEquals(2.0, back.clipnorm());
        for (String name : Optimizers.names()) {
            Optimizer d = Optimizers.get(name);
            assertEquals(d.serialize(), Optimizers.deserialize(d.serialize()).serialize(), name);
        }
    }

    @Test
    void unknownNameListsValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamw2"));
        assertTrue(e.getMessage().contains("adadelta") && e.getMessage().contains("nadam"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD().clipnorm(1.0).clipvalue(1.0));
    }

    @Test
    void learningRatesOutsideTheFloatRangeAreRefused() {
        // 1e308 is a finite double but infinite as the FLOAT every update is computed in
        assertEquals(Float.POSITIVE_INFINITY, (float) 1e308);
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(1e308));
        assertEquals("Received an invalid value for `learning_rate`, expected a positive number no larger than "
                + Float.MAX_VALUE + " (the weights are 32-bit floats). Received: learning_rate=1.0E308", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(0.0));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(-1e-3));
        assertEquals(Float.MAX_VALUE, new SGD(Float.MAX_VALUE).learningRate());
    }
}
