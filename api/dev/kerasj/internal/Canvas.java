package dev.kerasj.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Drawing helpers shared by the pictures of {@code dev.kerasj.display} and {@code dev.kerasj.explain}: a white RGB
 * canvas, a palette, text placement and fitting, and "nice" axis ticks. Internal: not part of the API.
 */
public final class Canvas {
    /** matplotlib's tab10 palette, so curves look as they do in the Keras course. */
    public static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };
    public static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private Canvas() {
    }

    public static void requireSize(String what, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("Invalid `size` of the " + what + ": expected positive width and height "
                    + "with at most 64M pixels. Received: size=" + width + "x" + height);
        }
    }

    /** A white {@code width × height} RGB image and its anti-aliased graphics. */
    public static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    public static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setFont(FONT);
        g.setStroke(new BasicStroke(1f));
        return g;
    }

    /** Draws {@code text} centred on x, its baseline at y. */
    public static void centered(Graphics2D g, String text, double x, double y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) y);
    }

    /** Draws {@code text} right-aligned at x, vertically centred on y. */
    public static void rightAligned(Graphics2D g, String text, double x, double y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (x - fm.stringWidth(text)), (float) (y + fm.getAscent() / 2.0 - 1));
    }

    /** Draws {@code text} rotated a quarter turn counter-clockwise, centred on (x, y). */
    public static void vertical(Graphics2D g, String text, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        centered(g, text, 0, 0);
        g.setTransform(saved);
    }

    /** Ticks at 1, 2 or 5 times a power of ten covering [lo, hi], about {@code target} of them. */
    public static List<Double> niceTicks(double lo, double hi, int target) {
        double span = hi - lo;
        double raw = span / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    /** A short label for a tick value: {@code 0.25}, {@code 1500}, {@code 1e-05}. */
    public static String tickLabel(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(java.util.Locale.ROOT, "%.0e", v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code s}, cut and ended with "…" where it is wider than {@code width} pixels in {@code g}'s font. */
    public static String fit(Graphics2D g, String s, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String cut = s;
        while (cut.length() > 1 && fm.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
