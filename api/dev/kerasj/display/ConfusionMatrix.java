package dev.kerasj.display;

import dev.kerasj.internal.Canvas;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs: row {@code i}, column {@code j} is how many samples of
 * class {@code i} were predicted as {@code j} (the layout of {@code tf.math.confusion_matrix}); rendered as
 * a heat map with the counts written in the cells.
 *
 * <p>Labels may be integer classes {@code (n,)} or one-hot {@code (n, k)}; predictions may be classes
 * {@code (n,)} or scores {@code (n, k)} (what {@code predict} returns), reduced by arg-max.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(mnist.yTest(), model.predict(xTest));
 * display(cm.toPng().image());
 * }</pre>
 */
public final class ConfusionMatrix {
    /** Side of one cell of the heat map, in pixels. */
    public static final int CELL = 40;
    /** Space left of and above the cells (labels, title), and below them (axis label), in pixels. */
    public static final int LEFT = 72;
    public static final int TOP = 40;
    public static final int BOTTOM = 48;
    public static final int RIGHT = 16;

    private final long[][] counts;
    private final List<String> labels;

    private ConfusionMatrix(long[][] counts, List<String> labels) {
        this.counts = counts;
        this.labels = List.copyOf(labels);
    }

    /** The matrix of {@code yTrue} against {@code yPred}, with as many classes as the data show. */
    public static ConfusionMatrix of(INDArray yTrue, INDArray yPred) {
        return of(yTrue, yPred, 0);
    }

    /** The matrix with at least {@code numClasses} classes (0: as many as the data show). */
    public static ConfusionMatrix of(INDArray yTrue, INDArray yPred, int numClasses) {
        int[] t = classes("yTrue", yTrue);
        int[] p = classes("yPred", yPred);
        if (t.length != p.length) {
            throw new IllegalArgumentException("Invalid `yPred`: expected one prediction per label (" + t.length
                    + "). Received: " + p.length + " predictions");
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("Invalid `numClasses`: expected a non-negative integer. Received: numClasses="
                    + numClasses);
        }
        int k = numClasses;
        k = Math.max(k, width(yTrue));
        k = Math.max(k, width(yPred));
        for (int i = 0; i < t.length; i++) {
            k = Math.max(k, Math.max(t[i], p[i]) + 1);
        }
        long[][] counts = new long[k][k];
        for (int i = 0; i < t.length; i++) {
            counts[t[i]][p[i]]++;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            labels.add(Integer.toString(i));
        }
        return new ConfusionMatrix(counts, labels);
    }

    /** A copy with these class names (one per class), e.g. Fashion-MNIST's "T-shirt/top", "Trouser"… */
    public ConfusionMatrix labels(List<String> names) {
        if (names == null || names.size() != counts.length) {
            throw new IllegalArgumentException("Invalid `labels`: expected " + counts.length + " names. Received: " + names);
        }
        return new ConfusionMatrix(counts, names);
    }

    public int numClasses() {
        return counts.length;
    }

    /** How many samples of class {@code trueClass} were predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** The counts, rows = true classes, columns = predicted classes (a copy). */
    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /** The fraction on the diagonal: the accuracy of the predictions. */
    public double accuracy() {
        long total = 0;
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                total += counts[i][j];
            }
            right += counts[i][i];
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    /**
     * The heat map: {@code LEFT + k·CELL + RIGHT} wide and {@code TOP + k·CELL + BOTTOM} high for k classes;
     * a cell's colour runs from white (0) to dark blue (the largest count).
     */
    public Png toPng() {
        int k = counts.length;
        int width = LEFT + k * CELL + RIGHT;
        int height = TOP + k * CELL + BOTTOM;
        BufferedImage image = Canvas.blank(width, height);
        Graphics2D g = Canvas.graphics(image);
        long max = 1;
        for (long[] row : counts) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double t = (double) counts[i][j] / max;
                // white -> matplotlib "Blues" darkest (8, 48, 107)
                Color c = new Color((int) Math.round(255 + t * (8 - 255)), (int) Math.round(255 + t * (48 - 255)),
                        (int) Math.round(255 + t * (107 - 255)));
                int x = LEFT + j * CELL;
                int y = TOP + i * CELL;
                g.setColor(c);
                g.fillRect(x, y, CELL, CELL);
                g.setColor(t > 0.5 ? Color.WHITE : Color.BLACK);
                Canvas.centered(g, Long.toString(counts[i][j]), x + CELL / 2.0, y + CELL / 2.0 + 4);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, k * CELL, k * CELL);
        g.setColor(Color.BLACK);
        for (int i = 0; i < k; i++) {
            Canvas.rightAligned(g, Canvas.fit(g, labels.get(i), LEFT - 24), LEFT - 4, TOP + i * CELL + CELL / 2.0);
            Canvas.centered(g, Canvas.fit(g, labels.get(i), CELL - 2), LEFT + i * CELL + CELL / 2.0, TOP + k * CELL + 16);
        }
        g.setFont(Canvas.TITLE_FONT);
        Canvas.centered(g, "Predicted", LEFT + k * CELL / 2.0, height - 10);
        Canvas.vertical(g, "True", 14, TOP + k * CELL / 2.0);
        Canvas.centered(g, "Confusion matrix", LEFT + k * CELL / 2.0, 24);
        g.dispose();
        return Png.of(image);
    }

    private static int width(INDArray a) {
        return a.rank() == 2 && a.size(1) > 1 ? (int) a.size(1) : 0;
    }

    /** Integer classes from (n,) / (n, 1) classes or (n, k) scores (arg-max). */
    private static int[] classes(String arg, INDArray a) {
        if (a == null) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected an array. Received: " + arg + "=null");
        }
        if (a.rank() == 2 && a.size(1) > 1) {
            return a.argMax(1).castTo(DataType.INT).toIntVector();
        }
        if (a.rank() == 1 || (a.rank() == 2 && a.size(1) == 1)) {
            double[] v = a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] != Math.rint(v[i])) {
                    throw new IllegalArgumentException("Invalid `" + arg + "`: expected non-negative integer classes. "
                            + "Received: " + arg + "[" + i + "]=" + v[i]);
                }
                out[i] = (int) v[i];
            }
            return out;
        }
        throw new IllegalArgumentException("Invalid `" + arg + "`: expected classes (n,) or scores (n, k). Received: shape="
                + java.util.Arrays.toString(a.shape()));
    }
}
