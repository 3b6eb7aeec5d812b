package dev.kerasj.explain;

import dev.kerasj.display.Pictures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heat maps over images, read back pixel by pixel against the blend and colour-map formulas. */
class HeatmapsTest {
    private static int[] rgb(BufferedImage img, int x, int y) {
        int c = img.getRGB(x, y);
        return new int[] {(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff};
    }

    private static void assertRgb(int[] expected, int[] actual, String what) {
        for (int k = 0; k < 3; k++) {
            assertEquals(expected[k], actual[k], 1, what + ": expected " + java.util.Arrays.toString(expected) + ", got "
                    + java.util.Arrays.toString(actual));
        }
    }

    @Test
    void gradCamSizedMapIsUpsampledOverTheImageHottestCellRed() throws Exception {
        // a 28x28 grey image (0.5) and a 7x7 map, hot at cell (2, 5): 4x4 image pixels per cell, scale 8 → 224x224
        INDArray image = Nd4j.valueArrayOf(new long[] {28, 28, 1}, 0.5);
        INDArray heat = Nd4j.zeros(DataType.FLOAT, 7, 7);
        heat.putScalar(2, 5, 1.0);
        BufferedImage img = Pictures.decode(Heatmaps.overlay(image, heat), 224, 224);
        // cells are 32 pixels; cell (2, 5)'s centre is at x = 176, y = 80, a pixel border: pixel (176, 80) has its centre
        // 0.5/32 of a cell right of and below it, so the map there is (1 − 1/64)² by linear interpolation
        int[] hot = rgb(img, 176, 80);
        assertTrue(hot[0] > hot[1] + 40 && hot[0] > hot[2] + 40, "red-ish at the hottest cell: " + java.util.Arrays.toString(hot));
        assertRgb(blend(0.5, Heatmaps.jet((1 - 1 / 64.0) * (1 - 1 / 64.0))), hot, "hottest cell");
        // far from it the map is 0: jet(0) = (0, 0, 0.5), blended 0.4 over grey 0.5 → (0.3, 0.3, 0.5)
        assertRgb(new int[] {77, 77, 128}, rgb(img, 5, 220), "cold corner");
        // pixel (176, 96): its centre y = 96.5 is 16.5/32 of the way from cell row 2's centre (80) to row 3's (112)
        assertRgb(blend(0.5, Heatmaps.jet((1 - 16.5 / 32) * (1 - 1 / 64.0))), rgb(img, 176, 96), "between cells");
    }

    /** 0.6 × a grey level + 0.4 × a colour, as 0-255 levels. */
    private static int[] blend(double grey, double[] c) {
        return new int[] {level(0.6 * grey + 0.4 * c[0]), level(0.6 * grey + 0.4 * c[1]), level(0.6 * grey + 0.4 * c[2])};
    }

    private static int level(double v) {
        return (int) Math.round(v * 255);
    }

    @Test
    void jetIsMatplotlibs() {
        assertArrayEquals(new double[] {0, 0, 0.5}, Heatmaps.jet(0), 1e-12);
        assertArrayEquals(new double[] {0.5, 0, 0}, Heatmaps.jet(1), 1e-12);
        // matplotlib's _jet_data: red (0.35, 0) (0.66, 1) (0.89, 1) (1, 0.5); green (0.125, 0) (0.375, 1) (0.64, 1)
        // (0.91, 0); blue (0, 0.5) (0.11, 1) (0.34, 1) (0.65, 0)
        assertArrayEquals(new double[] {0.025 / 0.31, 1, 1 - 0.035 / 0.31}, Heatmaps.jet(0.375), 1e-12);
        assertArrayEquals(new double[] {0.3 / 0.31, 1 - 0.01 / 0.27, 0}, Heatmaps.jet(0.65), 1e-12);   // yellow
        assertArrayEquals(new double[] {0.4901960784313725, 1, 0.4775458570524984}, Heatmaps.jet(0.5), 0.02); // cm.jet(0.5)
    }

    @Test
    void imagesIn0To255AndIntegerImagesAreDividedBy255() throws Exception {
        INDArray heat = Nd4j.rand(DataType.FLOAT, 4, 4);
        INDArray unit = Nd4j.rand(DataType.FLOAT, 8, 8, 3);
        BufferedImage a = Pictures.decode(Heatmaps.overlay(unit, heat, 0.4, 2), 16, 16);
        BufferedImage b = Pictures.decode(Heatmaps.overlay(unit.mul(255), heat, 0.4, 2), 16, 16);
        BufferedImage c = Pictures.decode(Heatmaps.overlay(unit.reshape(1, 8, 8, 3), heat, 0.4, 2), 16, 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertRgb(rgb(a, x, y), rgb(b, x, y), "[0, 255] floats at " + x + "," + y);
                assertRgb(rgb(a, x, y), rgb(c, x, y), "batch axis of 1 at " + x + "," + y);
            }
        }
        // alpha 0: the image itself, each pixel a 2x2 block
        BufferedImage plain = Pictures.decode(Heatmaps.overlay(unit, heat, 0, 2), 16, 16);
        assertRgb(new int[] {level(unit.getDouble(3, 5, 0)), level(unit.getDouble(3, 5, 1)), level(unit.getDouble(3, 5, 2))},
                rgb(plain, 11, 7), "pixel (row 3, column 5) drawn at x 10..11, y 6..7");
        INDArray bytes = Nd4j.createFromArray(new byte[] {0, 51, 102, (byte) 255}).castTo(DataType.UBYTE).reshape(2, 2);
        BufferedImage g = Pictures.decode(Heatmaps.overlay(bytes, Nd4j.zeros(2, 2), 0, 1), 2, 2);
        assertRgb(new int[] {51, 51, 51}, rgb(g, 1, 0), "uint8 51 is 0.2");
    }

