package dev.kerasj.internal.dl4j.layers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LSTM kernel's float tanh and sigmoid against the definitions evaluated in double ({@code Math.tanh},
 * {@code 1/(1+e^{−x})}) on a dense grid: the error bounds tools/lstm/fit_tanh.py reports for the fitted rational
 * function, the range [−1, 1] and [0, 1], odd symmetry, and the limits.
 */
class LstmActivationsTest {
    @Test
    void tanhWithinFourTenthsOfAMillionthRelative() {
        double worst = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f;   // [-20, 20]
            double want = Math.tanh(x);
            float got = LstmKernel.tanh(x);
            assertTrue(Math.abs(got) <= 1f, "tanh(" + x + ") = " + got);
            assertEquals(-got, LstmKernel.tanh(-x), 0.0, "odd at " + x);
            if (want != 0) {
                worst = Math.max(worst, Math.abs(got - want) / Math.abs(want));
            }
        }
        assertTrue(worst <= 4e-7, "max relative error " + worst);
        for (float tiny : new float[] {1e-30f, 1e-20f, 1e-10f, 1e-5f}) {   // tanh x ≈ x near 0
            assertEquals(tiny, LstmKernel.tanh(tiny), tiny * 1e-6);
        }
        assertEquals(1f, LstmKernel.tanh(9.5f));
        assertEquals(-1f, LstmKernel.tanh(-1e30f));
        assertEquals(1f, LstmKernel.tanh(Float.POSITIVE_INFINITY));
        assertEquals(0f, LstmKernel.tanh(0f));
    }

    @Test
    void sigmoidWithinTwoTenthsOfAMillionthAbsolute() {
        double worst = 0;
        for (int i = -3_000_000; i <= 3_000_000; i++) {
            float x = i * 1e-5f;   // [-30, 30]
            double want = 1 / (1 + Math.exp(-(double) x));
            float got = LstmKernel.sigmoid(x);
            assertTrue(got >= 0f && got <= 1f, "sigmoid(" + x + ") = " + got);
            worst = Math.max(worst, Math.abs(got - want));
        }
        assertTrue(worst <= 2.5e-7, "max absolute error " + worst);
        assertEquals(0.5f, LstmKernel.sigmoid(0f));
        assertEquals(1f, LstmKernel.sigmoid(40f));
        assertEquals(0f, LstmKernel.sigmoid(-40f));
    }
}
