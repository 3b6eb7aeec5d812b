package dev.kerasj.internal;

import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NumPy {@code .npy} arrays from untrusted bytes entirely in Java: the header is parsed and checked
 * (magic, version, header length, the three keys, dtype, shape, order) and the data is read into a Java
 * array before ND4J sees anything, so a crafted file can be refused with a message but never reach ND4J's
 * native {@code .npy} parser (which trusts the header: a shape larger than the data made it read out of
 * bounds, an object dtype crashed it).
 *
 * <p>Accepted: format versions 1.0, 2.0 and 3.0; header dicts with exactly the keys {@code descr},
 * {@code fortran_order} and {@code shape}, as NumPy and ND4J write them; the dtypes {@code '<f4'}
 * (float32, what kerasj writes) and {@code '<f8'} (float64, what NumPy writes by default), the only
 * element types of weights and optimizer state. Refused, by name: big-endian ({@code '>f4'}), object
 * ({@code '|O'}), integer, boolean, complex, string and structured dtypes. {@code fortran_order: True}
 * is honoured (the data is read column-major). The data block must hold exactly
 * {@code product(shape) × itemsize} bytes.
 *
 * <pre>{@code
 * Npy.Header h = Npy.readHeader(in);      // throws Npy.FormatException for a malformed header
 * INDArray a = Npy.readBody(in, h).toINDArray();
 * }</pre>
 */
public final class Npy {
    /** The largest header accepted, in bytes (NumPy itself reads at most 10,000 by default). */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** The largest data block of one array: what one Java byte array holds. */
    public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 16;
    /** The bytes before the header dict: magic (6), version (2) and the header length (2 or 4). */
    public static final int MAX_PREAMBLE_BYTES = 12;
    private static final int MAX_RANK = 32;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {
    }

    /** What the header of one array says. */
    public record Header(DataType dataType, String descr, boolean fortranOrder, long[] shape, long length, long dataBytes) {
        /** The shape as Python writes it, e.g. {@code (784, 512)}. */
        public String shapeText() {
            return Shapes.tuple(shape);
        }
    }

