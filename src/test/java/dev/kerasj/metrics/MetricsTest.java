package dev.kerasj.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metric values on fixed inputs against hand computation, accumulated over several batches as Keras does. */
class MetricsTest {
    static INDArray a(double[][] v) {
        return Nd4j.createFromArray(v);
    }

    static INDArray a(double[] v) {
        return Nd4j.createFromArray(v);
    }

    static double run(Metric m, INDArray[]... batches) {
        m.resetState();
        for (INDArray[] b : batches) {
            m.updateState(b[0], b[1]);
        }
        return m.result();
    }

    static final INDArray P1 = a(new double[][] {{0.1, 0.6, 0.3}, {0.5, 0.2, 0.3}});
    static final INDArray P2 = a(new double[][] {{0.2, 0.3, 0.5}});

    @Test
    void accuraciesOverTheEpoch() {
        // batch 1: argmax 1 (label 1 ✓), 0 (label 2 ✗); batch 2: argmax 2 (label 2 ✓) → 2/3, not mean(0.5, 1)
        assertEquals(2.0 / 3, run(Metrics.get("sparse_categorical_accuracy"), new INDArray[] {a(new double[] {1, 2}), P1},
                new INDArray[] {a(new double[] {2}), P2}), 1e-9);
        INDArray oh1 = a(new double[][] {{0, 1, 0}, {0, 0, 1}});
        INDArray oh2 = a(new double[][] {{0, 0, 1}});
        assertEquals(2.0 / 3, run(Metrics.get("categorical_accuracy"), new INDArray[] {oh1, P1}, new INDArray[] {oh2, P2}), 1e-9);
        // binary: threshold 0.5 (strictly greater), averaged per sample over the last axis
        assertEquals((0.5 + 1.0) / 2, run(Metrics.get("binary_accuracy"),
                new INDArray[] {a(new double[][] {{1, 0}, {0, 1}}), a(new double[][] {{0.7, 0.6}, {0.2, 0.9}})}), 1e-9);
    }

    @Test
    void accuracyResolvesLikeKeras() {
        Metric acc = Metrics.get("acc");
        assertEquals("acc", acc.name());
        assertEquals(2.0 / 3, run(acc, new INDArray[] {a(new double[] {1, 2}), P1}, new INDArray[] {a(new double[] {2}), P2}), 1e-9);
        assertEquals(0.5, run(Metrics.get("accuracy"), new INDArray[] {a(new double[][] {{1}, {0}}), a(new double[][] {{0.8}, {0.6}})}),
                1e-9);
        assertEquals(0.5, run(Metrics.get("accuracy"), new INDArray[] {a(new double[][] {{0, 1, 0}, {0, 0, 1}}), P1}), 1e-9);
    }

    @Test
    void topK() {
        INDArray p = a(new double[][] {{0.1, 0.2, 0.3, 0.4}, {0.4, 0.3, 0.2, 0.1}, {0.25, 0.25, 0.25, 0.25}});
        INDArray labels = a(new double[] {0, 0, 3});
        // k=2: row0 class0 is 4th ✗; row1 class0 is 1st ✓; row2 all tied → in top k (TF in_top_k) ✓
        assertEquals(2.0 / 3, run(new SparseTopKCategoricalAccuracy(2), new INDArray[] {labels, p}), 1e-9);
        INDArray oneHot = a(new double[][] {{1, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}});
        assertEquals(2.0 / 3, run(new TopKCategoricalAccuracy(2), new INDArray[] {oneHot, p}), 1e-9);
        assertEquals(1.0, run(Metrics.get("top_k_categorical_accuracy"), new INDArray[] {oneHot, p}), 1e-9, "k=5 ≥ 4 classes");
        assertEquals(5, ((TopKCategoricalAccuracy) Metrics.get("sparse_top_k_categorical_accuracy")).k());
    }

    @Test
    void regressionMetricsOverTheEpoch() {
        INDArray y1 = a(new double[][] {{1.0}, {2.0}});
        INDArray p1 = a(new double[][] {{1.5}, {1.0}});
        INDArray y2 = a(new double[][] {{4.0}});
        INDArray p2 = a(new double[][] {{1.0}});
        INDArray[] b1 = {y1, p1};
        INDArray[] b2 = {y2, p2};
        // errors 0.5, −1, −3
        assertEquals((0.5 + 1 + 3) / 3, run(Metrics.get("mae"), b1, b2), 1e-9);
        assertEquals((0.25 + 1 + 9) / 3, run(Metrics.get("mse"), b1, b2), 1e-9);
        assertEquals(Math.sqrt((0.25 + 1 + 9) / 3), run(Metrics.get("rmse"), b1, b2), 1e-9, "root of the epoch mean");
        assertEquals(100 * (0.5 / 1 + 1.0 / 2 + 3.0 / 4) / 3, run(Metrics.get("mape"), b1, b2), 1e-6);
        double msle = (Math.pow(Math.log(2.5) - Math.log(2), 2) + Math.pow(Math.log(2) - Math.log(3), 2)
                + Math.pow(Math.log(2) - Math.log(5), 2)) / 3;
        assertEquals(msle, run(Metrics.get("msle"), b1, b2), 1e-9);
    }

