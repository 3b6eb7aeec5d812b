package dev.kerasj.explain;

import dev.kerasj.display.Pictures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SHAP plots read back from their pixels: which feature is on which row, where the dots and bars are on
 * the x axis, their colours; the waterfall's arrows chained from E[f(X)] to f(x) = E[f(X)] + Σφ.
 */
class ShapPlotsTest {
    private static final int W = ShapPlots.WIDTH;

    /** Pixels of a row's band (or its centre line) that are clearly red / blue, as their x positions. */
    private static List<Integer> xs(BufferedImage img, int row, boolean red, boolean centreLineOnly) {
        List<Integer> out = new ArrayList<>();
        int top = ShapPlots.TOP + row * ShapPlots.ROW_HEIGHT;
        int y0 = centreLineOnly ? top + ShapPlots.ROW_HEIGHT / 2 : top;
        int y1 = centreLineOnly ? y0 + 1 : top + ShapPlots.ROW_HEIGHT;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (red ? isRed(img.getRGB(x, y)) : isBlue(img.getRGB(x, y))) {
                    out.add(x);
                }
            }
        }
        return out;
    }

    static boolean isRed(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r > 180 && g < 90 && b < 160;
    }

    static boolean isBlue(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return b > 180 && r < 90 && g < 190;
    }

    private static boolean coloured(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80;
    }

    /** Leftmost and rightmost coloured (not grey) pixel in a row's band left of the colour bar, or null. */
    private static int[] extent(BufferedImage img, int row) {
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int y = ShapPlots.TOP + row * ShapPlots.ROW_HEIGHT; y < ShapPlots.TOP + (row + 1) * ShapPlots.ROW_HEIGHT; y++) {
            for (int x = 0; x < img.getWidth() - 100; x++) {
                if (coloured(img.getRGB(x, y))) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        return hi < 0 ? null : new int[] {lo, hi};
    }

    private static double mean(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }

    /** The x of the column inside the plot holding the most pixels of exactly {@code rgb}. */
    private static int column(BufferedImage img, int rgb, int rows) {
        int best = -1;
        int most = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            int count = 0;
            for (int y = ShapPlots.TOP; y < ShapPlots.TOP + rows * ShapPlots.ROW_HEIGHT; y++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
            if (count > most) {
                most = count;
                best = x;
            }
        }
        return best;
    }

    /**
     * 60 rows, 3 features: feature 2's SHAP value is its (centred) value, spread ±1 (the largest mean |SHAP|),
     * feature 1 the opposite ±0.4, feature 0 ±0.05 at random.
     */
    private static INDArray[] data() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 60;
        double[][] x = new double[n][3];
        double[][] phi = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextDouble() * 10;
            }
            phi[i][2] = (x[i][2] - 5) / 5;
            phi[i][1] = -(x[i][1] - 5) / 12.5;
            phi[i][0] = (r.nextDouble() - 0.5) / 10;
        }
        return new INDArray[] {Nd4j.createFromArray(phi), Nd4j.createFromArray(x)};
    }

    @Test
    void summaryPutsTheLargestMeanAbsoluteShapOnTopAndColoursDotsByFeatureValue() throws Exception {
        INDArray[] d = data();
        BufferedImage img = Pictures.decode(ShapPlots.summary(d[0], d[1], List.of("small", "middle", "large")), W,
                ShapPlots.TOP + 3 * ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM);
        int zero = column(img, 0x999999, 3);
        assertTrue(zero > 100 && zero < W - 100, "the grey zero line is inside the plot: x=" + zero);
        // row order: "large" (±1) on top, then "middle" (±0.4), then "small" (±0.05): the dots' spread shrinks
        int[] top = extent(img, 0);
        int[] mid = extent(img, 1);
        int[] low = extent(img, 2);
        int w0 = top[1] - top[0];
        int w1 = mid[1] - mid[0];
        int w2 = low[1] - low[0];
        assertTrue(w0 > 2 * w1 && w1 > 3 * w2, "spreads by row " + w0 + ", " + w1 + ", " + w2);
        assertEquals(2.5, (double) w0 / w1, 0.3, "the x axis is shared: ±1 is 2.5 times as wide as ±0.4");
        // top row: high values (red) have positive SHAP values (right of 0), low values (blue) negative
        List<Integer> red = xs(img, 0, true, false);
        List<Integer> blue = xs(img, 0, false, false);
        assertTrue(red.size() > 20 && blue.size() > 20, "both ends of the colour scale appear");
        assertTrue(red.stream().allMatch(x -> x > zero) && blue.stream().allMatch(x -> x < zero),
                "red (high-value) dots right of the zero line, blue ones left");
        // middle row: the other way round
        assertTrue(mean(xs(img, 1, true, false)) < zero && mean(xs(img, 1, false, false)) > zero);
        // the colour bar, right of the plot: red at its top, blue at its bottom
        int barX = W - 90;  // the plot ends 96 pixels from the right edge
        while (barX < W && !isRed(img.getRGB(barX, ShapPlots.TOP + 6))) {
            barX++;
        }
        assertTrue(barX < W, "colour bar High is red");
        assertTrue(isBlue(img.getRGB(barX, ShapPlots.TOP + 3 * ShapPlots.ROW_HEIGHT - 6)), "colour bar Low is blue");
    }

    @Test
    void dotsThatPileUpSpreadVerticallyWithinTheirRow() throws Exception {
        // 40 rows with the same SHAP value: one pile, spread up and down around the row's centre
        INDArray phi = Nd4j.valueArrayOf(new long[] {40, 1}, 0.5);
        INDArray x = Nd4j.linspace(0, 1, 40).reshape(40, 1);
        BufferedImage img = Pictures.decode(ShapPlots.summary(phi, x), W,
                ShapPlots.TOP + ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM);
        int ymin = Integer.MAX_VALUE;
        int ymax = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int xx = 0; xx < img.getWidth() - 100; xx++) {
                if (coloured(img.getRGB(xx, y))) {
                    ymin = Math.min(ymin, y);
                    ymax = Math.max(ymax, y);
                }
            }
        }
        double centre = ShapPlots.TOP + ShapPlots.ROW_HEIGHT / 2.0;
        assertTrue(ymax - ymin > ShapPlots.ROW_HEIGHT / 2, "the pile is spread: " + ymin + ".." + ymax);
        assertTrue(ymin >= ShapPlots.TOP && ymax < ShapPlots.TOP + ShapPlots.ROW_HEIGHT, "and stays in its row");
        assertEquals(centre, (ymin + ymax) / 2.0, 2.0, "around the row's centre");
    }

    @Test
    void jitterAndColourScaleFollowShap() {
        // shap: the k-th dot of a bin goes to ⌈k/2⌉ alternately below (−) and above (+), scaled by 0.36 / (top + 1)
        double[] ys = ShapPlots.jitter(new double[] {1, 1, 1, 1, 1, 5});
        double unit = 0.9 * 0.4 / 3; // top layer 2
        assertArrayEquals(new double[] {0, unit, -unit, 2 * unit, -2 * unit, 0}, ys, 1e-15);
        // 5th and 95th percentiles of 0..99 (numpy's linear interpolation): 4.95 and 94.05, clipped outside
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i;
        }
        double[] t = ShapPlots.colourPositions(v);
        assertEquals(0, t[0]);
        assertEquals(0, t[4]);
        assertEquals((50 - 4.95) / (94.05 - 4.95), t[50], 1e-12);
        assertEquals(1, t[99]);
        // a binary feature (5th = 95th percentile would be equal for 97 zeros): falls back to 1st/99th, then min/max
        double[] binary = new double[100];
        binary[99] = 1;
        double[] tb = ShapPlots.colourPositions(binary);
        assertEquals(0, tb[0]);
        assertEquals(1, tb[99]);
        assertEquals(0.5, ShapPlots.colourPositions(new double[] {3, 3, 3})[1]);
        assertEquals(ShapPlots.RED, ShapPlots.scale(1));
        assertEquals(ShapPlots.BLUE, ShapPlots.scale(0));
    }

    @Test
    void summaryShowsAtMostMaxDisplayFeatures() throws Exception {
        INDArray phi = Nd4j.rand(30, 25).subi(0.5);
        INDArray x = Nd4j.rand(30, 25);
        Pictures.decode(ShapPlots.summary(phi, x), W, ShapPlots.TOP + 20 * ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM);
        Pictures.decode(ShapPlots.summary(phi, x, null, 5), W, ShapPlots.TOP + 5 * ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM);
    }

    @Test
    void barLengthsAreTheMeanAbsoluteShapValuesSorted() throws Exception {
        // mean |φ|: feature 0 → 0.1, feature 1 → 0.4, feature 2 → 0.2
        INDArray phi = Nd4j.createFromArray(new double[][] {{0.1, -0.4, 0.3}, {-0.1, 0.4, -0.1}});
        BufferedImage img = Pictures.decode(ShapPlots.bar(phi, List.of("a", "b", "c")), W,
                ShapPlots.TOP + 3 * ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM);
        double[] expected = {0.4, 0.2, 0.1};
        int[][] bars = new int[3][];
        for (int r = 0; r < 3; r++) {
            List<Integer> blue = xs(img, r, false, true);
            bars[r] = new int[] {blue.stream().min(Integer::compare).orElseThrow(), blue.stream().max(Integer::compare)
                    .orElseThrow()};
        }
        for (int r = 0; r < 3; r++) {
            assertEquals(bars[0][0], bars[r][0], 1, "every bar starts at 0");
            double ratio = (bars[r][1] - bars[r][0] + 1.0) / (bars[0][1] - bars[0][0] + 1.0);
            assertEquals(expected[r] / expected[0], ratio, 0.01, "bar " + r + " length is proportional to its mean |SHAP|");
        }
    }

    @Test
    void barSumsTheFeaturesBeyondMaxDisplay() throws Exception {
        // mean |φ| = 0.5, 0.4, 0.3, 0.2, 0.1: with maxDisplay 3, two bars and "Sum of 3 other features" = 0.6 last
        INDArray phi = Nd4j.createFromArray(new double[][] {{0.5, -0.4, 0.3, -0.2, 0.1}});
        BufferedImage img = Pictures.decode(ShapPlots.bar(phi, null, 3), W,
                ShapPlots.TOP + 3 * ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM);
        int[] len = new int[3];
        for (int r = 0; r < 3; r++) {
            List<Integer> blue = xs(img, r, false, true);
            len[r] = blue.stream().max(Integer::compare).orElseThrow() - blue.stream().min(Integer::compare).orElseThrow() + 1;
        }
        assertEquals(0.4 / 0.5, (double) len[1] / len[0], 0.01);
        assertEquals(0.6 / 0.5, (double) len[2] / len[0], 0.01, "the sum of the rest (0.6) is the bottom bar, as in shap");
    }

    @Test
    void waterfallChainsTheArrowsFromTheExpectedValueToTheOutput() throws Exception {
        // base 0; φ = +1.0, −0.6, +0.5, −0.3: from the bottom: −0.3 (0 → −0.3), +0.5 (→ 0.2), −0.6 (→ −0.4),
        // +1.0 (→ 0.6 = f(x)) on top
        double base = 0;
        INDArray phi = Nd4j.createFromArray(new double[] {1.0, -0.6, 0.5, -0.3});
        INDArray x = Nd4j.createFromArray(new double[] {7, 8, 9, 10});
        BufferedImage img = Pictures.decode(ShapPlots.waterfall(base, phi, x, List.of("a", "b", "c", "d")), W,
                ShapPlots.TOP + 4 * ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM);
        boolean[] positive = {true, false, true, false};
        double[][] ends = {{-0.4, 0.6}, {-0.4, 0.2}, {-0.3, 0.2}, {-0.3, 0}};
        int[][] px = new int[4][];
        for (int r = 0; r < 4; r++) {
            List<Integer> c = xs(img, r, positive[r], true);
            assertTrue(c.size() > 10, "row " + r + " is an arrow of the right colour");
            px[r] = new int[] {c.stream().min(Integer::compare).orElseThrow(), c.stream().max(Integer::compare).orElseThrow()};
            assertTrue(xs(img, r, !positive[r], true).isEmpty(), "row " + r + " has one colour");
        }
        // the axis, fitted to the arrows of rows 1-3 (ends known from base and φ)
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int k = 0;
        for (int r = 1; r < 4; r++) {
            for (int e = 0; e < 2; e++) {
                double v = ends[r][e];
                sx += v;
                sy += px[r][e];
                sxx += v * v;
                sxy += v * px[r][e];
                k++;
            }
        }
        double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
        double offset = (sy - slope * sx) / k;
        for (int r = 1; r < 4; r++) {
            for (int e = 0; e < 2; e++) {
                assertEquals(offset + slope * ends[r][e], px[r][e], 1.5, "row " + r + " end " + e + " on one linear axis");
            }
        }
        double fx = base + phi.sumNumber().doubleValue();
        assertEquals(offset + slope * fx, px[0][1], 1.5, "the top arrow ends at f(x) = E[f(X)] + Σφ");
        assertEquals(offset + slope * -0.4, px[0][0], 1.5, "and starts where the one below it ends");
        // the dashed lines at E[f(X)] and f(x)
        assertTrue(Math.abs(column(img, 0x999999, 4) - (offset + slope * fx)) < 2
                || Math.abs(column(img, 0x999999, 4) - (offset + slope * base)) < 2);
    }

    @Test
    void waterfallSumsTheSmallestContributionsIntoOtherFeatures() throws Exception {
        // 12 features, maxDisplay 10: 9 shown alone and "3 other features" in the bottom row; still ends at f(x)
        double[] p = {0.9, -0.8, 0.7, -0.6, 0.5, -0.45, 0.4, -0.35, 0.3, 0.02, 0.03, -0.01};
        INDArray phi = Nd4j.createFromArray(p);
        BufferedImage img = Pictures.decode(ShapPlots.waterfall(2.0, phi, Nd4j.zeros(12)), W,
                ShapPlots.TOP + 10 * ShapPlots.ROW_HEIGHT + ShapPlots.BOTTOM);
        // bottom row: +0.04 (the three summed) from 2.0 (too short for its value: written beyond its tip);
        // the row above: +0.3 from 2.04 to 2.34, its value written inside
        int otherStart = xs(img, 9, true, true).stream().min(Integer::compare).orElseThrow();
        List<Integer> next = xs(img, 8, true, true);
        int nextStart = next.stream().min(Integer::compare).orElseThrow();
        int nextEnd = next.stream().max(Integer::compare).orElseThrow();
        assertEquals(0.04 / 0.3, (double) (nextStart - otherStart) / (nextEnd - nextStart), 0.02,
                "the summed row's arrow is 0.04 long: the next one starts 0.04 after it");
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        INDArray phi = Nd4j.zeros(5, 3);
        String m1 = assertThrows(IllegalArgumentException.class, () -> ShapPlots.summary(phi, Nd4j.zeros(5, 4))).getMessage();
        assertTrue(m1.contains("Invalid `x`") && m1.contains("(5, 3)") && m1.contains("[5, 4]"), m1);
        String m2 = assertThrows(IllegalArgumentException.class, () -> ShapPlots.bar(phi, List.of("a", "b"))).getMessage();
        assertTrue(m2.contains("Invalid `featureNames`") && m2.contains("(3)") && m2.contains("2 names"), m2);
        String m3 = assertThrows(IllegalArgumentException.class,
                () -> ShapPlots.waterfall(0.1, Nd4j.zeros(3), Nd4j.zeros(4), null)).getMessage();
        assertTrue(m3.contains("Invalid `xRow`") && m3.contains("3"), m3);
        String m4 = assertThrows(IllegalArgumentException.class,
                () -> ShapPlots.waterfall(0.1, Nd4j.zeros(2, 3), Nd4j.zeros(3), null)).getMessage();
        assertTrue(m4.contains("Invalid `shapRow`") && m4.contains("[2, 3]"), m4);
        String m5 = assertThrows(IllegalArgumentException.class, () -> ShapPlots.summary(phi, phi, null, 0)).getMessage();
        assertTrue(m5.contains("Invalid `maxDisplay`"), m5);
        INDArray nan = Nd4j.zeros(2, 2).putScalar(1, 1, Double.NaN);
        String m6 = assertThrows(IllegalArgumentException.class, () -> ShapPlots.bar(nan)).getMessage();
        assertTrue(m6.contains("finite") && m6.contains("(1, 1)"), m6);
        String m7 = assertThrows(IllegalArgumentException.class,
                () -> ShapPlots.waterfall(Double.NaN, Nd4j.zeros(3), Nd4j.zeros(3))).getMessage();
        assertTrue(m7.contains("Invalid `expectedValue`"), m7);
        assertThrows(IllegalArgumentException.class, () -> ShapPlots.summary(null, phi));
    }

    @Test
    void numbersAreWrittenWithAboutThreeSignificantDigits() {
        assertEquals("0.213", ShapPlots.number(0.21345));
        assertEquals("12.3", ShapPlots.number(12.34));
        assertEquals("1234", ShapPlots.number(1234.4));
        assertEquals("0.5", ShapPlots.number(0.5));
        assertEquals("+0.21", ShapPlots.signed(0.21));
        assertEquals("\u22120.05", ShapPlots.signed(-0.05));
    }
}
