package dev.kerasj.display;

import dev.kerasj.callbacks.History;
import dev.kerasj.internal.Canvas;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learning curves of a {@link History}, as the Keras course plots them: one panel per quantity (loss, then
 * each metric), the training curve and its {@code val_} counterpart together, epochs 1…n on the x axis.
 *
 * <pre>{@code
 * History h = model.fit(x, y, FitOptions.defaults().epochs(10).validationSplit(0.2));
 * display(Plots.history(h).image());      // two panels: loss/val_loss, accuracy/val_accuracy
 * }</pre>
 */
public final class Plots {
    /** Each panel's size in pixels. */
    public static final int PANEL_WIDTH = 480;
    public static final int PANEL_HEIGHT = 360;

    private Plots() {
    }

    /** All curves of {@code history}: panels side by side, {@link #PANEL_WIDTH} × {@link #PANEL_HEIGHT} each. */
    public static Png history(History history) {
        if (history == null) {
            throw new IllegalArgumentException("Invalid `history`: expected the History returned by fit(). Received: null");
        }
        Map<String, List<Double>> h = history.history();
        if (h.isEmpty()) {
            throw new IllegalArgumentException("Invalid `history`: it records no epoch. Received: " + history);
        }
        Map<String, List<String>> panels = new LinkedHashMap<>();
        for (String key : h.keySet()) {
            String base = key.startsWith("val_") && h.containsKey(key.substring(4)) ? key.substring(4) : key;
            panels.computeIfAbsent(base, k -> new ArrayList<>()).add(key);
        }
        List<LineChart> charts = new ArrayList<>();
        for (Map.Entry<String, List<String>> p : panels.entrySet()) {
            LineChart c = new LineChart().title(p.getKey()).xLabel("epoch").yLabel(p.getKey());
            for (String key : p.getValue()) {
                c = c.series(key, h.get(key));
            }
            charts.add(c);
        }
        return side(charts);
    }

    /** The curves named by {@code keys}, in one panel, e.g. {@code history(h, "loss", "val_loss")}. */
    public static Png history(History history, String... keys) {
        Map<String, List<Double>> h = history.history();
        LineChart c = new LineChart().xLabel("epoch").size(PANEL_WIDTH, PANEL_HEIGHT);
        for (String key : keys) {
            if (!h.containsKey(key)) {
                throw new IllegalArgumentException("Invalid `keys`: the history has no \"" + key + "\". Expected one of "
                        + h.keySet() + ". Received: " + key);
            }
            c = c.series(key, h.get(key));
        }
        return c.render();
    }

    /** Charts drawn side by side in one picture, each {@link #PANEL_WIDTH} × {@link #PANEL_HEIGHT}. */
    public static Png side(List<LineChart> charts) {
        if (charts == null || charts.isEmpty()) {
            throw new IllegalArgumentException("Invalid `charts`: expected at least one chart. Received: " + charts);
        }
        BufferedImage image = Canvas.blank(PANEL_WIDTH * charts.size(), PANEL_HEIGHT);
        Graphics2D g = Canvas.graphics(image);
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, i * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT);
        }
        g.dispose();
        return Png.of(image);
    }
}
