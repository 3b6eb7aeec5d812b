package dev.kerasj.internal.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reading Keras's HDF5 files through jHDF (pure Java) as untrusted input: string attributes as Keras writes
 * them (numpy bytes, chunked {@code name0, name1…} when large), and float datasets whose declared size is
 * checked before any data is read. Every jHDF failure becomes a {@link KerasFileException}.
 */
public final class Hdf5 {
    /** The 8-byte signature that opens an HDF5 file (at offset 0, 512, 1024… when a user block precedes it). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    static {
        // jHDF logs every group it opens at INFO and warns about itself ("writing is in alpha") on every Keras file;
        // with slf4j-simple on the class path (kerasj's shaded jar, notebooks) that is noise, not news about the
        // file (whose problems become KerasFileExceptions). A user's own setting wins.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "error");
        }
    }

    private Hdf5() {
    }

    /** Runs the static set-up above (for writers, which use jHDF without reading through this class). */
    static void quietLogging() {
    }

    /** Whether the bytes at the start of a file are HDF5's signature. */
    public static boolean isHdf5(byte[] head) {
        return head.length >= SIGNATURE.length && Arrays.equals(Arrays.copyOf(head, SIGNATURE.length), SIGNATURE);
    }

    public static HdfFile open(Path path) throws KerasFileException {
        try {
            return new HdfFile(path);
        } catch (RuntimeException e) {
            throw new KerasFileException("it is not a readable HDF5 file (" + describe(e) + ")");
        }
    }

    /** An HDF5 file held in memory or mapped from a zip entry. */
    public static HdfFile open(ByteBuffer bytes, String what) throws KerasFileException {
        try {
            return HdfFile.fromByteBuffer(bytes.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN));
        } catch (RuntimeException e) {
            throw new KerasFileException("its " + what + " is not a readable HDF5 file (" + describe(e) + ")");
        }
    }

    /** The first bytes of a file, to recognise its format by content. */
    public static byte[] head(Path path, int n) throws java.io.IOException {
        try (var in = Files.newInputStream(path)) {
            return in.readNBytes(n);
        }
    }

    /** A string attribute (a Python str or numpy bytes), or null when absent. */
    public static String string(Node node, String name) throws KerasFileException {
        Object data = attribute(node, name);
        if (data == null) {
            return null;
        }
        if (data instanceof String s) {
            return s;
        }
        if (data instanceof String[] a && a.length == 1) {
            return a[0];
        }
        if (data instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw new KerasFileException("the attribute '" + name + "' of " + node.getPath() + " is not a string");
    }

    /**
     * A list-of-strings attribute, joining Keras's chunks ({@code name0}, {@code name1}… written when the list
     * exceeds HDF5's 64 KB header limit); null when absent.
     */
    public static List<String> strings(Node node, String name) throws KerasFileException {
        Object data = attribute(node, name);
        if (data == null) {
            if (attribute(node, name + "0") == null) {
                return null;
            }
            List<String> all = new ArrayList<>();
            for (int i = 0; ; i++) {
                List<String> chunk = strings(node, name + i);
                if (chunk == null) {
                    return all;
                }
                all.addAll(chunk);
            }
        }
        List<String> out = new ArrayList<>();
        if (data instanceof String s) {
            out.add(s);
        } else if (data.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(data); i++) {
                Object e = Array.get(data, i);
                out.add(e instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(e));
            }
        } else {
            throw new KerasFileException("the attribute '" + name + "' of " + node.getPath() + " is not a list of strings");
        }
        return out;
    }

    private static Object attribute(Node node, String name) throws KerasFileException {
        try {
            Attribute a = node.getAttribute(name);
            if (a == null) {
                return null;
            }
            if (a.isEmpty()) {
                return new String[0];
            }
            return a.getData();
        } catch (RuntimeException e) {
            throw new KerasFileException("the attribute '" + name + "' of " + node.getPath() + " cannot be read ("
                    + describe(e) + ")");
        }
    }

    /** The child of a group at a relative path ({@code a/b/c}), or null. */
    public static Node child(Group group, String relative) throws KerasFileException {
        Node n = group;
        try {
            for (String part : relative.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!(n instanceof Group g) || !g.getChildren().containsKey(part)) {
                    return null;
                }
                n = g.getChild(part);
            }
            return n;
        } catch (RuntimeException e) {
            throw new KerasFileException("the HDF5 object " + group.getPath() + "/" + relative + " cannot be read ("
                    + describe(e) + ")");
        }
    }

    /**
     * A float dataset as float32 values in C order with its shape. Its declared size is checked against
     * {@code maxElements} before the data is read (a file cannot make kerasj allocate more than its model needs).
     */
    public static WeightArray read(Dataset d, String name, long maxElements) throws KerasFileException {
        try {
            long[] shape = d.isScalar() ? new long[0] : d.getDimensionsAsLong();
            long n = 1;
            for (long s : shape) {
                if (s < 0) {
                    throw new KerasFileException("the dataset " + d.getPath() + " has a negative dimension");
                }
                n = Math.multiplyExact(n, s);
            }
            if (n > maxElements) {
                throw new KerasFileException("the dataset " + d.getPath() + " declares " + n + " values, more than the "
                        + maxElements + " its layer can hold");
            }
            Class<?> type = d.getJavaType();
            if (type != float.class && type != double.class && type != Float.class && type != Double.class
                    && type != int.class && type != long.class && type != short.class && type != byte.class) {
                throw new KerasFileException("the dataset " + d.getPath() + " holds " + type.getSimpleName()
                        + " values, not numbers");
            }
            if (d instanceof io.jhdf.api.dataset.ContiguousDataset c && !d.isScalar() && n > 0
                    && d.getDataType() instanceof io.jhdf.object.datatype.FloatingPoint fp && fp.getSize() == Float.BYTES
                    && fp.getByteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN && d.getFilters().isEmpty()) {
                ByteBuffer raw = c.getBuffer(); // the stored bytes themselves (float32, little-endian, no filters)
                if (raw != null && raw.remaining() == n * Float.BYTES) {
                    return new WeightArray(name, shape, raw);
                }
            }
            Object flat = d.getDataFlat();
            float[] data = new float[(int) n];
            if (flat instanceof float[] f) {
                System.arraycopy(f, 0, data, 0, data.length);
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = ((Number) Array.get(flat, i)).floatValue();
                }
            }
            return new WeightArray(name, shape, data);
        } catch (ArithmeticException e) {
            throw new KerasFileException("the dataset " + d.getPath() + " declares more values than fit in memory");
        } catch (RuntimeException e) {
            throw new KerasFileException("the dataset " + d.getPath() + " cannot be read (" + describe(e) + ")");
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
    }
}
