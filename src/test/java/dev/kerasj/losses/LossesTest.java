package dev.kerasj.losses;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every loss: per-sample values on fixed inputs against Keras's formula written here in plain Java, and
 * {@code gradient} against central finite differences of {@code call} (float64).
 */
class LossesTest {
    static final double EPS = 1e-7;

    /** Keras's per-sample formula, on one row. */
    interface Ref {
        double of(double[] y, double[] p);
    }

    static final double[][] PROB = {{0.2, 0.3, 0.5}, {0.7, 0.2, 0.1}};
    static final double[][] ONE_HOT = {{0, 0, 1}, {0, 1, 0}};
    static final double[][] REAL_Y = {{1.0, -2.0, 0.5}, {3.0, 0.25, -1.0}};
    static final double[][] REAL_P = {{1.5, -0.5, 0.4}, {0.5, 0.3, -3.0}};
    static final double[][] POS_Y = {{1.0, 2.0, 0.5}, {3.0, 0.25, 1.0}};
    static final double[][] POS_P = {{1.5, 0.7, 0.4}, {0.5, 0.3, 2.0}};
    static final double[][] BIN_Y = {{0, 1, 1}, {1, 0, 0}};
    static final double[][] BIN_P = {{0.1, 0.8, 0.6}, {0.3, 0.4, 0.05}};
    static final double[][] LOGITS = {{-1.0, 2.0, 0.3}, {0.5, -0.2, 1.5}};

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    static double[] map(double[] y, double[] p, java.util.function.DoubleBinaryOperator f) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = f.applyAsDouble(y[i], p[i]);
        }
        return out;
    }

    static double clip(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    static double bceProb(double y, double p) {
        double q = clip(p, EPS, 1 - EPS);
        return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
    }

    static double bceLogit(double y, double x) {
        return -(y * Math.log(1 / (1 + Math.exp(-x))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-x))));
    }

    static double cce(double[] y, double[] p) {
        double s = 0;
        for (double v : p) {
            s += v;
        }
        double l = 0;
        for (int i = 0; i < p.length; i++) {
            l -= y[i] * Math.log(clip(p[i] / s, EPS, 1 - EPS));
        }
        return l;
    }

    static double cceLogits(double[] y, double[] x) {
        double z = 0;
        for (double v : x) {
            z += Math.exp(v);
        }
        double l = 0;
        for (int i = 0; i < x.length; i++) {
            l -= y[i] * Math.log(Math.exp(x[i]) / z);
        }
        return l;
    }

    static double[] smooth(double[] y, double s, double toward) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] * (1 - s) + toward * s;
        }
        return out;
    }

    static double huber(double y, double p, double d) {
        double e = Math.abs(p - y);
        return e <= d ? 0.5 * e * e : d * e - 0.5 * d * d;
    }

    static double hingeLabel(double y) {
        return 2 * y - 1;   // the inputs used are 0/1 labels
    }

    static double cosine(double[] y, double[] p) {
        double dot = 0;
        double ny = 0;
        double np = 0;
        for (int i = 0; i < y.length; i++) {
            dot += y[i] * p[i];
            ny += y[i] * y[i];
            np += p[i] * p[i];
        }
        return -dot / (Math.sqrt(ny) * Math.sqrt(np));
    }

    static double catHinge(double[] y, double[] p) {
        double pos = 0;
        double neg = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            pos += y[i] * p[i];
            neg = Math.max(neg, (1 - y[i]) * p[i]);
        }
        return Math.max(neg - pos + 1, 0);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("binary_crossentropy", Losses.get("binary_crossentropy"), BIN_Y, BIN_P,
                        (Ref) (y, p) -> mean(map(y, p, LossesTest::bceProb))),
                Arguments.of("BCE label_smoothing 0.2", new BinaryCrossentropy(false, 0.2), BIN_Y, BIN_P,
                        (Ref) (y, p) -> mean(map(smooth(y, 0.2, 0.5), p, LossesTest::bceProb))),
                Arguments.of("BCE from_logits", new BinaryCrossentropy(true), BIN_Y, LOGITS,
                        (Ref) (y, p) -> mean(map(y, p, LossesTest::bceLogit))),
                Arguments.of("BCE from_logits + smoothing", new BinaryCrossentropy(true, 0.1), BIN_Y, LOGITS,
                        (Ref) (y, p) -> mean(map(smooth(y, 0.1, 0.5), p, LossesTest::bceLogit))),
                Arguments.of("categorical_crossentropy", Losses.get("categorical_crossentropy"), ONE_HOT,
                        new double[][] {{0.4, 0.6, 1.0}, {0.7, 0.2, 0.1}}, (Ref) LossesTest::cce),
                Arguments.of("CCE label_smoothing 0.3", new CategoricalCrossentropy(false, 0.3), ONE_HOT, PROB,
                        (Ref) (y, p) -> cce(smooth(y, 0.3, 1.0 / 3), p)),
                Arguments.of("CCE from_logits", new CategoricalCrossentropy(true), ONE_HOT, LOGITS,
                        (Ref) LossesTest::cceLogits),
                Arguments.of("poisson", Losses.get("poisson"), POS_Y, POS_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> b - a * Math.log(b + EPS)))),
                Arguments.of("kl_divergence", Losses.get("kld"), PROB, new double[][] {{0.3, 0.3, 0.4}, {0.5, 0.25, 0.25}},
                        (Ref) (y, p) -> {
                            double s = 0;
                            for (int i = 0; i < y.length; i++) {
                                s += y[i] * Math.log(y[i] / p[i]);
                            }
                            return s;
                        }),
                Arguments.of("mean_squared_error", Losses.get("mse"), REAL_Y, REAL_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> (a - b) * (a - b)))),
                Arguments.of("mean_absolute_error", Losses.get("mae"), REAL_Y, REAL_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> Math.abs(a - b)))),
                Arguments.of("mean_absolute_percentage_error", Losses.get("mape"), REAL_Y, REAL_P,
                        (Ref) (y, p) -> 100 * mean(map(y, p, (a, b) -> Math.abs((a - b) / a)))),
                Arguments.of("mean_squared_logarithmic_error", Losses.get("msle"), POS_Y, POS_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> Math.pow(Math.log(b + 1) - Math.log(a + 1), 2)))),
                Arguments.of("cosine_similarity", Losses.get("cosine_similarity"), REAL_Y, REAL_P, (Ref) LossesTest::cosine),
                Arguments.of("huber", Losses.get("huber"), REAL_Y, REAL_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> huber(a, b, 1.0)))),
                Arguments.of("Huber(2.0)", new Huber(2.0), REAL_Y, REAL_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> huber(a, b, 2.0)))),
                Arguments.of("log_cosh", Losses.get("log_cosh"), REAL_Y, REAL_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> Math.log(Math.cosh(b - a))))),
                Arguments.of("hinge", Losses.get("hinge"), BIN_Y, REAL_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> Math.max(1 - hingeLabel(a) * b, 0)))),
                Arguments.of("squared_hinge", Losses.get("squared_hinge"), BIN_Y, REAL_P,
                        (Ref) (y, p) -> mean(map(y, p, (a, b) -> Math.pow(Math.max(1 - hingeLabel(a) * b, 0), 2)))),
                Arguments.of("categorical_hinge", Losses.get("categorical_hinge"), ONE_HOT, REAL_P,
                        (Ref) LossesTest::catHinge));
    }

    static INDArray arr(double[][] a) {
        return Nd4j.createFromArray(a).castTo(DataType.DOUBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesMatchKerasFormula(String label, Loss loss, double[][] y, double[][] p, Ref ref) {
        INDArray values = loss.call(arr(y), arr(p));
        assertEquals(y.length, values.length());
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double expected = ref.of(y[i], p[i]);
            assertEquals(expected, values.getDouble(i), 1e-6 * Math.max(1, Math.abs(expected)), label + " row " + i);
            total += expected;
        }
        assertEquals(total / y.length, loss.compute(arr(y), arr(p)), 1e-6, label + " batch mean");
    }

    /** The training loss layer hands the network's output itself to call and gradient: neither may change it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leavesItsInputsUnchanged(String label, Loss loss, double[][] y, double[][] p, Ref ref) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray yTrue = arr(y).castTo(type);
            INDArray yPred = arr(p).castTo(type);
            INDArray yTrueCopy = yTrue.dup();
            INDArray yPredCopy = yPred.dup();
            loss.call(yTrue, yPred);
            loss.gradient(yTrue, yPred);
            assertEquals(yPredCopy, yPred, label + " y_pred (" + type + ")");
            assertEquals(yTrueCopy, yTrue, label + " y_true (" + type + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(String label, Loss loss, double[][] y, double[][] p, Ref ref) {
        assertGradient(loss, arr(y), arr(p), label);
    }

    static void assertGradient(Loss loss, INDArray y, INDArray p, String label) {
        INDArray g = loss.gradient(y, p);
        assertEquals(p.length(), g.length(), label);
        double h = 1e-6;
        for (int i = 0; i < p.rows(); i++) {
            for (int j = 0; j < p.columns(); j++) {
                INDArray plus = p.dup();
                plus.putScalar(i, j, p.getDouble(i, j) + h);
                INDArray minus = p.dup();
                minus.putScalar(i, j, p.getDouble(i, j) - h);
                double numeric = (loss.call(y, plus).getDouble(i) - loss.call(y, minus).getDouble(i)) / (2 * h);
                assertEquals(numeric, g.getDouble(i, j), 1e-5 * Math.max(1, Math.abs(numeric)), label + " at " + i + "," + j);
            }
        }
    }

    /** Sequence outputs (batch, time, classes): the formulas reduce over the last axis only. */
    @Test
    void rankThreeGradients() {
        INDArray y = Nd4j.createFromArray(new double[][][] {{{0, 0, 1}, {1, 0, 0}}, {{0, 1, 0}, {0, 0, 1}}});
        INDArray p = Nd4j.createFromArray(new double[][][] {{{0.2, 0.3, 0.5}, {0.6, 0.3, 0.1}}, {{0.1, 0.7, 0.2}, {0.3, 0.3, 0.4}}});
        for (Loss loss : new Loss[] {new CategoricalCrossentropy(), new CategoricalCrossentropy(true, 0.1), new CategoricalHinge(),
                new CosineSimilarity(), new MeanSquaredError(), new BinaryCrossentropy(), new KLDivergence()}) {
            INDArray values = loss.call(y, p);
            assertEquals(2, values.rank(), loss.name());
            INDArray g = loss.gradient(y, p);
            double h = 1e-6;
            for (int i = 0; i < p.length(); i++) {
                INDArray plus = p.dup();
                plus.putScalar(i, p.getDouble(i) + h);
                INDArray minus = p.dup();
                minus.putScalar(i, p.getDouble(i) - h);
                double numeric = (loss.call(y, plus).sumNumber().doubleValue() - loss.call(y, minus).sumNumber().doubleValue())
                        / (2 * h);
                assertEquals(numeric, g.getDouble(i), 1e-5 * Math.max(1, Math.abs(numeric)), loss.name() + " at " + i);
            }
        }
    }

    @Test
    void sparseEqualsCategoricalOnOneHot() {
        INDArray labels = Nd4j.createFromArray(2, 1);
        assertEquals(new CategoricalCrossentropy().compute(arr(ONE_HOT), arr(PROB)),
                new SparseCategoricalCrossentropy().compute(labels, arr(PROB)), 1e-9);
        assertEquals(new CategoricalCrossentropy(true).compute(arr(ONE_HOT), arr(LOGITS)),
                new SparseCategoricalCrossentropy(true).compute(labels, arr(LOGITS)), 1e-9);
        assertGradient(new SparseCategoricalCrossentropy(true), labels, arr(LOGITS), "scce from_logits");
    }

    @Test
    void probabilitiesAreClippedAtKerasEpsilon() {
        // p = 0 for the true class: −log(1e-7), as Keras; not infinity
        double v = new BinaryCrossentropy().compute(arr(new double[][] {{1}}), arr(new double[][] {{0}}));
        assertEquals(-Math.log(1e-7), v, 1e-6);
        double c = new CategoricalCrossentropy().compute(arr(new double[][] {{1, 0}}), arr(new double[][] {{0, 1}}));
        assertEquals(-Math.log(1e-7), c, 1e-6);
    }

    @Test
    void hingeKeepsMinusOneOneLabels() {
        double v = new Hinge().compute(arr(new double[][] {{-1, 1}}), arr(new double[][] {{0.5, 0.5}}));
        assertEquals((1.5 + 0.5) / 2, v, 1e-9);
    }

    @Test
    void configsRoundTripAndTypos() {
        for (Loss l : new Loss[] {new Huber(2.5), new BinaryCrossentropy(true, 0.1), new CategoricalCrossentropy(true, 0.2),
                new SparseCategoricalCrossentropy(true), new CosineSimilarity(), new CategoricalHinge()}) {
            assertEquals(l.serialize(), Losses.deserialize(l.serialize()).serialize());
        }
        for (String n : Losses.names()) {
            Loss l = Losses.get(n);
            assertEquals(l.serialize(), Losses.deserialize(l.serialize()).serialize(), n);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.get("hubber"));
        assertTrue(e.getMessage().contains("huber") && e.getMessage().contains("log_cosh"), e.getMessage());
    }
    /**
     * On float arrays, MSE and MAE run as one Java loop (ElementwiseLoss's float term): the values are Keras's formula
     * ({@code mean((p − y)²)}, {@code mean(|p − y|)} over the last axis), the gradients {@code 2(p − y)/k} and
     * {@code sign(p − y)/k}, bit for bit what the ND4J ops give (the same float operations), for rank 2, rank 3 and
     * {@code (batch,)} labels against {@code (batch, 1)} predictions, and the inputs are left as they were.
     */
    @Test
    void floatLoopOfMseAndMaeIsKerasFormula() {
        float[][] y = {{1f, -2f, 0.5f}, {3f, 0.25f, -1f}};
        float[][] p = {{1.5f, -0.5f, 0.4f}, {0.5f, 0.3f, -3f}};
        INDArray yf = Nd4j.createFromArray(y);
        INDArray pf = Nd4j.createFromArray(p);
        INDArray pBefore = pf.dup();
        for (Loss loss : new Loss[] {new MeanSquaredError(), new MeanAbsoluteError()}) {
            boolean mse = loss instanceof MeanSquaredError;
            INDArray values = loss.call(yf, pf);
            INDArray g = loss.gradient(yf, pf);
            assertEquals(DataType.FLOAT, values.dataType());
            org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {2}, values.shape());
            org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {2, 3}, g.shape());
            for (int r = 0; r < 2; r++) {
                float sum = 0f;
                for (int j = 0; j < 3; j++) {
                    float d = p[r][j] - y[r][j];
                    sum += mse ? d * d : Math.abs(d);
                    assertEquals((mse ? d * 2f : Math.signum(d)) / 3f, g.getFloat(r, j), 0f, loss.name() + " gradient");
                }
                assertEquals(sum / 3f, values.getFloat(r), 0f, loss.name() + " row " + r);
            }
            // the ND4J ops on the same float arrays (through the op path's own methods) give the same bits
            ElementwiseLoss e = (ElementwiseLoss) loss;
            assertEquals(e.elementwise(yf, pf).mean(1), values, loss.name());
            assertEquals(e.elementwiseGradient(yf, pf).divi(3), g, loss.name());
            INDArray y3 = yf.reshape(1, 2, 3);
            INDArray p3 = pf.reshape(1, 2, 3);
            assertEquals(values.reshape(1, 2), loss.call(y3, p3), loss.name() + " rank 3");
            assertEquals(g.reshape(1, 2, 3), loss.gradient(y3, p3), loss.name() + " rank 3");
            INDArray column = Nd4j.createFromArray(new float[][] {{2f}, {-1f}});
            INDArray labels = Nd4j.createFromArray(1f, 1f);   // (batch,) against (batch, 1), as Keras squeezes
            assertEquals(Nd4j.createFromArray(mse ? 1f : 1f, mse ? 4f : 2f), loss.call(labels, column), loss.name());
            assertEquals(Nd4j.createFromArray(new float[][] {{mse ? 2f : 1f}, {mse ? -4f : -1f}}),
                    loss.gradient(labels, column), loss.name());
        }
        assertEquals(pBefore, pf);
    }
}
