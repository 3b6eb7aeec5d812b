package dev.kerasj.activations;

import dev.kerasj.internal.dl4j.layers.Dl4jActivations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Keras activation name, through the activation the network really uses
 * ({@code Dl4jActivations.of}): values against Keras 3's formula written here, and backprop against
 * central differences of that formula — so a DL4J class that computes another function fails here.
 */
class ActivationsTest {
    static final double[] X = {-7.0, -4.0, -2.5, -1.0, -0.3, 0.2, 0.9, 2.0, 3.5, 5.0, 7.0};
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    /** erf, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        return Math.signum(x) * y;
    }

    static Stream<Arguments> elementwise() {
        return Stream.of(
                Arguments.of("relu", (DoubleUnaryOperator) x -> Math.max(x, 0)),
                Arguments.of("sigmoid", (DoubleUnaryOperator) ActivationsTest::sigmoid),
                Arguments.of("softplus", (DoubleUnaryOperator) ActivationsTest::softplus),
                Arguments.of("softsign", (DoubleUnaryOperator) x -> x / (1 + Math.abs(x))),
                Arguments.of("tanh", (DoubleUnaryOperator) Math::tanh),
                Arguments.of("selu", (DoubleUnaryOperator) x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1))),
                Arguments.of("elu", (DoubleUnaryOperator) x -> x > 0 ? x : Math.exp(x) - 1),
                Arguments.of("exponential", (DoubleUnaryOperator) Math::exp),
                Arguments.of("linear", (DoubleUnaryOperator) x -> x),
                Arguments.of("leaky_relu", (DoubleUnaryOperator) x -> x > 0 ? x : 0.2 * x),
                Arguments.of("relu6", (DoubleUnaryOperator) x -> Math.min(Math.max(x, 0), 6)),
                Arguments.of("gelu", (DoubleUnaryOperator) x -> 0.5 * x * (1 + erf(x / Math.sqrt(2)))),
                Arguments.of("silu", (DoubleUnaryOperator) x -> x * sigmoid(x)),
                Arguments.of("swish", (DoubleUnaryOperator) x -> x * sigmoid(x)),
                Arguments.of("hard_sigmoid", (DoubleUnaryOperator) x -> Math.min(Math.max(x + 3, 0), 6) / 6),
                Arguments.of("mish", (DoubleUnaryOperator) x -> x * Math.tanh(softplus(x))));
    }

    static INDArray row(double[] v) {
        return Nd4j.createFromArray(new double[][] {v}).castTo(DataType.DOUBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void valuesAndDerivativesMatchKeras(String name, DoubleUnaryOperator f) {
        IActivation a = Dl4jActivations.of(name);
        INDArray out = a.getActivation(row(X), false);
        INDArray d = a.backprop(row(X), row(ones(X.length))).getFirst();
        double h = 1e-5;
        for (int i = 0; i < X.length; i++) {
            double x = X[i];
            assertEquals(f.applyAsDouble(x), out.getDouble(0, i), 1e-6 * Math.max(1, Math.abs(f.applyAsDouble(x))),
                    name + "(" + x + ")");
            double numeric = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
            assertEquals(numeric, d.getDouble(0, i), 1e-4 * Math.max(1, Math.abs(numeric)), name + "'(" + x + ")");
        }
    }

    static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }

    static double[] softmax(double[] x) {
        double max = java.util.Arrays.stream(x).max().orElse(0);
        double z = 0;
        for (double v : x) {
            z += Math.exp(v - max);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i] - max) / z;
        }
        return out;
    }

    @Test
    void softmaxAndLogSoftmaxOverLastAxis() {
        double[] x = {0.5, -1.0, 2.0, 0.1};
        double[] eps = {0.3, -0.7, 1.1, 0.25};
        for (String name : new String[] {"softmax", "log_softmax"}) {
            boolean log = name.equals("log_softmax");
            java.util.function.Function<double[], double[]> f = v -> {
                double[] s = softmax(v);
                if (log) {
                    for (int i = 0; i < s.length; i++) {
                        s[i] = Math.log(s[i]);
                    }
                }
                return s;
            };
            IActivation a = Dl4jActivations.of(name);
            INDArray out = a.getActivation(row(x), false);
            double[] expected = f.apply(x);
            INDArray grad = a.backprop(row(x), row(eps)).getFirst();
            double h = 1e-6;
            for (int j = 0; j < x.length; j++) {
                assertEquals(expected[j], out.getDouble(0, j), 1e-9, name);
                // (J^T eps)_j = Σ_i eps_i ∂f_i/∂x_j
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[j] += h;
                xm[j] -= h;
                double[] fp = f.apply(xp);
                double[] fm = f.apply(xm);
                double numeric = 0;
                for (int i = 0; i < x.length; i++) {
                    numeric += eps[i] * (fp[i] - fm[i]) / (2 * h);
                }
                assertEquals(numeric, grad.getDouble(0, j), 1e-6, name + " backprop " + j);
            }
        }
    }

    /** Why kerasj replaces two DL4J classes: they compute other functions than Keras 3's. */
    @Test
    void dl4jHardSigmoidAndGeluDifferFromKeras() {
        double hs = new org.nd4j.linalg.activations.impl.ActivationHardSigmoid().getActivation(row(new double[] {1.0}), false)
                .getDouble(0);
        assertEquals(0.7, hs, 1e-6, "DL4J: 0.2x + 0.5");
        assertEquals(4.0 / 6.0, Dl4jActivations.of("hard_sigmoid").getActivation(row(new double[] {1.0}), false).getDouble(0), 1e-9);
        double exact = 0.5 * (1 + erf(1 / Math.sqrt(2)));
        for (boolean precise : new boolean[] {false, true}) {
            double g = new org.nd4j.linalg.activations.impl.ActivationGELU(precise).getActivation(row(new double[] {1.0}), false)
                    .getDouble(0);
            assertTrue(Math.abs(g - exact) > 1e-5, "DL4J GELU(precise=" + precise + ") = " + g + " vs exact " + exact);
        }
    }

    /** Keras 1/2's hard_sigmoid, clip(0.2x + 0.5, 0, 1), for models loaded from Keras 2 files: values and slopes. */
    @Test
    void keras2HardSigmoid() {
        double[] xs = {-4, -2.6, -1, 0, 0.7, 2.4, 3};
        INDArray in = row(xs);
        INDArray out = Dl4jActivations.of("keras2_hard_sigmoid").getActivation(in.dup(), false);
        INDArray grad = Dl4jActivations.of("keras2_hard_sigmoid").backprop(in.dup(), Nd4j.onesLike(in)).getFirst();
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            assertEquals(Math.min(Math.max(0.2 * x + 0.5, 0), 1), out.getDouble(0, i), 1e-6, "value at " + x);
            assertEquals(Math.abs(x) < 2.5 ? 0.2 : 0.0, grad.getDouble(0, i), 1e-6, "slope at " + x);
        }
    }

    @Test
    void aliasesAndTypos() {
        assertEquals("silu", Activations.canonical("Swish"));
        assertEquals("linear", Activations.canonical(null));
        assertEquals(19, Activations.names().size() - 1, "17 Keras names + keras2_hard_sigmoid + identity + swish aliases");
        var e = assertThrows(IllegalArgumentException.class, () -> Activations.canonical("relu7"));
        assertTrue(e.getMessage().contains("relu6") && e.getMessage().contains("hard_sigmoid"), e.getMessage());
    }
}
