package dev.kerasj.internal;

import dev.kerasj.testing.HostileModelFiles;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java .npy reader, on bytes written by the tests' own writer ({@link HostileModelFiles#npy}). */
class NpyTest {
    private static INDArray read(byte[] npy) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(npy);
        return Npy.readBody(in, Npy.readHeader(in)).toINDArray();
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void readsRowMajorFloat32() throws IOException {
        INDArray a = read(HostileModelFiles.npy(1, HostileModelFiles.dict("<f4", false, "(2, 3)"),
                floats(1.5f, -2, 3.25f, 0, 7, 8)));
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(3.25, a.getDouble(0, 2));
        assertEquals(0.0, a.getDouble(1, 0));
        assertEquals(8.0, a.getDouble(1, 2));
    }

    @Test
    void fortranOrderIsReadColumnMajor() throws IOException {
        // column-major (2, 3): columns (1.5, -2), (3.25, 0), (7, 8)
        INDArray a = read(HostileModelFiles.npy(1, HostileModelFiles.dict("<f4", true, "(2, 3)"),
                floats(1.5f, -2, 3.25f, 0, 7, 8)));
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(-2.0, a.getDouble(1, 0));
        assertEquals(3.25, a.getDouble(0, 1));
        assertEquals(7.0, a.getDouble(0, 2));
        assertEquals(8.0, a.getDouble(1, 2));
    }

    @Test
    void readsFloat64VersionTwoScalarsAndEmptyArrays() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-1e300);
        INDArray a = read(HostileModelFiles.npy(2, HostileModelFiles.dict("<f8", false, "(2,)"), d.array()));
        assertEquals(DataType.DOUBLE, a.dataType());
        assertEquals(-1e300, a.getDouble(1));
        INDArray s = read(HostileModelFiles.npy(1, HostileModelFiles.dict("<f4", false, "()"), floats(42)));
        assertEquals(0, s.rank());
        assertEquals(42.0, s.getDouble(0));
        INDArray e = read(HostileModelFiles.npy(1, HostileModelFiles.dict("<f4", false, "(0, 3)"), new byte[0]));
        assertTrue(e.isEmpty());
    }

    @Test
    void theDataMustHaveExactlyTheDeclaredLength() {
        Npy.FormatException e = assertThrows(Npy.FormatException.class, () -> read(HostileModelFiles.npy(1,
                HostileModelFiles.dict("<f4", false, "(2, 3)"), floats(1, 2, 3, 4, 5))));
        assertTrue(e.getMessage().contains("holds 20 bytes, but its header declares 24"), e.getMessage());
        e = assertThrows(Npy.FormatException.class, () -> read(HostileModelFiles.npy(1,
                HostileModelFiles.dict("<f4", false, "(2,)"), floats(1, 2, 3))));
        assertTrue(e.getMessage().contains("more data than its header declares"), e.getMessage());
    }

    @Test
    void unsupportedTypesAreNamed() {
        for (String[] c : new String[][] {{">f8", "big-endian"}, {"|O", "Python objects"}, {"<i8", "integer"},
            {"|b1", "integer or boolean"}, {"<c8", "another type"}, {"<U10", "another type"}}) {
            Npy.FormatException e = assertThrows(Npy.FormatException.class, () -> read(HostileModelFiles.npy(1,
                    HostileModelFiles.dict(c[0], false, "(1,)"), new byte[8])));
            assertTrue(e.getMessage().contains("'" + c[0] + "' (" + c[1]), e.getMessage());
        }
    }
}
