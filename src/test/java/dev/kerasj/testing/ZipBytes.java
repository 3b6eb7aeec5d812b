package dev.kerasj.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A zip writer for hostile test files: unlike {@link java.util.zip.ZipOutputStream} it writes duplicate
 * names, any name, precompressed data, and CRC-32 and sizes that lie, exactly as given.
 */
public final class ZipBytes {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    private ZipBytes() {
    }

    /**
     * One entry as it is written: {@code raw} is the stored or deflated bytes; {@code crc} and {@code size} are
     * what the headers claim (honest ones come from {@link #stored} and {@link #deflated}).
     */
    public record Entry(String name, int method, byte[] raw, long crc, long size) {
        public Entry withName(String n) {
            return new Entry(n, method, raw, crc, size);
        }

        public Entry withCrc(long c) {
            return new Entry(name, method, raw, c, size);
        }

        public Entry withSize(long s) {
            return new Entry(name, method, raw, crc, s);
        }

        public Entry withMethod(int m) {
            return new Entry(name, m, raw, crc, size);
        }
    }

    public static Entry stored(String name, byte[] content) {
        return new Entry(name, STORED, content.clone(), crc(content), content.length);
    }

    public static Entry deflated(String name, byte[] content) {
        return new Entry(name, DEFLATED, deflate(content), crc(content), content.length);
    }

    /** The entries of a zip, in order, with their content (read with the JDK; the file must be valid). */
    public static List<Entry> read(byte[] zip) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.add(deflated(e.getName(), in.readAllBytes()));
            }
        }
        return out;
    }

    /** The content of an entry written by {@link #stored} or {@link #deflated}. */
    public static byte[] content(Entry e) {
        if (e.method() == STORED) {
            return e.raw().clone();
        }
        java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
        inf.setInput(e.raw());
        byte[] out = new byte[(int) e.size()];
        try {
            int n = 0;
            while (n < out.length && !inf.finished()) {
                n += inf.inflate(out, n, out.length - n);
            }
        } catch (java.util.zip.DataFormatException ex) {
            throw new IllegalStateException(ex);
        } finally {
            inf.end();
        }
        return out;
    }

    public static long crc(byte[] content) {
        CRC32 c = new CRC32();
        c.update(content);
        return c.getValue();
    }

    /** Raw DEFLATE (no zlib wrapper), as zip entries hold it. */
    public static byte[] deflate(byte[] content) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(content);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /**
     * A raw DEFLATE stream of {@code head} followed by {@code zeroMiB} MiB of zeros, built without ever
     * holding the zeros: one MiB of zeros is compressed once (to about a kilobyte) and its non-final blocks
     * repeated, since they refer only to bytes inside themselves.
     */
    public static byte[] deflateHeadThenZeros(byte[] head, int zeroMiB) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(flushed(head));
        byte[] chunk = flushed(new byte[1 << 20]);
        for (int i = 0; i < zeroMiB; i++) {
            out.writeBytes(chunk);
        }
        out.writeBytes(deflate(new byte[0])); // the final, empty block
        return out.toByteArray();
    }

    /** The CRC-32 of {@code head} followed by {@code zeroMiB} MiB of zeros. */
    public static long crcHeadThenZeros(byte[] head, int zeroMiB) {
        CRC32 c = new CRC32();
        c.update(head);
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < zeroMiB; i++) {
            c.update(zeros);
        }
        return c.getValue();
    }

    private static byte[] flushed(byte[] content) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        d.end();
        return out.toByteArray();
    }

    /** Writes local headers, data, the central directory and its end record, every field as given. */
    public static byte[] write(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> central = new ArrayList<>();
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            ByteBuffer local = le(30 + name.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800)
                    .putShort((short) e.method()).putInt(0).putInt((int) e.crc()).putInt(e.raw().length)
                    .putInt((int) e.size()).putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(local.array());
            out.writeBytes(e.raw());
            central.add(le(46 + name.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                    .putShort((short) 0x0800).putShort((short) e.method()).putInt(0).putInt((int) e.crc())
                    .putInt(e.raw().length).putInt((int) e.size()).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name).array());
        }
        int cdOffset = out.size();
        central.forEach(out::writeBytes);
        int cdSize = out.size() - cdOffset;
        out.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) entries.size()).putShort((short) entries.size()).putInt(cdSize).putInt(cdOffset)
                .putShort((short) 0).array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
