package dev.kerasj.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerNormalizationTest {
    @Test
    void shapesAndCountsMatchKeras() {
        check(new LayerNormalization(), s(10), Expect.of(s(10), 20));
        check(new LayerNormalization(), s(5, 8), Expect.of(s(5, 8), 16));
        check(new LayerNormalization(), s(3, 3, 4), Expect.of(s(3, 3, 4), 8));
        check(new LayerNormalization().center(false), s(6), Expect.of(s(6), 6));
    }

    @Test
    void forwardMatchesKerasFormula() {
        LayerNormalization ln = new LayerNormalization();
        Sequential m = new Sequential(new Input(4, 3), ln);
        INDArray gamma = Nd4j.createFromArray(2f, 0.5f, 1f);
        INDArray beta = Nd4j.createFromArray(0.1f, 0f, -1f);
        ln.setWeights(gamma, beta);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 4, 3);
        INDArray got = m.predict(x);
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < 4; t++) {
                double mean = 0;
                for (int c = 0; c < 3; c++) {
                    mean += x.getDouble(n, t, c) / 3;
                }
                double var = 0;
                for (int c = 0; c < 3; c++) {
                    var += Math.pow(x.getDouble(n, t, c) - mean, 2) / 3;
                }
                for (int c = 0; c < 3; c++) {
                    double expected = gamma.getDouble(c) * (x.getDouble(n, t, c) - mean) / Math.sqrt(var + 1e-3)
                            + beta.getDouble(c);
                    assertEquals(expected, got.getDouble(n, t, c), 1e-4);
                }
            }
        }
    }

    @Test
    void sgdStepFollowsTheGradient() {
        // one SGD step moves gamma by lr · dL/dgamma; compare with central differences of evaluate()'s loss
        LayerNormalization ln = new LayerNormalization();
        Sequential m = new Sequential(new Input(4), new Dense(4), ln);
        m.compile(new dev.kerasj.optimizers.SGD(0.1), new dev.kerasj.losses.MeanSquaredError());
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 4);
        INDArray y = Nd4j.randn(DataType.FLOAT, 6, 4);
        INDArray g0 = ln.getWeights().get(0).dup();
        INDArray b0 = ln.getWeights().get(1).dup();
        double eps = 1e-2;
        double[] numeric = new double[4];
        for (int i = 0; i < 4; i++) {
            INDArray g = g0.dup();
            g.putScalar(i, g0.getDouble(i) + eps);
            ln.setWeights(g, b0);
            double lp = m.evaluate(x, y).get("loss");
            g.putScalar(i, g0.getDouble(i) - eps);
            ln.setWeights(g, b0);
            double lm = m.evaluate(x, y).get("loss");
            numeric[i] = (lp - lm) / (2 * eps);
        }
        ln.setWeights(g0, b0);
        m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(6).shuffle(false).verbose(0));
        INDArray step = g0.sub(ln.getWeights().get(0)).divi(0.1);
        for (int i = 0; i < 4; i++) {
            assertEquals(numeric[i], step.getDouble(i), 2e-3 + 0.02 * Math.abs(numeric[i]), "dL/dgamma[" + i + "]");
        }
    }

    /**
     * Keras: with center=false there is no beta and with scale=false no gamma, so the output is x̂ exactly, whose
     * mean over the features is 0, however long it trains against labels of mean 3.
     */
    @Test
    void disabledGammaAndBetaStayFixedInTraining() {
        Sequential m = new Sequential(new Input(4), new LayerNormalization().center(false).scale(false));
        m.compile("sgd", "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 4);
        m.fit(x, Nd4j.ones(DataType.FLOAT, 64, 4).muli(3), FitOptions.defaults().epochs(5).batchSize(8).verbose(0));
        INDArray out = m.predict(x);
        assertEquals(0.0, out.mean(1).amaxNumber().doubleValue(), 1e-5, "per-sample feature mean of x̂");
        // x̂ = (x − mean)/√(var + ε), so var(x̂) = var/(var + ε) with Keras's ε = 1e-3 (gamma 1 untouched)
        INDArray v = x.var(false, 1);
        INDArray expected = v.div(v.add(1e-3));
        assertTrue(out.var(false, 1).sub(expected).amaxNumber().doubleValue() < 1e-4, "var(x̂) = var/(var+ε)");
    }
}
