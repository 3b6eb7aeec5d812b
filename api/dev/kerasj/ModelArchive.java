package dev.kerasj;


import dev.kerasj.internal.Npy;
import dev.kerasj.internal.InvalidModelFileException;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The entries of a {@code .kerasj} zip read as untrusted input: names checked when it is opened (only
 * {@code kerasj.json}, {@code weights/<layer>/<i>.npy} and {@code optimizer/state.npy}, each once; DL4J
 * {@code ModelSerializer} entries refused with the reason), and each entry read through a stream that stops
 * as soon as it inflates beyond the size its caller expects (and the file beyond {@link #MAX_TOTAL_BYTES}),
 * with its CRC-32 compared to the one the zip records. Every failure, the zip library's included, is an
 * {@link InvalidModelFileException} naming the entry.
 */
final class ModelArchive implements Closeable {
    /** The most bytes all entries of one file may inflate to together. */
    static final long MAX_TOTAL_BYTES = 4L << 30;
    private static final Pattern ALLOWED = Pattern.compile("kerasj\\.json|weights/\\d{1,9}/\\d{1,9}\\.npy|optimizer/state\\.npy");
    /** A Keras 3 {@code .keras} zip: its three entries and the {@code assets/} Keras writes (ignored). */
    static final Pattern KERAS_ENTRIES = Pattern.compile("metadata\\.json|config\\.json|model\\.weights\\.h5|"
            + "model\\.weights\\.npz|assets/?[^\\\\:]*");

    private final Path path;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;
    private final Set<String> read = new LinkedHashSet<>();
    private long totalRead;

    private ModelArchive(Path path, ZipFile zip, Map<String, ZipEntry> entries) {
        this.path = path;
        this.zip = zip;
        this.entries = entries;
    }

    /** Opens the zip and checks its entry names. */
    static ModelArchive open(Path path) throws IOException {
        return open(path, ALLOWED);
    }

    /** Opens the zip and checks its entry names against {@code allowed}. */
    static ModelArchive open(Path path, Pattern allowed) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException | RuntimeException e) {
            throw new InvalidModelFileException(path, "it is not a kerasj model file (not a zip archive: "
                    + e.getMessage() + ")");
        }
        try {
            return new ModelArchive(path, zip, names(zip, path, allowed));
        } catch (IOException | RuntimeException e) {
            zip.close();
            if (e instanceof InvalidModelFileException i) {
                throw i;
            }
            throw new InvalidModelFileException(path, "its zip directory is damaged (" + describe(e) + ")");
        }
    }

    private static Map<String, ZipEntry> names(ZipFile zip, Path path, Pattern allowed) throws IOException {
        Map<String, ZipEntry> out = new LinkedHashMap<>();
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            String name = e.getName();
            if (name.endsWith(".bin") || name.startsWith("objects/") || "configuration.json".equals(name)) {
                throw new InvalidModelFileException(path, "it contains the entry '" + name + "' of a DL4J ModelSerializer "
                        + "file. kerasj refuses such files because DL4J reads preprocessor.bin and objects/* with an "
                        + "unfiltered Java ObjectInputStream, which can run arbitrary code from an untrusted file. Rebuild the "
                        + "model with kerasj and save it with model.save(path)");
            }
            if (!allowed.matcher(name).matches() || name.contains("..")) {
                throw new InvalidModelFileException(path, "it contains an unexpected entry '" + printable(name) + "'");
            }
            if (out.put(name, e) != null) {
                throw new InvalidModelFileException(path, "it contains the entry '" + name + "' twice");
            }
        }
        return out;
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    /** Refuses entries outside {@code expected}: a file must hold what its config describes and nothing else. */
    void requireOnly(Set<String> expected) throws InvalidModelFileException {
        for (String name : entries.keySet()) {
            if (!expected.contains(name)) {
                throw new InvalidModelFileException(path, "it contains the entry '" + name + "', which its config does not use");
            }
        }
    }

    /** The whole entry, refused beyond {@code maxBytes}; CRC-checked. */
    byte[] readBytes(String name, long maxBytes) throws IOException {
        ZipEntry entry = entries.get(name);
        long size = entry == null ? -1 : entry.getSize();
        if (size >= 0 && size <= Math.min(maxBytes, Integer.MAX_VALUE - 16)) {
            // the declared size (checked against the bound first): one array, read in large blocks, no regrowing
            return read(name, maxBytes, in -> {
                byte[] out = new byte[(int) size];
                int n = in.readNBytes(out, 0, out.length);
                if (n < out.length) {
                    return java.util.Arrays.copyOf(out, n); // shorter than declared: the size check names it
                }
                // longer than declared (lying sizes): read on, so the bound or the size check names it
                byte[] rest = in.readAllBytes();
                if (rest.length == 0) {
                    return out;
                }
                byte[] all = java.util.Arrays.copyOf(out, out.length + rest.length);
                System.arraycopy(rest, 0, all, out.length, rest.length);
                return all;
            });
        }
        return read(name, maxBytes, InputStream::readAllBytes);
    }

    /**
     * A stored (uncompressed) entry of at most {@code maxBytes}, mapped from the file instead of copied, its CRC-32
     * checked over the mapping; null when the entry is compressed or its bytes cannot be located exactly (a zip64
     * or prefixed archive), for the caller to read it with {@link #readBytes} instead. The zip library's own
     * directory and this one's reading of it must agree on the entry's size and CRC.
     */
    ByteBuffer mapStored(String name, long maxBytes) throws IOException {
        ZipEntry entry = entries.get(name);
        if (entry == null || entry.getMethod() != ZipEntry.STORED || entry.getSize() < 0 || read.contains(name)) {
            return null;
        }
        long limit = Math.min(maxBytes, MAX_TOTAL_BYTES - totalRead);
        if (entry.getSize() > limit) {
            throw new InvalidModelFileException(path, "entry '" + name + "' declares " + entry.getSize() + " bytes, more than "
                    + "the " + limit + " it can hold");
        }
        ByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long at = StoredEntries.dataOffset(ch, name, entry.getSize(), entry.getCrc());
            if (at < 0) {
                return null;
            }
            mapped = ch.map(FileChannel.MapMode.READ_ONLY, at, entry.getSize()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException | RuntimeException e) {
            return null; // unmappable here (a special file system, too large): the stream reads it
        }
        CRC32 crc = new CRC32();
        try {
            crc.update(mapped.duplicate());
        } catch (InternalError e) { // the file shrank under the mapping
            throw new InvalidModelFileException(path, "entry '" + name + "' is damaged (the file changed while it was read)");
        }
        if (crc.getValue() != entry.getCrc()) {
            throw crcMismatch(entry, crc);
        }
        read.add(name);
        totalRead += entry.getSize();
        return mapped;
    }

    /**
     * One {@code .npy} entry: the header is read and given to {@code check} (which refuses a shape or type the
     * model cannot use) before the data block is read; at most {@code maxDataBytes} of data are accepted.
     */
    Npy.Array readNpy(String name, long maxDataBytes, HeaderCheck check) throws IOException {
        return read(name, Npy.MAX_PREAMBLE_BYTES + Npy.MAX_HEADER_BYTES + maxDataBytes, in -> {
            Npy.Header header;
            try {
                header = Npy.readHeader(in);
            } catch (Npy.FormatException e) {
                throw new InvalidModelFileException(path, "entry '" + name + "' is not a valid .npy array: " + e.getMessage());
            }
            check.check(header);
            try {
                return Npy.readBody(in, header);
            } catch (Npy.FormatException e) {
                throw new InvalidModelFileException(path, "entry '" + name + "' is not a valid .npy array: " + e.getMessage());
            }
        });
    }

    /** Decides whether an array's header fits the model; throws {@link InvalidModelFileException} when not. */
    interface HeaderCheck {
        void check(Npy.Header header) throws InvalidModelFileException;
    }

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private <T> T read(String name, long maxBytes, Reader<T> reader) throws IOException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new InvalidModelFileException(path, "its entry '" + name + "' is missing");
        }
        if (!read.add(name)) {
            throw new IllegalStateException("entry '" + name + "' read twice");
        }
        long limit = Math.min(maxBytes, MAX_TOTAL_BYTES - totalRead);
        if (entry.getSize() > limit) {
            throw new InvalidModelFileException(path, "entry '" + name + "' declares " + entry.getSize() + " bytes, more than "
                    + "the " + limit + " it can hold");
        }
        CRC32 crc = new CRC32();
        T value;
        long size;
        try (LimitedInputStream limited = new LimitedInputStream(zip.getInputStream(entry), limit, name);
             PushbackInputStream in = new PushbackInputStream(new CheckedInputStream(limited, crc), 2)) {
            byte[] head = in.readNBytes(2);
            in.unread(head);
            if (head.length == 2 && (head[0] & 0xff) == 0xAC && (head[1] & 0xff) == 0xED) {
                throw new InvalidModelFileException(path, "entry '" + name + "' holds Java-serialized data, which kerasj "
                        + "never deserializes (it can run arbitrary code)");
            }
            try {
                value = reader.read(in);
            } catch (InvalidModelFileException e) {
                throw damagedOr(e, in, crc, entry);
            }
            if (in.read() != -1) {
                throw new IllegalStateException("reader of '" + name + "' stopped before the end");
            }
            size = limited.count;
        } catch (InvalidModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelFileException(path, "entry '" + name + "' is damaged (" + describe(e) + ")");
        }
        totalRead += size;
        if (entry.getCrc() != crc.getValue()) {
            throw crcMismatch(entry, crc);
        }
        if (entry.getSize() != -1 && entry.getSize() != size) {
            throw new InvalidModelFileException(path, "entry '" + name + "' is damaged: it holds " + size + " bytes where the "
                    + "zip records " + entry.getSize());
        }
        return value;
    }

    /**
     * What to report when an entry's content was refused: damage, when the rest of the entry (read within its
     * bound) does not match the recorded CRC-32, since a flipped bit is better named as such; else {@code refusal}.
     */
    private InvalidModelFileException damagedOr(InvalidModelFileException refusal, InputStream rest, CRC32 crc,
            ZipEntry entry) {
        try {
            rest.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            return refusal; // beyond its bound or unreadable: the refusal says enough
        }
        return crc.getValue() != entry.getCrc() ? crcMismatch(entry, crc) : refusal;
    }

    private InvalidModelFileException crcMismatch(ZipEntry entry, CRC32 crc) {
        return new InvalidModelFileException(path, "entry '" + entry.getName() + "' is damaged: its CRC-32 is "
                + hex(crc.getValue()) + " where the zip records " + hex(entry.getCrc()));
    }

    private static String hex(long crc) {
        return String.format("%08x", crc);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }

    private static String printable(String name) {
        String s = name.length() > 80 ? name.substring(0, 80) + "…" : name;
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Counts what passes and refuses to go beyond a limit, naming the entry. */
    private final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private final String name;
        private long count;

        LimitedInputStream(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            refuseIfBeyond();
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            refuseIfBeyond(); // once beyond, every read throws (never returns 0, which readers would retry forever)
            // Never ask for more than one byte past the limit, so an oversized entry is noticed at once.
            int n = super.read(b, off, (int) Math.min(len, limit - count + 1));
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported");
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void advance(int n) throws InvalidModelFileException {
            count += n;
            refuseIfBeyond();
        }

        private void refuseIfBeyond() throws InvalidModelFileException {
            if (count > limit) {
                throw new InvalidModelFileException(path, "entry '" + name + "' inflates beyond " + limit
                        + " bytes, more than its content can need");
            }
        }
    }
}
