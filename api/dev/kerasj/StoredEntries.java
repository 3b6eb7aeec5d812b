package dev.kerasj;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Where a stored zip entry's bytes lie in its file (the zip library reads entries but never says where), found
 * from the end-of-central-directory record, the entry's central header and its local header (PKWARE APPNOTE
 * 4.3.6, 4.3.12, 4.3.7, 4.3.16). Anything unusual — zip64 fields, an archive comment hiding the end record, a
 * prefix that shifts the offsets, headers that disagree — answers "not found" rather than guessing.
 */
final class StoredEntries {
    private static final int END_SIG = 0x06054b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;
    private static final long NOT_FOUND = -1;
    /** A central directory larger than this is not a Keras file's (three or four entries). */
    private static final long MAX_DIRECTORY_BYTES = 1 << 20;

    private StoredEntries() {
    }

    /**
     * The file offset of the data of the stored entry {@code name} whose size and CRC-32 the zip library
     * reported, or -1 when it cannot be located with certainty.
     */
    static long dataOffset(FileChannel ch, String name, long size, long crc) throws IOException {
        long fileSize = ch.size();
        if (fileSize < END_SIZE) {
            return NOT_FOUND;
        }
        ByteBuffer end = read(ch, fileSize - END_SIZE, END_SIZE);
        if (end.getInt(0) != END_SIG || end.getShort(20) != 0) { // a comment moves the record: not looked for
            return NOT_FOUND;
        }
        long dirSize = Integer.toUnsignedLong(end.getInt(12));
        long dirOffset = Integer.toUnsignedLong(end.getInt(16));
        if (dirOffset == 0xFFFFFFFFL || dirSize > MAX_DIRECTORY_BYTES || dirOffset + dirSize != fileSize - END_SIZE) {
            return NOT_FOUND; // zip64, or bytes between the directory and its end record
        }
        ByteBuffer dir = read(ch, dirOffset, (int) dirSize);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        int p = 0;
        while (p + CENTRAL_SIZE <= dirSize && dir.getInt(p) == CENTRAL_SIG) {
            int method = Short.toUnsignedInt(dir.getShort(p + 10));
            long entryCrc = Integer.toUnsignedLong(dir.getInt(p + 16));
            long packed = Integer.toUnsignedLong(dir.getInt(p + 20));
            long plain = Integer.toUnsignedLong(dir.getInt(p + 24));
            int nameLength = Short.toUnsignedInt(dir.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(dir.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(dir.getShort(p + 32));
            long local = Integer.toUnsignedLong(dir.getInt(p + 42));
            if (p + CENTRAL_SIZE + nameLength > dirSize) {
                return NOT_FOUND;
            }
            if (nameLength == wanted.length && dir.slice(p + CENTRAL_SIZE, nameLength).equals(ByteBuffer.wrap(wanted))) {
                if (method != 0 || packed != size || plain != size || entryCrc != crc || local + LOCAL_SIZE > dirOffset) {
                    return NOT_FOUND;
                }
                return localData(ch, local, wanted, size, dirOffset);
            }
            p += CENTRAL_SIZE + nameLength + extraLength + commentLength;
        }
        return NOT_FOUND;
    }

    /** The data offset after the local header at {@code local}, which must name the same entry. */
    private static long localData(FileChannel ch, long local, byte[] name, long size, long dirOffset) throws IOException {
        ByteBuffer head = read(ch, local, LOCAL_SIZE);
        if (head.getInt(0) != LOCAL_SIG || Short.toUnsignedInt(head.getShort(26)) != name.length) {
            return NOT_FOUND;
        }
        int extraLength = Short.toUnsignedInt(head.getShort(28));
        if (!read(ch, local + LOCAL_SIZE, name.length).equals(ByteBuffer.wrap(name))) {
            return NOT_FOUND;
        }
        long data = local + LOCAL_SIZE + name.length + extraLength;
        return data + size <= dirOffset ? data : NOT_FOUND;
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("the file ends before byte " + (at + n));
            }
        }
        return b.flip();
    }
}