    /** A checked header and its data block, still in Java memory. */
    public record Array(Header header, byte[] data) {
        /** Copies the data into a new ND4J array of the header's shape, type and order. */
        public INDArray toINDArray() {
            char order = header.fortranOrder() ? 'f' : 'c';
            long[] shape = header.shape();
            if (header.length() == 0) {
                return Nd4j.create(header.dataType(), shape, order);
            }
            if (shape.length > 0 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                // The buffer has exactly the checked byte length: one bulk copy (element-wise puts were 5x slower).
                INDArray out = Nd4j.createUninitialized(header.dataType(), shape, order);
                new BytePointer(out.data().addressPointer()).capacity(data.length).put(data, 0, data.length);
                return out;
            }
            ByteBuffer bytes = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            int n = (int) header.length();
            if (header.dataType() == DataType.FLOAT) {
                float[] values = new float[n];
                bytes.asFloatBuffer().get(values);
                return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, order);
            }
            double[] values = new double[n];
            bytes.asDoubleBuffer().get(values);
            return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, order);
        }
    }

    /** A malformed or unsupported array; the message says what is wrong. */
    public static final class FormatException extends IOException {
        public FormatException(String message) {
            super(message);
        }
    }

    /** Reads and checks the magic, version and header dict of a float array (weights, optimizer state). */
    public static Header readHeader(InputStream in) throws IOException {
        return readHeader(in, false);
    }

    /**
     * Reads and checks the magic, version and header dict; the stream is left at the first data byte. With
     * {@code anyNumeric}, every little-endian (or byte-order-free) numeric dtype is accepted — {@code u1 i1 b1
     * i2 u2 i4 u4 i8 u8 f2 f4 f8}, what data sets such as Keras's {@code mnist.npz} hold; else float32 and
     * float64 only.
     */
    public static Header readHeader(InputStream in, boolean anyNumeric) throws IOException {
        byte[] start = in.readNBytes(8);
        if (start.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
            throw new FormatException("it does not start with the .npy magic \\x93NUMPY");
        }
        if (start.length < 8) {
            throw new FormatException("it ends inside its header");
        }
        int major = start[6] & 0xff;
        int minor = start[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new FormatException("unsupported .npy format version " + major + "." + minor
                    + " (kerasj reads 1.0, 2.0 and 3.0)");
        }
        byte[] len = in.readNBytes(major == 1 ? 2 : 4);
        if (len.length < (major == 1 ? 2 : 4)) {
            throw new FormatException("it ends inside its header");
        }
        long headerLength = 0;
        for (int i = len.length - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (len[i] & 0xff);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new FormatException("its header length " + headerLength + " exceeds " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] dict = in.readNBytes((int) headerLength);
        if (dict.length < headerLength) {
            throw new FormatException("it ends inside its header (" + dict.length + " of " + headerLength + " bytes)");
        }
        for (byte b : dict) {
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' || b == 0x7f || b < 0) {
                throw new FormatException("its header holds a byte that is not printable ASCII (0x"
                        + Integer.toHexString(b & 0xff) + ")");
            }
        }
        return checked(new HeaderParser(new String(dict, StandardCharsets.US_ASCII)).dict(), anyNumeric);
    }

    /** Reads exactly the header's data block and checks that nothing follows it. */
    public static Array readBody(InputStream in, Header header) throws IOException {
        byte[] data = in.readNBytes((int) header.dataBytes()); // reads in small chunks: allocates what arrives
        if (data.length < header.dataBytes()) {
            throw new FormatException("its data block holds " + data.length + " bytes, but its header declares "
                    + header.dataBytes() + " (shape " + header.shapeText() + ", dtype '" + header.descr() + "')");
        }
        if (in.read() != -1) {
            throw new FormatException("it holds more data than its header declares (shape " + header.shapeText()
                    + ", dtype '" + header.descr() + "': " + header.dataBytes() + " bytes)");
        }
        return new Array(header, data);
    }

    private static Header checked(Map<String, Object> dict, boolean anyNumeric) throws FormatException {
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw new FormatException("its header must have exactly the keys 'descr', 'fortran_order' and 'shape'. "
                    + "Received: " + dict.keySet());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new FormatException("its 'descr' is not a string. Received: " + dict.get("descr"));
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new FormatException("its 'fortran_order' is not True or False. Received: " + dict.get("fortran_order"));
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw new FormatException("its 'shape' is not a tuple of integers. Received: " + dict.get("shape"));
        }
        DataType type = anyNumeric ? numericType(descr) : dataType(descr);
        int itemSize = type.width();
        long length = 1;
        long bytes;
        try {
            for (long d : shape) {
                length = Math.multiplyExact(length, d);
            }
            bytes = Math.multiplyExact(length, itemSize);
        } catch (ArithmeticException e) {
            throw new FormatException("its shape " + Shapes.tuple(shape) + " overflows a 64-bit size");
        }
        if (bytes > MAX_DATA_BYTES) {
            throw new FormatException("its shape " + Shapes.tuple(shape) + " needs " + bytes + " bytes, more than one "
                    + "array can hold (" + MAX_DATA_BYTES + ")");
        }
        return new Header(type, descr, fortran, shape, length, bytes);
    }

    /** Any little-endian or byte-order-free numeric dtype. */
    private static DataType numericType(String descr) throws FormatException {
        if (descr.length() >= 2 && (descr.charAt(0) == '<' || descr.charAt(0) == '|')) {
            switch (descr.substring(1)) {
                case "u1": return DataType.UINT8;
                case "i1": return DataType.INT8;
                case "b1": return DataType.BOOL;
                case "i2": return DataType.INT16;
                case "u2": return DataType.UINT16;
                case "i4": return DataType.INT32;
                case "u4": return DataType.UINT32;
                case "i8": return DataType.INT64;
                case "u8": return DataType.UINT64;
                case "f2": return DataType.HALF;
                case "f4": return DataType.FLOAT;
                case "f8": return DataType.DOUBLE;
                default: break;
            }
        }
        throw new FormatException("unsupported dtype '" + descr + "'; kerasj reads the little-endian numeric types"
                + " u1 i1 b1 i2 u2 i4 u4 i8 u8 f2 f4 f8 (convert with numpy's astype before saving)");
    }

    private static DataType dataType(String descr) throws FormatException {
        switch (descr) {
            case "<f4":
                return DataType.FLOAT;
            case "<f8":
                return DataType.DOUBLE;
            default:
                String why;
                if (descr.startsWith(">")) {
                    why = "big-endian";
                } else if (descr.contains("O")) {
                    why = "Python objects";
                } else if (descr.matches("[<>|=]?[iub?]\\d*")) {
                    why = "integer or boolean";
                } else {
                    why = "another type";
                }
                throw new FormatException("unsupported dtype '" + descr + "' (" + why + "); kerasj reads float32 ('<f4') "
                        + "and float64 ('<f8') arrays");
        }
    }

    /** The header dict: a Python literal of strings, True/False and tuples of non-negative integers. */
    private static final class HeaderParser {
        private final String s;
        private int pos;

        HeaderParser(String s) {
            this.s = s;
        }

        Map<String, Object> dict() throws FormatException {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            while (peek() != '}') {
                String key = string();
                expect(':');
                Object value = value();
                if (out.put(key, value) != null) {
                    throw new FormatException("its header repeats the key '" + key + "'");
                }
                if (peek() != ',') {
                    break;
                }
                pos++;
            }
            expect('}');
            skipSpace();
            if (pos != s.length()) {
                throw new FormatException("its header has text after the dict: '" + excerpt() + "'");
            }
            return out;
        }

        private Object value() throws FormatException {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw new FormatException("its header has an unexpected value at '" + excerpt() + "'");
        }

        private long[] tuple() throws FormatException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (peek() != ')') {
                dims.add(dimension());
                if (dims.size() > MAX_RANK) {
                    throw new FormatException("its shape has more than " + MAX_RANK + " dimensions");
                }
                if (peek() != ',') {
                    break;
                }
                pos++;
            }
            expect(')');
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i);
            }
            return shape;
        }

        private long dimension() throws FormatException {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '-') {
                throw new FormatException("its shape has a negative dimension at '" + excerpt() + "'");
            }
            int begin = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && pos - begin < 19) {
                pos++;
            }
            if (pos == begin) {
                throw new FormatException("its shape holds something other than an integer at '" + excerpt() + "'");
            }
            long d;
            try {
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    throw new NumberFormatException();
                }
                d = Long.parseLong(s.substring(begin, pos));
            } catch (NumberFormatException e) {
                throw new FormatException("its shape has a dimension too large for 64 bits at '" + s.substring(begin,
                        Math.min(s.length(), begin + 24)) + "'");
            }
            if (pos < s.length() && s.charAt(pos) == 'L') {
                pos++; // Python 2 wrote long integers as 3L
            }
            return d;
        }

        private String string() throws FormatException {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw new FormatException("its header has no quoted key at '" + excerpt() + "'");
            }
            int end = s.indexOf(q, pos + 1);
            if (end < 0 || s.indexOf('\\', pos + 1) >= 0 && s.indexOf('\\', pos + 1) < end) {
                throw new FormatException("its header has an unterminated or escaped string at '" + excerpt() + "'");
            }
            String out = s.substring(pos + 1, end);
            pos = end + 1;
            return out;
        }

        private void expect(char c) throws FormatException {
            if (peek() != c) {
                throw new FormatException("its header is not a Python dict: expected '" + c + "' at '" + excerpt() + "'");
            }
            pos++;
        }

        private char peek() {
            skipSpace();
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private String excerpt() {
            String rest = s.substring(Math.min(pos, s.length()));
            return (rest.length() > 20 ? rest.substring(0, 20) + "…" : rest).replaceAll("\\s+", " ");
        }
    }
}
