package dev.kerasj.datasets;

import dev.kerasj.datasets.DatasetException;
import dev.kerasj.datasets.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadersTest {
    @TempDir
    Path dir;

    private static final byte[] PIXELS = {0, 1, 2, (byte) 127, (byte) 128, (byte) 200, (byte) 254, (byte) 255, 9, 10, 11, 12};

    @Test
    void idxUbytePlainAndGzipGiveUint8WithShape() {
        byte[] idx = TestFiles.idxUbyte(new int[] {2, 2, 3}, PIXELS);
        for (Path p : new Path[] {TestFiles.write(dir, "a-idx3-ubyte", idx),
                TestFiles.write(dir, "a-idx3-ubyte.gz", TestFiles.gzip(idx))}) {
            INDArray x = IdxReader.read(p);
            assertEquals(DataType.UINT8, x.dataType());
            assertArrayEquals(new long[] {2, 2, 3}, x.shape());
            assertEquals(255, x.getInt(1, 0, 1));
            assertEquals(200, x.getInt(0, 1, 2));
            assertEquals(12, x.getInt(1, 1, 2));
        }
    }

    @Test
    void idxLabelsAndBigEndianInts() {
        INDArray labels = IdxReader.parse(TestFiles.idxUbyte(new int[] {5}, new byte[] {5, 0, 4, 1, 9}), "labels");
        assertArrayEquals(new long[] {5}, labels.shape());
        assertArrayEquals(new long[] {5, 0, 4, 1, 9}, labels.castTo(DataType.INT64).toLongVector());
        INDArray ints = IdxReader.parse(TestFiles.idxInt(new int[] {3}, new int[] {1, -2, 70000}), "ints");
        assertEquals(DataType.INT32, ints.dataType());
        assertArrayEquals(new int[] {1, -2, 70000}, ints.toIntVector());
    }

    @Test
    void truncatedIdxNamesFileAndByteCounts() {
        byte[] idx = TestFiles.idxUbyte(new int[] {2, 2, 3}, PIXELS);
        byte[] cut = Arrays.copyOf(idx, idx.length - 5);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.parse(cut, "x-idx3-ubyte"));
        assertTrue(e.getMessage().contains("x-idx3-ubyte is truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("12 data bytes, but 7 follow"), e.getMessage());
        assertThrows(DatasetException.class, () -> IdxReader.parse(new byte[] {1, 2, 3, 4}, "junk"));
    }

    @Test
    void truncatedGzipIsAClearError() {
        byte[] gz = TestFiles.gzip(TestFiles.idxUbyte(new int[] {2, 2, 3}, PIXELS));
        Path p = TestFiles.write(dir, "cut.gz", Arrays.copyOf(gz, gz.length - 10));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains("truncated or not valid gzip"), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void npzWithUint8FloatAndFortranOrder() {
        ByteBuffer f = ByteBuffer.allocate(4 * 6).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            f.putFloat(i + 0.5f);
        }
        // Fortran order (2, 3): memory holds columns [0,3], [1,4], [2,5] of the C matrix [[0,1,2],[3,4,5]]
        byte[] fortran = {0, 3, 1, 4, 2, 5};
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("x_train", TestFiles.npy("|u1", false, new long[] {2, 2, 3}, PIXELS));
        arrays.put("y_train", TestFiles.npy("|u1", false, new long[] {2}, new byte[] {7, (byte) 250}));
        arrays.put("f", TestFiles.npy("<f4", false, new long[] {2, 3}, f.array()));
        arrays.put("fortran", TestFiles.npy("|u1", true, new long[] {2, 3}, fortran));
        Path p = TestFiles.write(dir, "small.npz", TestFiles.npz(arrays));

        Map<String, INDArray> npz = NpyReader.readNpz(p);
        assertEquals(java.util.List.of("x_train", "y_train", "f", "fortran"), java.util.List.copyOf(npz.keySet()));
        INDArray x = npz.get("x_train");
        assertEquals(DataType.UINT8, x.dataType());
        assertArrayEquals(new long[] {2, 2, 3}, x.shape());
        assertEquals(255, x.getInt(1, 0, 1));
        assertEquals(250, npz.get("y_train").getInt(1));
        assertEquals(DataType.FLOAT, npz.get("f").dataType());
        assertEquals(5.5f, npz.get("f").getFloat(1, 2));
        INDArray fo = npz.get("fortran");
        assertArrayEquals(new long[] {2, 3}, fo.shape());
        assertEquals(1, fo.getInt(0, 1));
        assertEquals(3, fo.getInt(1, 0));
        assertEquals(5, fo.getInt(1, 2));
    }

    @Test
    void truncatedNpzAndNpyAreClearErrors() {
        byte[] npy = TestFiles.npy("|u1", false, new long[] {2, 2, 3}, PIXELS);
        DatasetException short1 = assertThrows(DatasetException.class,
                () -> NpyReader.parseNpy(Arrays.copyOf(npy, npy.length - 2), "x.npy"));
        assertTrue(short1.getMessage().contains("x.npy is truncated"), short1.getMessage());
        byte[] npz = TestFiles.npz(Map.of("x_train", npy));
        Path p = TestFiles.write(dir, "cut.npz", Arrays.copyOf(npz, npz.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> NpyReader.readNpz(p));
        assertTrue(e.getMessage().contains("cut.npz"), e.getMessage());
        assertTrue(e.getMessage().contains("Fetch it again"), e.getMessage());
    }
}
