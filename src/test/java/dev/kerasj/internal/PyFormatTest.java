package dev.kerasj.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PyFormatTest {
    @Test
    void reprMatchesPython() {
        // Values as Python 3 prints them with repr(float).
        assertEquals("0.1", PyFormat.repr(0.1));
        assertEquals("2.0", PyFormat.repr(2.0));
        assertEquals("-3.5", PyFormat.repr(-3.5));
        assertEquals("0.0001", PyFormat.repr(1e-4));
        assertEquals("1e-05", PyFormat.repr(1e-5));
        assertEquals("1.5e-05", PyFormat.repr(1.5e-5));
        assertEquals("123456789.0", PyFormat.repr(123456789.0));
        assertEquals("1e+16", PyFormat.repr(1e16));
        assertEquals("0.6931471824645996", PyFormat.repr((double) (float) Math.log(2)));
        assertEquals("nan", PyFormat.repr(Double.NaN));
        assertEquals("-inf", PyFormat.repr(Double.NEGATIVE_INFINITY));
        assertEquals("0.0", PyFormat.repr(0.0));
    }

    @Test
    void formatMatchesStrFormat() {
        Map<String, Object> v = Map.of("epoch", 7, "val_loss", 0.123456, "acc", 0.5);
        // "{epoch:02d}-{val_loss:.2f}".format(epoch=7, val_loss=0.123456) == "07-0.12"
        assertEquals("07-0.12", PyFormat.format("{epoch:02d}-{val_loss:.2f}", v));
        assertEquals("7 0.123456 0.5", PyFormat.format("{epoch} {val_loss} {acc}", v));
        assertEquals("1.235e-01|  7|50.0%|{x}", PyFormat.format("{val_loss:.3e}|{epoch:3d}|{acc:.1%}|{{x}}", v));
        assertThrows(IllegalArgumentException.class, () -> PyFormat.format("{val_loss:d}", v));
        assertThrows(IllegalArgumentException.class, () -> PyFormat.format("{nope}", v));
    }
}
