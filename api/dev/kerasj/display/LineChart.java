package dev.kerasj.display;

import dev.kerasj.internal.Canvas;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of one or more named series, rendered to PNG: learning curves, losses of optimizers
 * side by side, predictions against the truth. An immutable value: each setter returns a copy.
 *
 * <p>Defaults: 640×400 pixels, no title, empty axis labels, linear y axis. A series given without x
 * values is drawn at x = 1, 2, … n (epochs). Points are marked when a series has at most 40 of them;
 * NaN and infinite values leave a gap (and, on a log axis, so do values ≤ 0).
 *
 * <pre>{@code
 * Png p = new LineChart().title("Loss").xLabel("epoch").logY(true)
 *         .series("sgd", sgdLosses).series("adam", adamLosses).render();
 * }</pre>
 */
public final class LineChart {
    private static final int MARKER_LIMIT = 40;

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final int width;
    private final int height;
    private final List<Series> series;

    public LineChart() {
        this("", "", "", false, 640, 400, List.of());
    }

    private LineChart(String title, String xLabel, String yLabel, boolean logY, int width, int height, List<Series> series) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
        this.width = width;
        this.height = height;
        this.series = List.copyOf(series);
    }

    public LineChart title(String title) {
        return new LineChart(text("title", title), xLabel, yLabel, logY, width, height, series);
    }

    public LineChart xLabel(String label) {
        return new LineChart(title, text("xLabel", label), yLabel, logY, width, height, series);
    }

    public LineChart yLabel(String label) {
        return new LineChart(title, xLabel, text("yLabel", label), logY, width, height, series);
    }

    /** A logarithmic y axis (base 10), for losses that fall over orders of magnitude. */
    public LineChart logY(boolean logY) {
        return new LineChart(title, xLabel, yLabel, logY, width, height, series);
    }

    /** The picture's size in pixels. Defaults to 640×400. */
    public LineChart size(int width, int height) {
        Canvas.requireSize("chart", width, height);
        return new LineChart(title, xLabel, yLabel, logY, width, height, series);
    }

    /** Adds a series drawn at x = 1, 2, … n. */
    public LineChart series(String name, double[] y) {
        if (y == null) {
            throw new IllegalArgumentException("Invalid `y` of series " + name + ": expected values. Received: y=null");
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return series(name, x, y);
    }

    /** Adds a series drawn at x = 1, 2, … n, e.g. a list from {@code History.history()}. */
    public LineChart series(String name, List<? extends Number> y) {
        if (y == null) {
            throw new IllegalArgumentException("Invalid `y` of series " + name + ": expected values. Received: y=null");
        }
        double[] v = new double[y.size()];
        for (int i = 0; i < v.length; i++) {
            Number n = y.get(i);
            v[i] = n == null ? Double.NaN : n.doubleValue();
        }
        return series(name, v);
    }

    /** Adds a series of points (x[i], y[i]). */
    public LineChart series(String name, double[] x, double[] y) {
        text("name", name);
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("Invalid series " + name + ": expected x and y of the same length. Received: "
                    + "x length=" + (x == null ? null : x.length) + ", y length=" + (y == null ? null : y.length));
        }
        List<Series> more = new ArrayList<>(series);
        more.add(new Series(name, x.clone(), y.clone()));
        return new LineChart(title, xLabel, yLabel, logY, width, height, more);
    }

    /** Renders the chart. */
    public Png render() {
        BufferedImage image = Canvas.blank(width, height);
        Graphics2D g = Canvas.graphics(image);
        draw(g, 0, 0, width, height);
        g.dispose();
        return Png.of(image);
    }

    /** Draws the chart into the rectangle (x0, y0, w, h) of {@code g}. */
    void draw(Graphics2D g, int x0, int y0, int w, int h) {
        int left = x0 + 64;
        int right = x0 + w - 16;
        int top = y0 + (title.isEmpty() ? 16 : 34);
        int bottom = y0 + h - (xLabel.isEmpty() ? 28 : 44);
        if (right - left < 10 || bottom - top < 10) {
            throw new IllegalArgumentException("Invalid `size` of the chart: too small for its axes. Received: size="
                    + w + "x" + h);
        }
        double[] xr = range(true);
        double[] yr = range(false);
        Axis xa = new Axis(xr[0], xr[1], left, right, false);
        Axis ya = new Axis(yr[0], yr[1], bottom, top, logY);

        g.setColor(Color.BLACK);
        if (!title.isEmpty()) {
            g.setFont(Canvas.TITLE_FONT);
            Canvas.centered(g, title, (left + right) / 2.0, y0 + 22);
            g.setFont(Canvas.FONT);
        }
        // grid and ticks
        Color grid = new Color(0xe5e5e5);
        for (double t : xa.ticks()) {
            double px = xa.map(t);
            g.setColor(grid);
            g.draw(new Line2D.Double(px, top, px, bottom));
            g.setColor(Color.BLACK);
            Canvas.centered(g, Canvas.tickLabel(t), px, bottom + 16);
        }
        for (double t : ya.ticks()) {
            double py = ya.map(t);
            g.setColor(grid);
            g.draw(new Line2D.Double(left, py, right, py));
            g.setColor(Color.BLACK);
            Canvas.rightAligned(g, Canvas.tickLabel(t), left - 6, py);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        if (!xLabel.isEmpty()) {
            Canvas.centered(g, xLabel, (left + right) / 2.0, y0 + h - 10);
        }
        if (!yLabel.isEmpty()) {
            Canvas.vertical(g, yLabel, x0 + 14, (top + bottom) / 2.0);
        }
        // curves, clipped to the plot area
        java.awt.Shape savedClip = g.getClip();
        g.clipRect(left, top, right - left + 1, bottom - top + 1);
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            g.setColor(Canvas.PALETTE[s % Canvas.PALETTE.length]);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            boolean markers = se.y.length <= MARKER_LIMIT;
            double px0 = Double.NaN;
            double py0 = Double.NaN;
            for (int i = 0; i < se.y.length; i++) {
                boolean ok = usable(se.x[i], false) && usable(se.y[i], logY);
                if (!ok) {
                    px0 = Double.NaN;
                    continue;
                }
                double px = xa.map(se.x[i]);
                double py = ya.map(se.y[i]);
                if (!Double.isNaN(px0)) {
                    g.draw(new Line2D.Double(px0, py0, px, py));
                }
                if (markers) {
                    g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
                }
                px0 = px;
                py0 = py;
            }
        }
        g.setStroke(new BasicStroke(1f));
        g.setClip(savedClip);
        legend(g, xa, ya, left, right, top, bottom);
    }

    /** Draws the legend in the corner of the plot that hides the fewest data points (top-right on ties). */
    private void legend(Graphics2D g, Axis xa, Axis ya, int left, int right, int top, int bottom) {
        if (series.isEmpty()) {
            return;
        }
        FontMetrics fm = g.getFontMetrics();
        int textWidth = 0;
        for (Series s : series) {
            textWidth = Math.max(textWidth, fm.stringWidth(s.name));
        }
        int boxW = textWidth + 40;
        int line = fm.getHeight() + 2;
        int boxH = series.size() * line + 8;
        int[][] corners = {
            {Math.max(left + 4, right - boxW - 8), top + 8},
            {Math.max(left + 4, right - boxW - 8), Math.max(top + 8, bottom - boxH - 8)},
            {left + 8, top + 8},
            {left + 8, Math.max(top + 8, bottom - boxH - 8)},
        };
        int bx = corners[0][0];
        int by = corners[0][1];
        long fewest = Long.MAX_VALUE;
        for (int[] c : corners) {
            long hidden = 0;
            for (Series se : series) {
                for (int i = 0; i < se.y.length; i++) {
                    if (usable(se.x[i], false) && usable(se.y[i], logY)) {
                        double px = xa.map(se.x[i]);
                        double py = ya.map(se.y[i]);
                        if (px >= c[0] && px <= c[0] + boxW && py >= c[1] && py <= c[1] + boxH) {
                            hidden++;
                        }
                    }
                }
            }
            if (hidden < fewest) {
                fewest = hidden;
                bx = c[0];
                by = c[1];
            }
        }
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(bx, by, boxW, boxH);
        g.setColor(new Color(0xbbbbbb));
        g.drawRect(bx, by, boxW, boxH);
        for (int s = 0; s < series.size(); s++) {
            int cy = by + 4 + s * line + line / 2;
            g.setColor(Canvas.PALETTE[s % Canvas.PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(bx + 6, cy, bx + 28, cy);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name, bx + 34, cy + fm.getAscent() / 2 - 1);
        }
    }

    private boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** [min, max] of the finite x (or y) values, widened when empty or flat; padded by 5% for y. */
    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] v = x ? s.x : s.y;
            for (double d : v) {
                if (usable(d, !x && logY)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        boolean log = !x && logY;
        if (lo > hi) {
            return log ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (log) {
            double a = Math.log10(lo);
            double b = Math.log10(hi);
            if (a == b) {
                a -= 0.5;
                b += 0.5;
            }
            return new double[] {Math.pow(10, a), Math.pow(10, b)};
        }
        if (lo == hi) {
            double d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - d, hi + d};
        }
        if (!x) {
            double pad = (hi - lo) * 0.05;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }

    private static String text(String arg, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected a string. Received: " + arg + "=null");
        }
        return value;
    }

    /** Maps data values to pixels along one axis, linearly or by log10. */
    private record Axis(double lo, double hi, double pxLo, double pxHi, boolean log) {
        double map(double v) {
            double a = log ? Math.log10(lo) : lo;
            double b = log ? Math.log10(hi) : hi;
            double t = ((log ? Math.log10(v) : v) - a) / (b - a);
            return pxLo + t * (pxHi - pxLo);
        }

        List<Double> ticks() {
            if (!log) {
                return Canvas.niceTicks(lo, hi, 6);
            }
            List<Double> out = new ArrayList<>();
            for (int e = (int) Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) {
                out.add(Math.pow(10, e));
            }
            if (out.size() < 2) {
                return Canvas.niceTicks(lo, hi, 4).stream().filter(t -> t > 0).toList();
            }
            return out;
        }
    }
}
