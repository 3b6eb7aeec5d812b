package dev.kerasj.display;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagesTest {
    @Test
    void gridHasTheDocumentedGeometryAndPixels() throws Exception {
        // 5 images 3x2 (h=3, w=2), float in [0, 1]; image i has pixel (r, c) = 1 when r == c, else 0.
        INDArray x = Nd4j.zeros(DataType.FLOAT, 5, 3, 2);
        for (int i = 0; i < 5; i++) {
            x.putScalar(new long[] {i, 0, 0}, 1.0);
            x.putScalar(new long[] {i, 1, 1}, 1.0);
        }
        Png png = Images.grid(x, 3, null, 4);
        // 3 columns, 2 rows, padding 4: width 3*2*4 + 4*4 = 40; height 2*3*4 + 3*4 = 36
        BufferedImage img = Pictures.decode(png, 40, 36);
        // image 4: column 1, row 1 -> top-left pixel at (4 + 1*(8+4), 4 + 1*(12+4)) = (16, 20)
        assertEquals(255, Pictures.grey(img, 16, 20));          // (0,0) scaled block, first pixel
        assertEquals(255, Pictures.grey(img, 16 + 3, 20 + 3));  // (0,0) block, last pixel
        assertEquals(0, Pictures.grey(img, 16 + 4, 20));        // (0,1) is 0 -> black
        assertEquals(255, Pictures.grey(img, 16 + 4, 20 + 4));  // (1,1) is 1 -> white
        assertEquals(0, Pictures.grey(img, 16, 20 + 8));        // (2,0) is 0 -> black
        // padding stays white, and the sixth cell (no image) too
        assertEquals(255, Pictures.grey(img, 0, 0));
        assertEquals(255, Pictures.grey(img, 28 + 1, 20 + 1));
    }

    @Test
    void integerPixelsAreDividedBy255AndChannelAxisOfOneIsAccepted() throws Exception {
        INDArray x = Nd4j.createFromArray(new byte[] {0, 64, (byte) 128, (byte) 255}).castTo(DataType.UBYTE).reshape(1, 2, 2, 1);
        BufferedImage img = Pictures.decode(Images.grid(x, 1, null, 1), 2 + 8, 2 + 8);
        assertEquals(0, Pictures.grey(img, 4, 4));
        assertEquals(64, Pictures.grey(img, 5, 4));
        assertEquals(128, Pictures.grey(img, 4, 5));
        assertEquals(255, Pictures.grey(img, 5, 5));
    }

    @Test
    void floatsOutsideZeroOneAreStretchedPerImage() throws Exception {
        // [-2, 0, 2, 6] -> (v + 2) / 8 * 255 = 0, 63.75, 127.5, 255 -> rounded 0, 64, 128, 255
        INDArray x = Nd4j.createFromArray(new double[] {-2, 0, 2, 6}).reshape(2, 2);
        BufferedImage img = Pictures.decode(Images.grid(x), 2 * 2 + 8, 2 * 2 + 8);
        assertEquals(0, Pictures.grey(img, 4, 4));
        assertEquals(64, Pictures.grey(img, 6, 4));
        assertEquals(128, Pictures.grey(img, 4, 6));
        assertEquals(255, Pictures.grey(img, 6, 6));
        // floats in [0, 255], e.g. ReLU activations: stretched too, 51 -> (51 - 0) / 204 * 255 = 63.75 -> 64
        INDArray relu = Nd4j.createFromArray(new float[] {0, 51, 102, 204}).reshape(1, 2, 2);
        BufferedImage r = Pictures.decode(Images.grid(relu, 1, null, 1), 2 + 8, 2 + 8);
        assertEquals(64, Pictures.grey(r, 5, 4));
        assertEquals(255, Pictures.grey(r, 5, 5));
    }

    @Test
    void captionsAddALineUnderEachImage() throws Exception {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 28, 28);
        Png png = Images.grid(x, 2, List.of("7", "2", "1", "0"), 2);
        // width 2*56 + 3*4 = 124; height 2*(56+16) + 3*4 = 156
        BufferedImage img = Pictures.decode(png, 124, 156);
        Pictures.assertNotBlank(img);
        boolean dark = false;
        for (int y = 4 + 56; y < 4 + 56 + 16; y++) {
            for (int xx = 4; xx < 4 + 56; xx++) {
                dark |= Pictures.grey(img, xx, y) < 128;
            }
        }
        assertTrue(dark, "the first caption's text is drawn under the first image");
    }

    @Test
    void filtersShowEachConvKernelOfInputChannelZero() throws Exception {
        // Keras Conv2D kernel (kh=5, kw=5, in=1, filters=32): 8 a row, 8x8 per pixel
        INDArray k = Nd4j.rand(DataType.FLOAT, 5, 5, 1, 32).subi(0.5);
        BufferedImage img = Pictures.decode(Images.filters(k), 8 * 40 + 9 * 4, 4 * 40 + 5 * 4);
        // each filter is stretched to its own range: both black and white appear in the first one
        boolean black = false;
        boolean white = false;
        for (int y = 4; y < 44; y++) {
            for (int x = 4; x < 44; x++) {
                int v = Pictures.grey(img, x, y);
                black |= v == 0;
                white |= v == 255;
            }
        }
        assertTrue(black && white);
    }

    @Test
    void rejectsBadArguments() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Images.grid(x, 0, null, 1)).getMessage()
                .contains("Invalid `columns`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Images.grid(x, 2, List.of("a"), 1)).getMessage()
                .contains("Invalid `captions`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Images.grid(Nd4j.rand(DataType.FLOAT, 2, 3, 3, 2)))
                .getMessage().contains("(n, h, w, 3)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Images.filters(x)).getMessage()
                .contains("Invalid `kernel`"));
    }
}
