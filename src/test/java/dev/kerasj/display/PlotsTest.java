package dev.kerasj.display;

import dev.kerasj.callbacks.History;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {
    private static History history(double[][] perEpoch, String... keys) {
        History h = new History();
        h.onTrainBegin(Map.of());
        for (int e = 0; e < perEpoch.length; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int k = 0; k < keys.length; k++) {
                logs.put(keys[k], perEpoch[e][k]);
            }
            h.onEpochEnd(e, logs);
        }
        return h;
    }

    private static final int BLUE = 0x1f77b4;   // tab10's first colour: the first curve
    private static final int ORANGE = 0xff7f0e; // the second: the val_ curve

    @Test
    void historyDrawsOnePanelPerQuantityWithItsValidationCurve() throws Exception {
        History h = history(new double[][] {{1.2, 0.60, 1.0, 0.65}, {0.7, 0.80, 0.8, 0.75}, {0.5, 0.85, 0.75, 0.78}},
                "loss", "accuracy", "val_loss", "val_accuracy");
        BufferedImage img = Pictures.decode(Plots.history(h), 2 * Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT);
        Pictures.assertNotBlank(img);
        assertTrue(Pictures.contains(img, BLUE) && Pictures.contains(img, ORANGE), "training and validation curves drawn");
        // each panel has both curves: look in each half
        assertTrue(Pictures.contains(img.getSubimage(0, 0, Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT), ORANGE));
        assertTrue(Pictures.contains(img.getSubimage(Plots.PANEL_WIDTH, 0, Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT), ORANGE));
    }

    @Test
    void historyWithoutValidationHasOnePanelPerKey() throws Exception {
        History h = history(new double[][] {{1.0}, {0.5}}, "loss");
        BufferedImage img = Pictures.decode(Plots.history(h), Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT);
        assertTrue(Pictures.contains(img, BLUE));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plots.history(h, "accuracy")).getMessage()
                .contains("[loss]"));
    }

    @Test
    void lineChartHandlesLogAxesGapsAndFlatSeries() throws Exception {
        Png p = new LineChart().title("loss").xLabel("step").yLabel("f").logY(true).size(300, 200)
                .series("sgd", new double[] {10, 1, 0.1, 0.0, Double.NaN, 0.001})
                .series("flat", new double[] {0.5, 0.5, 0.5})
                .render();
        BufferedImage img = Pictures.decode(p, 300, 200);
        assertTrue(Pictures.contains(img, BLUE) && Pictures.contains(img, ORANGE));
        Png flat = new LineChart().series("x", new double[] {0, 1}, new double[] {3, 3}).render();
        Pictures.assertNotBlank(Pictures.decode(flat, 640, 400));
        assertThrows(IllegalArgumentException.class, () -> new LineChart().series("bad", new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new LineChart().size(0, 10));
    }

    @Test
    void pngSavesAndInlinesTheSameBytes() throws Exception {
        Png p = new LineChart().series("a", new double[] {1, 2, 3}).render();
        Path f = Files.createTempDirectory("png").resolve("sub/a.png");
        p.save(f);
        assertArrayEquals(p.bytes(), Files.readAllBytes(f));
        String html = p.toHtml();
        assertTrue(html.startsWith("<img src=\"data:image/png;base64,"));
        String b64 = html.substring(html.indexOf(',') + 1, html.indexOf('"', html.indexOf(',')));
        assertArrayEquals(p.bytes(), Base64.getDecoder().decode(b64));
        assertArrayEquals(p.bytes(), Base64.getDecoder().decode(p.toBase64()));
    }
}
