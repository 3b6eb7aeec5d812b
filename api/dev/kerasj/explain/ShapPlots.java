package dev.kerasj.explain;

import dev.kerasj.display.Png;
import dev.kerasj.internal.Canvas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The plots of the {@code shap} package for SHAP values, as PNG pictures: the summary ("beeswarm") plot and
 * the bar plot of a set of explained rows, and the waterfall plot of one row.
 *
 * <ul>
 *   <li>{@link #summary}: as {@code shap.summary_plot(shap_values, X)} — features sorted by mean |SHAP|, the
 *       largest on top, at most {@code maxDisplay} (default {@value #SUMMARY_MAX_DISPLAY}, shap's; the others are
 *       left out); one dot per row at its SHAP value on a shared x axis, a grey line at 0; dots that pile up
 *       spread vertically (shap's binning into 100 bins of the feature's SHAP range, alternating up and down);
 *       coloured by the feature's value from blue (low) to red (high), each feature normalised between its 5th
 *       and 95th percentile and clipped, as shap does (1st/99th, then min/max, when those are equal; a constant
 *       feature is drawn in the middle colour); a "Feature value" colour bar from Low to High.</li>
 *   <li>{@link #bar}: as {@code shap.plots.bar} — one bar of mean |SHAP| per feature, sorted, the value written
 *       at the bar's end; beyond {@code maxDisplay − 1} features the rest are summed into a last bar
 *       "Sum of N other features".</li>
 *   <li>{@link #waterfall}: as {@code shap.plots.waterfall} — starting at {@code E[f(X)]} at the bottom, one
 *       arrow per feature from the cumulative sum so far, red when φ &gt; 0 (pointing right), blue when φ &lt; 0,
 *       the largest |φ| on top, ending at {@code f(x) = E[f(X)] + Σφ} at the top; with more than
 *       {@code maxDisplay} (default {@value #WATERFALL_MAX_DISPLAY}) features the smallest are summed into
 *       "N other features" at the bottom. Labels read "feature = value".</li>
 * </ul>
 *
 * <p>Colours are shap's: blue {@code #008bfb}, red {@code #ff0052} (the colour scale runs between them in RGB).
 * Geometry: every plot is {@value #WIDTH} pixels wide; row {@code r} (0 = top) is the band
 * {@code TOP + r·ROW_HEIGHT ≤ y < TOP + (r+1)·ROW_HEIGHT}; the picture is
 * {@code TOP + rows·ROW_HEIGHT + BOTTOM} high. Feature names default to {@code "Feature 0"}, {@code "Feature 1"}…
 *
 * <pre>{@code
 * KernelExplainer explainer = new KernelExplainer(model, background);
 * INDArray phi = explainer.shapValues(x);                                       // (n, M)
 * display(ShapPlots.summary(phi, x, names).image());
 * display(ShapPlots.bar(phi, names).image());
 * display(ShapPlots.waterfall(explainer.expectedValue(), phi.getRow(0), x.getRow(0), names).image());
 * }</pre>
 */
public final class ShapPlots {
    /** Width of every plot, in pixels. */
    public static final int WIDTH = 800;
    /** Height of one feature's row, in pixels. */
    public static final int ROW_HEIGHT = 32;
    /** Space above the first row (the waterfall writes f(x) there), in pixels. */
    public static final int TOP = 40;
    /** Space below the last row (the x axis, its ticks and label), in pixels. */
    public static final int BOTTOM = 64;
    /** Features a summary plot shows by default (shap's {@code max_display}). */
    public static final int SUMMARY_MAX_DISPLAY = 20;
    /** Rows a bar plot shows by default. */
    public static final int BAR_MAX_DISPLAY = 20;
    /** Rows a waterfall plot shows by default (shap's {@code max_display}). */
    public static final int WATERFALL_MAX_DISPLAY = 10;
    /** shap's blue: negative contributions, low feature values. */
    public static final Color BLUE = new Color(0x008bfb);
    /** shap's red: positive contributions, high feature values. */
    public static final Color RED = new Color(0xff0052);

    private static final Color AXIS_GREY = new Color(0x999999);
    private static final Color ROW_LINE = new Color(0xcccccc);
    private static final Color LABEL_GREY = new Color(0x333333);
    private static final int MAX_LABEL_WIDTH = 300;
    private static final int COLOR_BAR_SPACE = 96;
    private static final int RIGHT_SPACE = 24;
    private static final double DOT_RADIUS = 3.0;

    private ShapPlots() {
    }

    /** The summary plot with feature names {@code "Feature 0"}, {@code "Feature 1"}… */
    public static Png summary(INDArray shapValues, INDArray x) {
        return summary(shapValues, x, null, SUMMARY_MAX_DISPLAY);
    }

    /** The summary (beeswarm) plot of SHAP values {@code (n, M)} for the rows {@code x} {@code (n, M)}. */
    public static Png summary(INDArray shapValues, INDArray x, List<String> featureNames) {
        return summary(shapValues, x, featureNames, SUMMARY_MAX_DISPLAY);
    }

    /** The summary plot of at most {@code maxDisplay} features; {@code featureNames} null for the defaults. */
    public static Png summary(INDArray shapValues, INDArray x, List<String> featureNames, int maxDisplay) {
        double[][] phi = matrix("shapValues", shapValues);
        double[][] values = matrix("x", x);
        if (values.length != phi.length || values[0].length != phi[0].length) {
            throw new IllegalArgumentException("Invalid `x`: expected the rows that were explained, shape ("
                    + phi.length + ", " + phi[0].length + ") like `shapValues`. Received: shape " + Arrays.toString(x.shape()));
        }
        List<String> names = names(featureNames, phi[0].length);
        requireMaxDisplay(maxDisplay);
        int n = phi.length;
        int[] order = byMeanAbs(phi);
        int rows = Math.min(maxDisplay, order.length);

        double lo = 0;
        double hi = 0;
        for (int r = 0; r < rows; r++) {
            for (double[] p : phi) {
                lo = Math.min(lo, p[order[r]]);
                hi = Math.max(hi, p[order[r]]);
            }
        }
        Frame fr = new Frame(names, order, rows, COLOR_BAR_SPACE, lo, hi, 0.05);
        Graphics2D g = fr.g;
        fr.rowLines();
        fr.verticalLine(0, AXIS_GREY, null);
        for (int r = 0; r < rows; r++) {
            int j = order[r];
            double[] shaps = new double[n];
            double[] feature = new double[n];
            for (int i = 0; i < n; i++) {
                shaps[i] = phi[i][j];
                feature[i] = values[i][j];
            }
            double[] ys = jitter(shaps);
            double[] colour = colourPositions(feature);
            double cy = fr.rowCentre(r);
            for (int i = 0; i < n; i++) {
                g.setColor(scale(colour[i]));
                double px = fr.x(shaps[i]);
                double py = cy + ys[i] * ROW_HEIGHT;
                g.fill(new Ellipse2D.Double(px - DOT_RADIUS, py - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS));
            }
        }
        fr.xAxis("SHAP value (impact on model output)");
        // the colour bar: blue (Low) at the bottom to red (High) at the top
        int barX = WIDTH - COLOR_BAR_SPACE + 20;
        int barTop = TOP + 4;
        int barBottom = TOP + rows * ROW_HEIGHT - 4;
        for (int y = barTop; y <= barBottom; y++) {
            g.setColor(scale((barBottom - y) / (double) Math.max(1, barBottom - barTop)));
            g.fillRect(barX, y, 10, 1);
        }
        g.setColor(LABEL_GREY);
        FontMetrics fm = g.getFontMetrics();
        g.drawString("High", barX + 14, barTop + fm.getAscent() - 2);
        g.drawString("Low", barX + 14, barBottom);
        Canvas.vertical(g, "Feature value", barX + 60, (barTop + barBottom) / 2.0);
        return fr.finish();
    }

    /** The bar plot with feature names {@code "Feature 0"}, {@code "Feature 1"}… */
    public static Png bar(INDArray shapValues) {
        return bar(shapValues, null, BAR_MAX_DISPLAY);
    }

    /** The bar plot of mean |SHAP| per feature of SHAP values {@code (n, M)} (or one row {@code (M,)}). */
    public static Png bar(INDArray shapValues, List<String> featureNames) {
        return bar(shapValues, featureNames, BAR_MAX_DISPLAY);
    }

    /** The bar plot with at most {@code maxDisplay} bars; {@code featureNames} null for the defaults. */
    public static Png bar(INDArray shapValues, List<String> featureNames, int maxDisplay) {
        double[][] phi = matrix("shapValues", shapValues);
        List<String> names = names(featureNames, phi[0].length);
        requireMaxDisplay(maxDisplay);
        int m = phi[0].length;
        double[] meanAbs = meanAbs(phi);
        int[] order = byMeanAbs(phi);
        int shown = m <= maxDisplay ? m : maxDisplay - 1;
        List<String> labels = new ArrayList<>();
        double[] bars = new double[m <= maxDisplay ? m : maxDisplay];
        for (int r = 0; r < shown; r++) {
            labels.add(names.get(order[r]));
            bars[r] = meanAbs[order[r]];
        }
        if (shown < m) {
            double rest = 0;
            for (int r = shown; r < m; r++) {
                rest += meanAbs[order[r]];
            }
            labels.add("Sum of " + (m - shown) + " other features");
            bars[shown] = rest;
        }
        double hi = 0;
        for (double b : bars) {
            hi = Math.max(hi, b);
        }
        Frame fr = new Frame(labels, null, bars.length, RIGHT_SPACE, 0, hi > 0 ? hi * 1.15 : 1, 0);
        Graphics2D g = fr.g;
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < bars.length; r++) {
            double x0 = fr.x(0);
            double x1 = fr.x(bars[r]);
            double cy = fr.rowCentre(r);
            g.setColor(BLUE);
            g.fill(new Rectangle2D.Double(x0, cy - ROW_HEIGHT * 0.35, x1 - x0, ROW_HEIGHT * 0.7));
            g.setColor(LABEL_GREY);
            g.drawString(number(bars[r]), (float) (x1 + 5), (float) (cy + fm.getAscent() / 2.0 - 1));
        }
        fr.verticalLine(0, AXIS_GREY, null);
        fr.xAxis("mean(|SHAP value|)");
        return fr.finish();
    }

    /** The waterfall plot with feature names {@code "Feature 0"}, {@code "Feature 1"}… */
    public static Png waterfall(double expectedValue, INDArray shapRow, INDArray xRow) {
        return waterfall(expectedValue, shapRow, xRow, null, WATERFALL_MAX_DISPLAY);
    }

    /**
     * The waterfall plot of one row: {@code expectedValue} ({@code E[f(X)]}, the explainer's
     * {@code expectedValue()}), its SHAP values {@code (M,)} (or {@code (1, M)}) and its feature values.
     */
    public static Png waterfall(double expectedValue, INDArray shapRow, INDArray xRow, List<String> featureNames) {
        return waterfall(expectedValue, shapRow, xRow, featureNames, WATERFALL_MAX_DISPLAY);
    }

    /** The waterfall plot with at most {@code maxDisplay} rows; {@code featureNames} null for the defaults. */
    public static Png waterfall(double expectedValue, INDArray shapRow, INDArray xRow, List<String> featureNames,
            int maxDisplay) {
        if (!Double.isFinite(expectedValue)) {
            throw new IllegalArgumentException("Invalid `expectedValue`: expected a finite number. Received: expectedValue="
                    + expectedValue);
        }
        double[] phi = row("shapRow", shapRow);
        double[] x = row("xRow", xRow);
        if (x.length != phi.length) {
            throw new IllegalArgumentException("Invalid `xRow`: expected the explained row's " + phi.length
                    + " feature values, like `shapRow`. Received: shape " + Arrays.toString(xRow.shape()));
        }
        List<String> names = names(featureNames, phi.length);
        requireMaxDisplay(maxDisplay);
        int m = phi.length;
        int[] order = byMeanAbs(new double[][] {phi});
        int shown = m <= maxDisplay ? m : maxDisplay - 1;
        int rows = m <= maxDisplay ? m : maxDisplay;
        List<String> labels = new ArrayList<>();
        double[] contrib = new double[rows];
        for (int r = 0; r < shown; r++) {
            labels.add(names.get(order[r]) + " = " + number(x[order[r]]));
            contrib[r] = phi[order[r]];
        }
        if (shown < m) {
            double rest = 0;
            for (int r = shown; r < m; r++) {
                rest += phi[order[r]];
            }
            labels.add((m - shown) + " other features");
            contrib[shown] = rest;
        }
        // cumulative sums from the bottom row (start at E[f(X)]) to the top row (end at f(x))
        double[] start = new double[rows];
        double[] end = new double[rows];
        double at = expectedValue;
        double lo = expectedValue;
        double hi = expectedValue;
        for (int r = rows - 1; r >= 0; r--) {
            start[r] = at;
            at += contrib[r];
            end[r] = at;
            lo = Math.min(lo, at);
            hi = Math.max(hi, at);
        }
        double fx = at;
        Frame fr = new Frame(labels, null, rows, RIGHT_SPACE, lo, hi, 0.12);
        Graphics2D g = fr.g;
        fr.rowLines();
        float[] dashes = {3f, 3f};
        fr.verticalLine(expectedValue, AXIS_GREY, dashes);
        fr.verticalLine(fx, AXIS_GREY, dashes);
        FontMetrics fm = g.getFontMetrics();
        double barHalf = ROW_HEIGHT * 0.3;
        for (int r = 0; r < rows; r++) {
            double cy = fr.rowCentre(r);
            double x0 = fr.x(start[r]);
            double x1 = fr.x(end[r]);
            Color c = contrib[r] >= 0 ? RED : BLUE;
            double len = x1 - x0;
            double head = Math.signum(len) * Math.min(Math.abs(len), 8);
            Path2D arrow = new Path2D.Double();
            arrow.moveTo(x0, cy - barHalf);
            arrow.lineTo(x1 - head, cy - barHalf);
            arrow.lineTo(x1, cy);
            arrow.lineTo(x1 - head, cy + barHalf);
            arrow.lineTo(x0, cy + barHalf);
            arrow.closePath();
            g.setColor(c);
            g.fill(arrow);
            // the value, inside the arrow when it fits, else beyond its tip
            String text = signed(contrib[r]);
            int tw = fm.stringWidth(text);
            float ty = (float) (cy + fm.getAscent() / 2.0 - 1);
            if (Math.abs(len) - Math.abs(head) > tw + 6) {
                g.setColor(Color.WHITE);
                g.drawString(text, (float) ((x0 + x1 - head) / 2 - tw / 2.0), ty);
            } else {
                g.setColor(c);
                g.drawString(text, (float) (len >= 0 ? x1 + 4 : x1 - 4 - tw), ty);
            }
            // a thin connector from this arrow's start down to the tip of the one below
            if (r < rows - 1) {
                g.setColor(AXIS_GREY);
                g.draw(new Line2D.Double(x0, cy + barHalf, x0, fr.rowCentre(r + 1) - barHalf));
            }
        }
        fr.xAxis("");
        g.setColor(Color.BLACK);
        fr.label("E[f(X)] = " + number(expectedValue), expectedValue, fr.bottom + 38);
        fr.label("f(x) = " + number(fx), fx, TOP - 10);
        return fr.finish();
    }

    /**
     * The plot area shared by the three plots: feature labels on the left, rows from {@link #TOP}, an x axis
     * over [lo, hi] (padded by {@code pad} of its span on each side) below them.
     */
    private static final class Frame {
        final BufferedImage image;
        final Graphics2D g;
        final int left;
        final int right;
        final int bottom;
        final int rows;
        final double lo;
        final double hi;

        Frame(List<String> labels, int[] order, int rows, int rightSpace, double lo, double hi, double pad) {
            this.rows = rows;
            this.bottom = TOP + rows * ROW_HEIGHT;
            this.image = Canvas.blank(WIDTH, bottom + BOTTOM);
            this.g = Canvas.graphics(image);
            FontMetrics fm = g.getFontMetrics();
            int labelWidth = 0;
            List<String> shown = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                String s = Canvas.fit(g, labels.get(order == null ? r : order[r]), MAX_LABEL_WIDTH);
                shown.add(s);
                labelWidth = Math.max(labelWidth, fm.stringWidth(s));
            }
            this.left = Math.max(80, labelWidth + 20);
            this.right = WIDTH - rightSpace;
            if (hi - lo <= 0) {
                double d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
                lo -= d;
                hi += d;
            }
            double p = (hi - lo) * pad;
            this.lo = lo - p;
            this.hi = hi + p;
            g.setColor(Color.BLACK);
            for (int r = 0; r < rows; r++) {
                Canvas.rightAligned(g, shown.get(r), left - 10, rowCentre(r));
            }
        }

        double rowCentre(int r) {
            return TOP + r * ROW_HEIGHT + ROW_HEIGHT / 2.0;
        }

        double x(double v) {
            return left + (v - lo) / (hi - lo) * (right - left);
        }

        /** shap's dotted grey line through each row. */
        void rowLines() {
            g.setColor(ROW_LINE);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {1f, 4f}, 0f));
            for (int r = 0; r < rows; r++) {
                g.draw(new Line2D.Double(left, rowCentre(r), right, rowCentre(r)));
            }
            g.setStroke(new BasicStroke(1f));
        }

        /** A vertical line at value {@code v} over all rows, crisp on a pixel column. */
        void verticalLine(double v, Color c, float[] dashes) {
            g.setColor(c);
            g.setStroke(dashes == null ? new BasicStroke(1f)
                    : new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dashes, 0f));
            double px = Math.floor(x(v)) + 0.5;
            g.draw(new Line2D.Double(px, TOP, px, bottom));
            g.setStroke(new BasicStroke(1f));
        }

        void xAxis(String label) {
            g.setColor(Color.BLACK);
            g.draw(new Line2D.Double(left, bottom + 0.5, right, bottom + 0.5));
            for (double t : Canvas.niceTicks(lo, hi, 7)) {
                double px = x(t);
                g.draw(new Line2D.Double(px, bottom, px, bottom + 5));
                Canvas.centered(g, Canvas.tickLabel(t), px, bottom + 19);
            }
            if (!label.isEmpty()) {
                Canvas.centered(g, label, (left + right) / 2.0, bottom + 44);
            }
        }

        /** {@code text} centred on value {@code v}'s x (kept inside the picture), its baseline at {@code y}. */
        void label(String text, double v, double y) {
            int half = g.getFontMetrics().stringWidth(text) / 2 + 2;
            Canvas.centered(g, text, Math.max(half, Math.min(WIDTH - half, x(v))), y);
        }

        Png finish() {
            g.dispose();
            return Png.of(image);
        }
    }

    /**
     * shap's beeswarm offsets, in row heights: the values binned into 100 bins of their range; within a bin,
     * the k-th dot (in order of value, then index) goes to layer ⌈k/2⌉, alternately below and above; scaled so
     * the widest pile spans 0.9 × 0.4 of a row each way, as {@code shap.summary_plot} does.
     */
    static double[] jitter(double[] shaps) {
        int n = shaps.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : shaps) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        long[] quant = new long[n];
        for (int i = 0; i < n; i++) {
            quant[i] = Math.round(100 * (shaps[i] - min) / (max - min + 1e-8));
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingLong(i -> quant[i]).thenComparingDouble(i -> shaps[i]));
        double[] ys = new double[n];
        int layer = 0;
        long lastBin = Long.MIN_VALUE;
        double top = 0;
        for (int i : idx) {
            if (quant[i] != lastBin) {
                layer = 0;
            }
            ys[i] = Math.ceil(layer / 2.0) * ((layer % 2) * 2 - 1);
            top = Math.max(top, ys[i]);
            layer++;
            lastBin = quant[i];
        }
        double factor = 0.9 * 0.4 / (top + 1);
        for (int i = 0; i < n; i++) {
            ys[i] *= factor;
        }
        return ys;
    }

    /**
     * Each value's place on the colour scale, in [0, 1]: between the 5th and 95th percentile (linear
     * interpolation, as numpy), clipped; 1st/99th, then min/max, when those are equal; 0.5 for a constant.
     */
    static double[] colourPositions(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double vmin = percentile(sorted, 5);
        double vmax = percentile(sorted, 95);
        if (vmin == vmax) {
            vmin = percentile(sorted, 1);
            vmax = percentile(sorted, 99);
            if (vmin == vmax) {
                vmin = sorted[0];
                vmax = sorted[sorted.length - 1];
            }
        }
        double[] t = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = vmax > vmin ? Math.max(0, Math.min(1, (v[i] - vmin) / (vmax - vmin))) : 0.5;
        }
        return t;
    }

    private static double percentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /** The colour at {@code t} ∈ [0, 1] of the feature-value scale: shap's blue at 0 to its red at 1. */
    static Color scale(double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color(mix(BLUE.getRed(), RED.getRed(), u), mix(BLUE.getGreen(), RED.getGreen(), u),
                mix(BLUE.getBlue(), RED.getBlue(), u));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    /** Feature indices by mean |value| over the rows, largest first (ties: lower index first). */
    private static int[] byMeanAbs(double[][] phi) {
        double[] mean = meanAbs(phi);
        Integer[] idx = new Integer[mean.length];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(j -> -mean[j]).thenComparingInt(j -> j));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static double[] meanAbs(double[][] phi) {
        double[] mean = new double[phi[0].length];
        for (double[] row : phi) {
            for (int j = 0; j < row.length; j++) {
                mean[j] += Math.abs(row[j]) / phi.length;
            }
        }
        return mean;
    }

    /** A value with about three significant digits: 0.213, 12.3, 1234, 0.00123. */
    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        int decimals = Math.max(0, Math.min(6, 2 - (int) Math.floor(Math.log10(a))));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** {@link #number} with its sign: {@code +0.21}, {@code −0.05} (shap writes the minus sign). */
    static String signed(double v) {
        String s = number(Math.abs(v));
        return (v < 0 ? "\u2212" : "+") + s;
    }

    private static void requireMaxDisplay(int maxDisplay) {
        if (maxDisplay < 1) {
            throw new IllegalArgumentException("Invalid `maxDisplay`: expected a positive integer. Received: maxDisplay="
                    + maxDisplay);
        }
    }

    /** The given names, checked against the number of features, or "Feature 0", "Feature 1"… */
    static List<String> names(List<String> featureNames, int m) {
        if (featureNames == null) {
            List<String> names = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                names.add("Feature " + j);
            }
            return names;
        }
        if (featureNames.size() != m) {
            throw new IllegalArgumentException("Invalid `featureNames`: expected one name per feature (" + m
                    + "). Received: " + featureNames.size() + " names " + abbreviate(featureNames));
        }
        for (int j = 0; j < m; j++) {
            if (featureNames.get(j) == null) {
                throw new IllegalArgumentException("Invalid `featureNames`: expected names. Received: null at index " + j);
            }
        }
        return List.copyOf(featureNames);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " …";
    }

    /** A finite {@code (n, M)} matrix ({@code (M,)} is one row), n ≥ 1, M ≥ 1. */
    private static double[][] matrix(String arg, INDArray a) {
        if (a == null || (a.rank() != 1 && a.rank() != 2) || a.length() == 0) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected a matrix (rows, features). Received: "
                    + (a == null ? arg + "=null" : "shape " + Arrays.toString(a.shape())));
        }
        INDArray m = a.rank() == 1 ? a.reshape(1, a.length()) : a;
        double[][] d = m.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < d[i].length; j++) {
                if (!Double.isFinite(d[i][j])) {
                    throw new IllegalArgumentException("Invalid `" + arg + "`: expected finite values. Received: " + d[i][j]
                            + " at (" + i + ", " + j + ")");
                }
            }
        }
        return d;
    }

    /** One row {@code (M,)} or {@code (1, M)}. */
    private static double[] row(String arg, INDArray a) {
        if (a == null || !(a.rank() == 1 || (a.rank() == 2 && a.size(0) == 1)) || a.length() == 0) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected one row of shape (features,) or (1, features)."
                    + " Received: " + (a == null ? arg + "=null" : "shape " + Arrays.toString(a.shape())));
        }
        return matrix(arg, a.reshape(a.length()))[0];
    }
}
