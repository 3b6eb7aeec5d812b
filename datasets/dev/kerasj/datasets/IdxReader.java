package dev.kerasj.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the IDX format of the original MNIST and Fashion-MNIST files, gzip-compressed or plain.
 *
 * <p>An IDX file is a 4-byte magic number {@code 00 00 TYPE RANK}, {@code RANK} big-endian 32-bit
 * dimension sizes, then the elements in row-major order. Types: {@code 0x08} unsigned byte →
 * {@code UINT8} (what MNIST uses, and what Keras returns), {@code 0x09} → {@code INT8}, {@code 0x0B}
 * → {@code INT16}, {@code 0x0C} → {@code INT32}, {@code 0x0D} → {@code FLOAT}, {@code 0x0E} →
 * {@code DOUBLE}. Images read as (n, rows, cols), labels as (n,).
 *
 * <pre>{@code
 * INDArray images = IdxReader.read(Path.of("train-images-idx3-ubyte.gz")); // UINT8 (60000, 28, 28)
 * }</pre>
 */
public final class IdxReader {
    private IdxReader() {
    }

    /** Reads an IDX file (gzip detected by content). @throws DatasetException if truncated or malformed */
    public static INDArray read(Path file) {
        return parse(FileContents.read(file), file.toString());
    }

    /**
     * Parses the decompressed bytes of an IDX file.
     *
     * @param content the whole file
     * @param name the file's name, for messages
     * @throws DatasetException if the magic number is wrong or the data is shorter or longer than the header says
     */
    public static INDArray parse(byte[] content, String name) {
        if (content.length < 4 || content[0] != 0 || content[1] != 0) {
            throw new DatasetException("The file " + name + " is not an IDX file: expected the magic bytes 00 00 <type>"
                    + " <rank>, found " + hex(content, 4) + ". Use the uncompressed or .gz IDX files of MNIST.");
        }
        DataType type = switch (content[2]) {
            case 0x08 -> DataType.UINT8;
            case 0x09 -> DataType.INT8;
            case 0x0B -> DataType.INT16;
            case 0x0C -> DataType.INT32;
            case 0x0D -> DataType.FLOAT;
            case 0x0E -> DataType.DOUBLE;
            default -> throw new DatasetException("The file " + name + " has an unknown IDX element type 0x"
                    + String.format("%02x", content[2]) + "; expected one of 08, 09, 0b, 0c, 0d, 0e.");
        };
        int rank = content[3] & 0xff;
        int headerSize = 4 + 4 * rank;
        if (rank == 0 || content.length < headerSize) {
            throw new DatasetException("The file " + name + " is truncated: its IDX header declares rank " + rank
                    + " (" + headerSize + " header bytes) but the file has " + content.length + " bytes. Fetch it again.");
        }
        long[] shape = new long[rank];
        long expected = type.width();
        for (int i = 0; i < rank; i++) {
            int p = 4 + 4 * i;
            shape[i] = ((content[p] & 0xffL) << 24) | ((content[p + 1] & 0xff) << 16) | ((content[p + 2] & 0xff) << 8)
                    | (content[p + 3] & 0xff);
            expected *= shape[i];
        }
        long actual = content.length - (long) headerSize;
        if (actual != expected) {
            throw new DatasetException("The file " + name + " is " + (actual < expected ? "truncated" : "too long")
                    + ": its IDX header declares shape " + Arrays.toString(shape) + " of " + type + ", i.e. " + expected
                    + " data bytes, but " + actual + " follow the header. Fetch it again.");
        }
        return NdArrays.fromBytes(content, headerSize, (int) expected, type, ByteOrder.BIG_ENDIAN, shape);
    }

    static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i]));
        }
        return s.length() == 0 ? "(empty file)" : s.toString();
    }
}
