package dev.kerasj.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy's {@code .npy} arrays and {@code .npz} archives (a zip of {@code .npy} files, stored
 * or deflated), such as Keras's {@code mnist.npz} with {@code x_train}, {@code y_train},
 * {@code x_test}, {@code y_test}.
 *
 * <p>Supported element types ({@code descr}): {@code |u1} → {@code UINT8}, {@code |i1} →
 * {@code INT8}, {@code |b1} → {@code BOOL}, {@code i2 u2 i4 u4 i8 u8 f2 f4 f8} in either byte order
 * → the ND4J type of the same width; Fortran-ordered arrays are returned in C order.
 *
 * <pre>{@code
 * Map<String, INDArray> npz = NpyReader.readNpz(Path.of("mnist.npz"));
 * npz.get("x_train");   // UINT8 (60000, 28, 28)
 * }</pre>
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /** Reads every array of an {@code .npz} file, keyed by name without {@code .npy}, in archive order. */
    public static Map<String, INDArray> readNpz(Path file) {
        return parseNpz(FileContents.read(file), file.toString());
    }

    /**
     * Parses the bytes of an {@code .npz} archive.
     *
     * @throws DatasetException if the archive is truncated or corrupt, or holds an unreadable array
     */
    public static Map<String, INDArray> parseNpz(byte[] content, String name) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String key = entry.getName().endsWith(".npy")
                        ? entry.getName().substring(0, entry.getName().length() - 4) : entry.getName();
                arrays.put(key, parseNpy(zip.readAllBytes(), name + "!" + entry.getName()));
            }
        } catch (IOException e) {
            throw new DatasetException("The file " + name + " is truncated or not a valid .npz (zip) archive: " + e
                    + ". Fetch it again.", e);
        }
        if (arrays.isEmpty()) {
            throw new DatasetException("The file " + name + " is not a valid .npz archive: it holds no arrays"
                    + " (a truncated download looks like this). Fetch it again.");
        }
        return arrays;
    }

    /** Reads one {@code .npy} file. */
    public static INDArray readNpy(Path file) {
        return parseNpy(FileContents.read(file), file.toString());
    }

    /**
     * Parses the bytes of one {@code .npy} file (format versions 1.0, 2.0 and 3.0).
     *
     * @throws DatasetException if the header is malformed, the type unsupported, or the data truncated
     */
    public static INDArray parseNpy(byte[] b, String name) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.length <= i || b[i] != MAGIC[i]) {
                throw new DatasetException("The file " + name + " is not a .npy array: expected the magic bytes"
                        + " 93 4e 55 4d 50 59 (\\x93NUMPY), found " + IdxReader.hex(b, 6) + ".");
            }
        }
        if (b.length < 10) {
            throw truncated(name, "its header", b.length);
        }
        int major = b[6] & 0xff;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw truncated(name, "its header", b.length);
            }
            headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8 | (b[10] & 0xff) << 16 | (b[11] & 0xff) << 24;
            headerStart = 12;
        } else {
            throw new DatasetException("The file " + name + " has .npy format version " + major
                    + ", expected 1, 2 or 3.");
        }
        if (headerLength < 0 || b.length < headerStart + headerLength) {
            throw truncated(name, "its header", b.length);
        }
        String header = new String(b, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name);
        boolean fortran = group(FORTRAN, header, name).equals("True");
        long[] shape = parseShape(group(SHAPE, header, name));
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        DataType type = switch (descr.substring(1)) {
            case "u1" -> DataType.UINT8;
            case "i1" -> DataType.INT8;
            case "b1" -> DataType.BOOL;
            case "i2" -> DataType.INT16;
            case "u2" -> DataType.UINT16;
            case "i4" -> DataType.INT32;
            case "u4" -> DataType.UINT32;
            case "i8" -> DataType.INT64;
            case "u8" -> DataType.UINT64;
            case "f2" -> DataType.HALF;
            case "f4" -> DataType.FLOAT;
            case "f8" -> DataType.DOUBLE;
            default -> throw new DatasetException("The array " + name + " has the NumPy type '" + descr
                    + "', which kerasj cannot read; expected one of u1 i1 b1 i2 u2 i4 u4 i8 u8 f2 f4 f8."
                    + " Convert it with numpy's astype before saving.");
        };
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        long bytes = count * type.width();
        int dataStart = headerStart + headerLength;
        if (b.length - dataStart != bytes) {
            throw new DatasetException("The array " + name + " is " + (b.length - dataStart < bytes ? "truncated" : "too long")
                    + ": its header declares shape " + java.util.Arrays.toString(shape) + " of " + descr + ", i.e. " + bytes
                    + " data bytes, but " + (b.length - dataStart) + " follow the header. Fetch it again.");
        }
        if (!fortran || shape.length < 2) {
            return NdArrays.fromBytes(b, dataStart, (int) bytes, type, order, shape);
        }
        long[] reversed = new long[shape.length];
        int[] axes = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            reversed[i] = shape[shape.length - 1 - i];
            axes[i] = shape.length - 1 - i;
        }
        return NdArrays.fromBytes(b, dataStart, (int) bytes, type, order, reversed).permute(axes).dup('c');
    }

    private static DatasetException truncated(String name, String part, int length) {
        return new DatasetException("The file " + name + " is truncated: " + part + " is incomplete (" + length
                + " bytes in all). Fetch it again.");
    }

    private static String group(Pattern p, String header, String name) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new DatasetException("The file " + name + " has a malformed .npy header: expected 'descr',"
                    + " 'fortran_order' and 'shape'. Received: " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String s) {
        List<Long> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim().replace("L", "")));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
