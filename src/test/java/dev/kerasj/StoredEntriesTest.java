package dev.kerasj;

import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.testing.ZipBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored weights entry is mapped from the file at the offset the zip's own headers give (APPNOTE's local header:
 * 30 bytes, the name, the extra field), its CRC checked over the mapping; a compressed entry or an archive the
 * locator does not read with certainty (a comment after the directory) is read through the stream, with the same
 * predictions.
 */
class StoredEntriesTest {
    @TempDir
    Path dir;

    @Test
    void offsetIsWhereTheBytesAre() throws IOException {
        byte[] a = "first entry".getBytes();
        byte[] b = "the bytes of the second entry".getBytes();
        Path p = dir.resolve("two.zip");
        Files.write(p, ZipBytes.write(List.of(ZipBytes.stored("a.txt", a), ZipBytes.stored("weights/b.bin", b))));
        byte[] file = Files.readAllBytes(p);
        try (FileChannel ch = FileChannel.open(p)) {
            long at = StoredEntries.dataOffset(ch, "weights/b.bin", b.length, ZipBytes.crc(b));
            // first local header (30 + 5 + 11 bytes), then the second's 30 bytes and 13-byte name
            assertEquals(30 + 5 + a.length + 30 + 13, at);
            assertEquals(new String(b), new String(file, (int) at, b.length));
            assertEquals(-1, StoredEntries.dataOffset(ch, "weights/b.bin", b.length, ZipBytes.crc(b) ^ 1), "another CRC");
            assertEquals(-1, StoredEntries.dataOffset(ch, "c.txt", 1, 0), "absent");
        }
    }

    @Test
    void mappedStreamedAndCommentedFilesPredictAlike() throws IOException {
        Sequential m = new Sequential(new Input(6), new Dense(40, "relu"), new Dense(3, "softmax"));
        Path stored = dir.resolve("stored.keras");
        m.save(stored);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 6);
        INDArray expected = m.predict(x);
        byte[] good = Files.readAllBytes(stored);
        List<ZipBytes.Entry> deflated = new ArrayList<>();
        for (ZipBytes.Entry e : ZipBytes.read(good)) {
            deflated.add(ZipBytes.deflated(e.name(), ZipBytes.content(e)));
        }
        Path compressed = dir.resolve("deflated.keras");
        Files.write(compressed, ZipBytes.write(deflated));
        Path commented = dir.resolve("commented.keras");
        byte[] withComment = java.util.Arrays.copyOf(good, good.length + 4);
        withComment[good.length - 2] = 4; // the end record's comment length, then the comment
        System.arraycopy("note".getBytes(), 0, withComment, good.length, 4);
        Files.write(commented, withComment);
        for (Path p : List.of(stored, compressed, commented)) {
            assertEquals(expected, Model.load(p).predict(x), p.getFileName().toString());
        }
    }

    @Test
    void aFlippedByteInAMappedEntryIsNamed() throws IOException {
        Sequential m = new Sequential(new Input(6), new Dense(40, "relu"), new Dense(3, "softmax"));
        Path p = dir.resolve("flipped.keras");
        m.save(p);
        byte[] bytes = Files.readAllBytes(p);
        long at;
        long size;
        try (FileChannel ch = FileChannel.open(p)) {
            ZipBytes.Entry w = ZipBytes.read(bytes).stream().filter(e -> e.name().equals("model.weights.h5")).findFirst()
                    .orElseThrow();
            at = StoredEntries.dataOffset(ch, w.name(), w.size(), w.crc());
            assertTrue(at > 0, "a stored entry Keras-style");
            size = w.size();
        }
        bytes[(int) (at + size / 2)] ^= 0x40; // inside the HDF5 file: the CRC, checked over the mapping, tells
        Files.write(p, bytes);
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> Model.load(p));
        assertTrue(e.getMessage().contains("model.weights.h5") && e.getMessage().contains("CRC-32"), e.getMessage());
    }
}
