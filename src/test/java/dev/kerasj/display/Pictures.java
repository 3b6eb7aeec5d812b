package dev.kerasj.display;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared checks of rendered pictures: the PNG bytes decode, to the expected size, and are not blank. Public for the
 * picture tests of other packages ({@code dev.kerasj.explain}).
 */
public final class Pictures {
    private Pictures() {
    }

    /** Decodes the PNG's bytes independently of {@link Png#image()} and checks the size it claims. */
    public static BufferedImage decode(Png png, int width, int height) throws IOException {
        byte[] b = png.bytes();
        assertEquals((byte) 0x89, b[0]);
        assertEquals('P', b[1]);
        assertEquals('N', b[2]);
        assertEquals('G', b[3]);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(b));
        assertNotNull(img, "the bytes decode as an image");
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        assertEquals(width, png.width());
        assertEquals(height, png.height());
        return img;
    }

    /** How many distinct colours the picture has. */
    public static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                seen.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    /** Whether some pixel has exactly this RGB colour. */
    public static boolean contains(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    public static void assertNotBlank(BufferedImage img) {
        assertTrue(colours(img) > 2, "the picture has content, not one flat colour");
    }

    public static int grey(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        assertEquals(r, g, "grey pixel at " + x + "," + y);
        assertEquals(g, b, "grey pixel at " + x + "," + y);
        return r;
    }
}