    @Test
    void signedMapsAreRedWhereAttributionIsPositiveBlueWhereNegativeAndLeaveZerosAlone() throws Exception {
        INDArray image = Nd4j.valueArrayOf(new long[] {4, 4}, 0.5);
        INDArray heat = Nd4j.zeros(4, 4);
        heat.putScalar(0, 0, 2.0);
        heat.putScalar(3, 3, -2.0);
        BufferedImage img = Pictures.decode(Heatmaps.overlay(image, heat, 1.0, 10), 40, 40);
        assertTrue(ShapPlotsTest.isRed(img.getRGB(2, 2)), "positive corner red");
        assertTrue(ShapPlotsTest.isBlue(img.getRGB(37, 37)), "negative corner blue");
        assertRgb(new int[] {128, 128, 128}, rgb(img, 37, 2), "zero leaves the image");
        BufferedImage alone = Pictures.decode(Heatmaps.heatmap(heat, 10), 40, 40);
        assertRgb(new int[] {255, 255, 255}, rgb(alone, 37, 2), "alone, zero is white");
        assertTrue(ShapPlotsTest.isRed(alone.getRGB(2, 2)));
    }

    @Test
    void attributionsWithChannelsAreReducedByTheLargestMagnitude() throws Exception {
        // (4, 4, 3): +1 everywhere but −5 in channel 1 at (1, 2): the hottest place is (1, 2), whatever the sign
        INDArray a = Nd4j.ones(4, 4, 3);
        a.putScalar(new long[] {1, 2, 1}, -5.0);
        // scale 9: cell (r, c)'s centre is the centre of pixel (9c + 4, 9r + 4)
        BufferedImage img = Pictures.decode(Heatmaps.heatmap(a, 9), 36, 36);
        double[] hot = Heatmaps.jet(1.0);
        double[] rest = Heatmaps.jet(0.2);
        assertRgb(new int[] {level(hot[0]), level(hot[1]), level(hot[2])}, rgb(img, 2 * 9 + 4, 1 * 9 + 4), "max at (1, 2)");
        assertRgb(new int[] {level(rest[0]), level(rest[1]), level(rest[2])}, rgb(img, 4, 31), "|1| / 5 elsewhere");
    }

    @Test
    void defaultScaleReachesTheMinimumSide() throws Exception {
        assertEquals(8, Heatmaps.defaultScale(28, 28));
        assertEquals(1, Heatmaps.defaultScale(300, 200));
        assertEquals(2, Heatmaps.defaultScale(100, 150));
        Pictures.decode(Heatmaps.heatmap(Nd4j.rand(7, 7)), 224, 224);
        Pictures.decode(Heatmaps.overlay(Nd4j.rand(32, 32, 3), Nd4j.rand(4, 4)), 224, 224);
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        String m1 = assertThrows(IllegalArgumentException.class, () -> Heatmaps.overlay(Nd4j.zeros(784), Nd4j.zeros(7, 7)))
                .getMessage();
        assertTrue(m1.contains("Invalid `image`") && m1.contains("[784]"), m1);
        String m2 = assertThrows(IllegalArgumentException.class, () -> Heatmaps.overlay(Nd4j.zeros(28, 28, 2),
                Nd4j.zeros(7, 7))).getMessage();
        assertTrue(m2.contains("(h, w, 3)") && m2.contains("[28, 28, 2]"), m2);
        String m3 = assertThrows(IllegalArgumentException.class, () -> Heatmaps.heatmap(Nd4j.zeros(7))).getMessage();
        assertTrue(m3.contains("Invalid `heat`") && m3.contains("[7]"), m3);
        String m4 = assertThrows(IllegalArgumentException.class, () -> Heatmaps.overlay(Nd4j.zeros(28, 28),
                Nd4j.zeros(7, 7), 1.5, 8)).getMessage();
        assertTrue(m4.contains("Invalid `alpha`") && m4.contains("1.5"), m4);
        String m5 = assertThrows(IllegalArgumentException.class, () -> Heatmaps.heatmap(Nd4j.zeros(7, 7), 0)).getMessage();
        assertTrue(m5.contains("Invalid `scale`") && m5.contains("scale=0"), m5);
        INDArray nan = Nd4j.zeros(2, 2).putScalar(0, 1, Double.NaN);
        String m6 = assertThrows(IllegalArgumentException.class, () -> Heatmaps.heatmap(nan)).getMessage();
        assertTrue(m6.contains("finite") && m6.contains("(0, 1)"), m6);
    }
}
