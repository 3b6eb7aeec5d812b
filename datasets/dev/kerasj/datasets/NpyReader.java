package dev.kerasj.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy's {@code .npy} arrays and {@code .npz} archives (a zip of {@code .npy} files, stored
 * or deflated), such as Keras's {@code mnist.npz} with {@code x_train}, {@code y_train},
 * {@code x_test}, {@code y_test}.
 *
 * <p>Supported element types ({@code descr}): {@code |u1} → {@code UINT8}, {@code |i1} →
 * {@code INT8}, {@code |b1} → {@code BOOL}, little-endian {@code i2 u2 i4 u4 i8 u8 f2 f4 f8} → the ND4J
 * type of the same width; a Fortran-ordered array comes back as an {@code 'f'}-ordered INDArray (same
 * values). Parsing is kerasj's one {@code .npy} reader, {@link dev.kerasj.internal.Npy}, the strict Java
 * parser model files use (header checked before any data is copied; exact data length).
 *
 * <pre>{@code
 * Map<String, INDArray> npz = NpyReader.readNpz(Path.of("mnist.npz"));
 * npz.get("x_train");   // UINT8 (60000, 28, 28)
 * }</pre>
 */
public final class NpyReader {

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
        // one .npy parser for kerasj: the strict Java reader model files use, with every numeric dtype allowed
        try (java.io.InputStream in = new ByteArrayInputStream(b)) {
            dev.kerasj.internal.Npy.Header h = dev.kerasj.internal.Npy.readHeader(in, true);
            if (h.shape().length == 0 && h.dataType() != DataType.FLOAT && h.dataType() != DataType.DOUBLE) {
                throw new DatasetException("The array " + name + " is a " + h.descr() + " scalar; kerasj reads arrays"
                        + " (or float scalars).");
            }
            return dev.kerasj.internal.Npy.readBody(in, h).toINDArray();
        } catch (dev.kerasj.internal.Npy.FormatException e) {
            throw new DatasetException("The file " + name + " is truncated or not a readable .npy array: " + e.getMessage()
                    + ". Fetch it again.", e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read the array " + name + ": " + e, e);
        }
    }
}