    @Test
    void lossesAsMetricsAverageOverSamples() {
        INDArray[] b1 = {a(new double[][] {{1}, {0}}), a(new double[][] {{0.8}, {0.4}})};
        INDArray[] b2 = {a(new double[][] {{1}}), a(new double[][] {{0.5}})};
        double expected = (-Math.log(0.8) - Math.log(0.6) - Math.log(0.5)) / 3;
        assertEquals(expected, run(Metrics.get("binary_crossentropy"), b1, b2), 1e-6);
        assertEquals("LogCoshError", Metrics.get("logcosh").className());
    }

    @Test
    void precisionRecallOverTheEpoch() {
        INDArray[] b1 = {a(new double[][] {{1}, {0}, {1}}), a(new double[][] {{0.9}, {0.8}, {0.3}})};   // tp, fp, fn
        INDArray[] b2 = {a(new double[][] {{1}, {0}}), a(new double[][] {{0.6}, {0.5}})};               // tp, tn (0.5 not > 0.5)
        assertEquals(2.0 / 3, run(Metrics.get("precision"), b1, b2), 1e-9);
        assertEquals(2.0 / 3, run(Metrics.get("recall"), b1, b2), 1e-9);
        assertEquals(1.0, run(new Precision("p", 0.85), b1, b2), 1e-9);
        assertEquals(0.0, run(Metrics.get("precision"), new INDArray[] {a(new double[] {1}), a(new double[] {0.1})}), "no positives");
    }

    /** Keras's AUC, written independently: confusion counts by a direct loop over Keras's thresholds. */
    static double kerasAuc(double[] y, double[] p, int n) {
        double[] thr = new double[n];
        thr[0] = -1e-7;
        for (int i = 1; i < n - 1; i++) {
            thr[i] = (double) i / (n - 1);
        }
        thr[n - 1] = 1 + 1e-7;
        double[] tpr = new double[n];
        double[] fpr = new double[n];
        for (int t = 0; t < n; t++) {
            double tp = 0;
            double fp = 0;
            double pos = 0;
            double neg = 0;
            for (int i = 0; i < y.length; i++) {
                boolean predicted = p[i] > thr[t];
                if (y[i] > 0) {
                    pos++;
                    tp += predicted ? 1 : 0;
                } else {
                    neg++;
                    fp += predicted ? 1 : 0;
                }
            }
            tpr[t] = pos == 0 ? 0 : tp / pos;
            fpr[t] = neg == 0 ? 0 : fp / neg;
        }
        double auc = 0;
        for (int t = 0; t < n - 1; t++) {
            auc += (fpr[t] - fpr[t + 1]) * (tpr[t] + tpr[t + 1]) / 2;
        }
        return auc;
    }

    @Test
    void aucMatchesKerasThresholdsAndAccumulates() {
        double[] y = {1, 0, 1, 1, 0, 0, 1, 0, 1, 0};
        double[] p = {0.9, 0.1, 0.8, 0.35, 0.4, 0.7, 0.6, 0.2, 0.55, 0.5};
        double expected = kerasAuc(y, p, 200);
        // exact ROC AUC of these scores is 20 of 25 pairs = 0.8; Keras's 200-threshold estimate is close to it
        assertEquals(0.8, expected, 0.01);
        INDArray[] b1 = {a(java.util.Arrays.copyOfRange(y, 0, 4)), a(java.util.Arrays.copyOfRange(p, 0, 4))};
        INDArray[] b2 = {a(java.util.Arrays.copyOfRange(y, 4, 10)), a(java.util.Arrays.copyOfRange(p, 4, 10))};
        assertEquals(expected, run(Metrics.get("auc"), b1, b2), 1e-12);
        assertEquals(kerasAuc(y, p, 7), run(new AUC("auc", 7), b1, b2), 1e-12);
        assertEquals(1.0, run(Metrics.get("auc"), new INDArray[] {a(new double[] {0, 1}), a(new double[] {0.2, 0.8})}), 1e-9);
    }

    @Test
    void namesAsWrittenRoundTripAndTypos() {
        assertEquals("MAE", Metrics.get("MAE").name());
        for (String n : Metrics.names()) {
            Metric m = Metrics.get(n);
            assertEquals(n, m.name());
            Map<String, Object> s = m.serialize();
            assertEquals(s, Metrics.deserialize(s).serialize(), n);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("accuracyy"));
        assertTrue(e.getMessage().contains("sparse_top_k_categorical_accuracy") && e.getMessage().contains("auc"), e.getMessage());
    }
}
