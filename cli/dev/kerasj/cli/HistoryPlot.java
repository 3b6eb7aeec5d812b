package dev.kerasj.cli;

import dev.kerasj.callbacks.History;
import dev.kerasj.internal.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training curves of a {@link History} as a PNG, drawn with Java2D: one panel per quantity (the loss,
 * then each metric), the training curve in blue and its {@code val_} counterpart in orange, as the course's
 * matplotlib plots. Written atomically. Runs headless.
 */
final class HistoryPlot {
    static final int PANEL_WIDTH = 480;
    static final int PANEL_HEIGHT = 360;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);

    private HistoryPlot() {
    }

    /** Writes the curves of {@code history} to {@code file}. */
    static void write(History history, String title, Path file) throws IOException {
        BufferedImage image = render(history, title);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("No PNG writer available");
            }
        });
    }

    /** Quantity → (training curve, validation curve or {@code null}), loss first. */
    static Map<String, List<List<Double>>> panels(Map<String, List<Double>> h) {
        Map<String, List<List<Double>>> panels = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : h.entrySet()) {
            if (e.getKey().startsWith("val_")) {
                continue;
            }
            List<List<Double>> curves = new ArrayList<>();
            curves.add(e.getValue());
            curves.add(h.get("val_" + e.getKey()));
            panels.put(e.getKey(), curves);
        }
        return panels;
    }

    static BufferedImage render(History history, String title) {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<List<Double>>> panels = panels(history.history());
        int n = Math.max(1, panels.size());
        BufferedImage image = new BufferedImage(PANEL_WIDTH * n, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        int i = 0;
        for (Map.Entry<String, List<List<Double>>> e : panels.entrySet()) {
            drawPanel(g, i * PANEL_WIDTH, title + ": " + e.getKey(), e.getKey(), e.getValue().get(0), e.getValue().get(1));
            i++;
        }
        g.dispose();
        return image;
    }

    private static void drawPanel(Graphics2D g, int x0, String title, String name, List<Double> train, List<Double> val) {
        int left = x0 + 70;
        int right = x0 + PANEL_WIDTH - 20;
        int top = 40;
        int bottom = PANEL_HEIGHT - 50;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> c : new List[] {train, val == null ? List.of() : val}) {
            for (Double d : c) {
                if (d != null && Double.isFinite(d)) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
        }
        if (!Double.isFinite(min)) {
            min = 0;
            max = 1;
        }
        double pad = max - min < 1e-12 ? Math.max(Math.abs(min) * 0.1, 0.5) : (max - min) * 0.05;
        min -= pad;
        max += pad;
        int epochs = Math.max(train.size(), val == null ? 0 : val.size());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(230, 230, 230));
        for (int k = 0; k <= 4; k++) {
            int y = bottom - (bottom - top) * k / 4;
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.4g", min + (max - min) * k / 4), x0 + 8, y + 4);
            g.setColor(new Color(230, 230, 230));
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        for (int e = 0; e < epochs; e++) {
            int x = xOf(e, epochs, left, right);
            if (epochs <= 20 || e % Math.ceil(epochs / 10.0) == 0) {
                g.drawString(String.valueOf(e + 1), x - 3, bottom + 15);
            }
        }
        g.drawString("epoch", (left + right) / 2 - 15, bottom + 32);
        drawCurve(g, train, TRAIN, min, max, epochs, left, right, top, bottom);
        g.setColor(TRAIN);
        g.drawString("training " + name, right - 150, top + 16);
        if (val != null) {
            drawCurve(g, val, VALIDATION, min, max, epochs, left, right, top, bottom);
            g.setColor(VALIDATION);
            g.drawString("validation " + name, right - 150, top + 32);
        }
    }

    private static void drawCurve(Graphics2D g, List<Double> c, Color color, double min, double max, int epochs, int left,
                                  int right, int top, int bottom) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (int e = 0; e < c.size(); e++) {
            Double d = c.get(e);
            if (d == null || !Double.isFinite(d)) {
                px = -1;
                continue;
            }
            int x = xOf(e, epochs, left, right);
            int y = (int) Math.round(bottom - (d - min) / (max - min) * (bottom - top));
            g.fillOval(x - 3, y - 3, 6, 6);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int xOf(int epoch, int epochs, int left, int right) {
        return epochs <= 1 ? (left + right) / 2 : left + 10 + (right - left - 20) * epoch / (epochs - 1);
    }
}
