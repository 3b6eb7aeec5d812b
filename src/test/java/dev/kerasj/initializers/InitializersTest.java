package dev.kerasj.initializers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sample statistics of each initializer against Keras's distribution, with Keras's fans for Dense
 * {@code (in, out)}, Conv2D {@code (kh, kw, in, out)} and recurrent {@code (units, 4·units)} kernels.
 */
class InitializersTest {
    /** Keras's truncated normal (cut at ±2σ) has variance 0.774597 σ²; VarianceScaling divides σ by its sqrt 0.8796. */
    static final double TRUNC_STD = 0.87962566103423978;

    enum Dist { UNIFORM, NORMAL, TRUNCATED }

    static Stream<Arguments> cases() {
        long[] dense = {300, 200};
        long[] conv = {3, 3, 32, 64};        // fan_in 288, fan_out 576
        long[] recurrent = {64, 256};        // LSTM recurrent kernel: fan_in 64, fan_out 256
        return Stream.of(
                Arguments.of("glorot_uniform", dense, Dist.UNIFORM, 0.0, Math.sqrt(6.0 / 500)),
                Arguments.of("glorot_uniform", conv, Dist.UNIFORM, 0.0, Math.sqrt(6.0 / (288 + 576))),
                Arguments.of("glorot_uniform", recurrent, Dist.UNIFORM, 0.0, Math.sqrt(6.0 / 320)),
                // VarianceScaling's truncated normals have variance scale / fan
                Arguments.of("glorot_normal", dense, Dist.TRUNCATED, 0.0, Math.sqrt(2.0 / 500)),
                Arguments.of("he_uniform", conv, Dist.UNIFORM, 0.0, Math.sqrt(6.0 / 288)),
                Arguments.of("he_normal", dense, Dist.TRUNCATED, 0.0, Math.sqrt(2.0 / 300)),
                Arguments.of("he_normal", conv, Dist.TRUNCATED, 0.0, Math.sqrt(2.0 / 288)),
                Arguments.of("lecun_uniform", dense, Dist.UNIFORM, 0.0, Math.sqrt(3.0 / 300)),
                Arguments.of("lecun_normal", recurrent, Dist.TRUNCATED, 0.0, Math.sqrt(1.0 / 64)),
                Arguments.of("random_normal", dense, Dist.NORMAL, 0.0, 0.05),
                Arguments.of("random_uniform", dense, Dist.UNIFORM, 0.0, 0.05),
                Arguments.of("truncated_normal", dense, Dist.TRUNCATED, 0.0, 0.05 * TRUNC_STD));
    }

    /**
     * For UNIFORM, {@code scale} is the limit; for NORMAL the standard deviation; for TRUNCATED the
     * standard deviation of the truncated samples (the underlying normal's σ is scale / 0.8796, cut at 2σ).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void statisticsMatchKeras(String name, long[] shape, Dist dist, double mean, double scale) {
        INDArray w = Initializers.get(name).call(shape);
        assertArrayEquals(shape, w.shape());
        assertEquals(DataType.FLOAT, w.dataType());
        double[] v = w.castTo(DataType.DOUBLE).data().asDouble();
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double var = 0;
        double maxAbs = 0;
        for (double x : v) {
            var += (x - m) * (x - m);
            maxAbs = Math.max(maxAbs, Math.abs(x - mean));
        }
        double std = Math.sqrt(var / v.length);
        double expectedStd = switch (dist) {
            case UNIFORM -> scale / Math.sqrt(3);
            case NORMAL -> scale;
            case TRUNCATED -> scale;
        };
        assertEquals(mean, m, 4 * expectedStd / Math.sqrt(v.length) + 1e-9, name + " mean");
        assertEquals(expectedStd, std, 0.02 * expectedStd, name + " std");
        switch (dist) {
            case UNIFORM -> {
                assertTrue(maxAbs <= scale + 1e-6, name + " within the limit");
                assertTrue(maxAbs > 0.98 * scale, name + " reaches the limit");
            }
            case TRUNCATED -> {
                assertTrue(maxAbs <= 2 * scale / TRUNC_STD + 1e-6, name + " cut at 2σ");
                assertTrue(maxAbs > 1.9 * scale / TRUNC_STD, name + " reaches close to 2σ");
            }
            case NORMAL -> assertTrue(maxAbs > 3 * scale, name + " untruncated tails");
        }
    }

    @Test
    void constantsAndIdentity() {
        assertEquals(0.0, Initializers.get("zeros").call(3, 4).sumNumber().doubleValue());
        assertEquals(12.0, Initializers.get("ones").call(3, 4).sumNumber().doubleValue());
        assertEquals(12 * 0.5, new Constant(0.5).call(3, 4).sumNumber().doubleValue(), 1e-6);
        INDArray id = new Identity(2.0).call(3, 4);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 2.0 : 0.0, id.getDouble(i, j));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Identity().call(3, 3, 3));
    }

    @Test
    void orthogonalHasOrthonormalRowsOrColumns() {
        for (long[] shape : new long[][] {{50, 20}, {20, 50}, {3, 3, 4, 8}}) {
            INDArray q = new Orthogonal(1.5, 11L).call(shape).castTo(DataType.DOUBLE).reshape(-1, shape[shape.length - 1]);
            INDArray gram = q.rows() >= q.columns() ? q.transpose().mmul(q) : q.mmul(q.transpose());
            for (int i = 0; i < gram.rows(); i++) {
                for (int j = 0; j < gram.columns(); j++) {
                    assertEquals(i == j ? 2.25 : 0.0, gram.getDouble(i, j), 1e-5, java.util.Arrays.toString(shape));
                }
            }
        }
    }

    @Test
    void seedsRepeatAndConfigsRoundTrip() {
        assertEquals(new HeNormal(5L).call(10, 10), new HeNormal(5L).call(10, 10));
        for (String n : Initializers.names()) {
            Initializer i = Initializers.get(n);
            assertEquals(i.serialize(), Initializers.deserialize(i.serialize()).serialize(), n);
        }
        Initializer r = new RandomUniform(-1, 2, 3L);
        assertEquals(r.serialize(), Initializers.deserialize(r.serialize()).serialize());
        var e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("he_normall"));
        assertTrue(e.getMessage().contains("orthogonal") && e.getMessage().contains("truncated_normal"), e.getMessage());
    }
}
