package dev.kerasj.datasets;


import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a file's decompressed content (gzip is detected by its magic bytes, not by the name) and
 * computes SHA-256 sums, the form in which kerasj verifies every dataset file.
 *
 * <pre>{@code
 * byte[] idx = FileContents.read(Path.of("train-labels-idx1-ubyte.gz")); // 60008 bytes
 * String sum = FileContents.sha256(idx);                                 // "65a50cbb..."
 * }</pre>
 */
public final class FileContents {
    /** The most a file whose size is not known may hold once decompressed: 1 GiB. */
    public static final long DEFAULT_LIMIT = 1L << 30;
    private static final int BUFFER = 1 << 16;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private FileContents() {
    }

    /** {@link #read(Path, long)} with the {@link #DEFAULT_LIMIT}. */
    public static byte[] read(Path file) {
        return read(file, DEFAULT_LIMIT);
    }

    /**
     * The whole decompressed content of {@code file}: gunzipped when it starts with the gzip magic
     * bytes {@code 1f 8b}, as is otherwise. Reading stops at {@code limit} bytes, so a corrupt or
     * hostile gzip stream cannot inflate without bound.
     *
     * @param limit the most bytes the content may hold (a known file's size)
     * @throws DatasetException if the file is missing, unreadable, a truncated/corrupt gzip stream, or
     *     longer than {@code limit}
     */
    public static byte[] read(Path file, long limit) {
        try (InputStream in = open(file)) {
            return readAtMost(in, limit, file.toString());
        } catch (EOFException | ZipException e) {
            throw new DatasetException("The file " + file + " is truncated or not valid gzip data (" + e.getMessage()
                    + "); an interrupted copy or download leaves such files. Delete it and fetch it again.", e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Everything {@code in} holds, at most {@code limit} bytes.
     *
     * @param name the source, for the message
     * @throws DatasetException if {@code in} holds more
     */
    public static byte[] readAtMost(InputStream in, long limit, String name) throws IOException {
        int max = (int) Math.min(Math.max(limit, 0), MAX_ARRAY);
        byte[] content = in.readNBytes(max);
        if (in.read() >= 0) {
            throw new DatasetException("The file " + name + " holds more than the " + limit + " bytes expected of it "
                    + "once decompressed; it is corrupt or not the expected file, and reading stopped there. Delete it "
                    + "and fetch it again.");
        }
        return content;
    }

    /** Opens {@code file} for reading its decompressed content; the caller closes the stream. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, BUFFER) : raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Lower-case hex SHA-256 of {@code content}. */
    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256 digest", e);
        }
    }
}
