package dev.kerasj.display;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfusionMatrixTest {
    @Test
    void countsTrueClassesAgainstArgMaxOfScores() {
        // labels 0,0,1,2,2,2; predicted (arg-max) 0,1,1,2,0,2
        var yTrue = Nd4j.createFromArray(0, 0, 1, 2, 2, 2);
        var scores = Nd4j.createFromArray(new float[][] {
            {0.8f, 0.1f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.6f, 0.3f},
            {0.0f, 0.1f, 0.9f}, {0.5f, 0.2f, 0.3f}, {0.3f, 0.3f, 0.4f}});
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, scores);
        assertArrayEquals(new long[] {1, 1, 0}, cm.counts()[0]);
        assertArrayEquals(new long[] {0, 1, 0}, cm.counts()[1]);
        assertArrayEquals(new long[] {1, 0, 2}, cm.counts()[2]);
        assertEquals(4.0 / 6.0, cm.accuracy(), 1e-12);
        assertEquals(3, cm.numClasses());
    }

    @Test
    void acceptsOneHotLabelsClassPredictionsAndAMinimumClassCount() {
        var oneHot = Nd4j.createFromArray(new float[][] {{0, 1}, {1, 0}});
        ConfusionMatrix cm = ConfusionMatrix.of(oneHot, Nd4j.createFromArray(1, 1), 4);
        assertEquals(4, cm.numClasses());
        assertEquals(1, cm.count(1, 1));
        assertEquals(1, cm.count(0, 1));
        assertEquals(0, cm.count(3, 3));
    }

    @Test
    void heatMapHasTheDocumentedSizeAndTheLargestCountIsDarkest() throws Exception {
        var yTrue = Nd4j.createFromArray(0, 0, 0, 1, 1, 2);
        var yPred = Nd4j.createFromArray(0, 0, 0, 1, 2, 2);
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred).labels(List.of("cat", "dog", "bird"));
        int k = 3;
        BufferedImage img = Pictures.decode(cm.toPng(), ConfusionMatrix.LEFT + k * ConfusionMatrix.CELL + ConfusionMatrix.RIGHT,
                ConfusionMatrix.TOP + k * ConfusionMatrix.CELL + ConfusionMatrix.BOTTOM);
        Pictures.assertNotBlank(img);
        // cell (0,0) holds the maximum (3): Blues' darkest (8, 48, 107) at its corner (away from the digits);
        // cell (0,1) holds 0: white.
        int x00 = ConfusionMatrix.LEFT + 3;
        int y00 = ConfusionMatrix.TOP + 3;
        assertEquals((8 << 16) | (48 << 8) | 107, img.getRGB(x00, y00) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(x00 + ConfusionMatrix.CELL, y00) & 0xffffff);
        // cell (1,1) holds 1 of 3: 255 + (8-255)/3 = 172.67 -> 173, 255 + (48-255)/3 = 186, 255 + (107-255)/3 = 205.67 -> 206
        assertEquals((173 << 16) | (186 << 8) | 206,
                img.getRGB(x00 + ConfusionMatrix.CELL, y00 + ConfusionMatrix.CELL) & 0xffffff);
    }

    @Test
    void rejectsMismatchedLengthsAndNegativeClasses() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(Nd4j.createFromArray(0, 1), Nd4j.createFromArray(0)));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(Nd4j.createFromArray(0, -1), Nd4j.createFromArray(0, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(Nd4j.createFromArray(0, 1), Nd4j.createFromArray(0, 1)).labels(List.of("a")));
    }
}
