package dev.kerasj.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * True/false positive/negative counts at fixed thresholds, accumulated over every element seen (Keras's
 * {@code update_confusion_matrix_variables}): an element is predicted positive when
 * {@code y_pred > threshold}, and is a positive when {@code y_true > 0}.
 */
final class ConfusionCounts {
    private final double[] thresholds;
    final double[] tp;
    final double[] fp;
    final double[] tn;
    final double[] fn;

    /** {@code thresholds} must be sorted ascending. */
    ConfusionCounts(double[] thresholds) {
        this.thresholds = thresholds.clone();
        int n = thresholds.length;
        tp = new double[n];
        fp = new double[n];
        tn = new double[n];
        fn = new double[n];
    }

    void update(INDArray yTrue, INDArray yPred) {
        double[] p = yPred.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = yTrue.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (p.length != y.length) {
            throw new IllegalArgumentException("Invalid labels for a confusion-matrix metric: expected " + p.length
                    + " values, the size of the predictions. Received: " + y.length + " values.");
        }
        int n = thresholds.length;
        // above[i]: how many predictions exceed thresholds[i]; built from a histogram of "thresholds below p"
        long[] posBelow = new long[n + 1];
        long[] negBelow = new long[n + 1];
        long positives = 0;
        long negatives = 0;
        for (int i = 0; i < p.length; i++) {
            int below = countBelow(p[i]);   // p > thresholds[0..below-1]
            if (y[i] > 0) {
                posBelow[below]++;
                positives++;
            } else {
                negBelow[below]++;
                negatives++;
            }
        }
        long posAbove = 0;
        long negAbove = 0;
        for (int t = n - 1; t >= 0; t--) {
            posAbove += posBelow[t + 1];
            negAbove += negBelow[t + 1];
            tp[t] += posAbove;
            fp[t] += negAbove;
            fn[t] += positives - posAbove;
            tn[t] += negatives - negAbove;
        }
    }

    /** The number of thresholds strictly below {@code v}. */
    private int countBelow(double v) {
        int i = Arrays.binarySearch(thresholds, v);
        if (i >= 0) {
            while (i > 0 && thresholds[i - 1] == v) {
                i--;
            }
            return i;
        }
        return -i - 1;
    }

    void reset() {
        Arrays.fill(tp, 0);
        Arrays.fill(fp, 0);
        Arrays.fill(tn, 0);
        Arrays.fill(fn, 0);
    }

    static double divideNoNan(double a, double b) {
        return b == 0 ? 0.0 : a / b;
    }
}
