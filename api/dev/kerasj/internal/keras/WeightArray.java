package dev.kerasj.internal.keras;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One weight as a Keras file holds it: its name in the file ({@code "dense_1/kernel:0"}, {@code "vars/0"}), its
 * shape, and float32 values in C (row-major) order — either as a Java array or, read straight from an HDF5
 * file, as the dataset's raw little-endian bytes (copied once, into ND4J, by {@link #toINDArray}).
 */
public final class WeightArray {
    private final String name;
    private final long[] shape;
    private float[] data;
    private final ByteBuffer raw;

    public WeightArray(String name, long[] shape, float[] data) {
        this.name = name;
        this.shape = shape;
        this.data = data;
        this.raw = null;
    }

    /** Values as little-endian float32 bytes (an HDF5 dataset's own storage). */
    WeightArray(String name, long[] shape, ByteBuffer raw) {
        this.name = name;
        this.shape = shape;
        this.raw = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    public String name() {
        return name;
    }

    public long[] shape() {
        return shape;
    }

    /** The values as a Java array (read from the raw bytes on first use). */
    public float[] data() {
        if (data == null) {
            float[] d = new float[raw.remaining() / Float.BYTES];
            raw.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(d);
            data = d;
        }
        return data;
    }

    /** The same values under another shape (same count). */
    public WeightArray reshape(long... newShape) {
        return raw != null && data == null ? new WeightArray(name, newShape, raw) : new WeightArray(name, newShape, data());
    }

    /** The values as a float32 ND4J array in C order: one bulk copy (element-wise puts were 10× slower). */
    public INDArray toINDArray() {
        if (shape.length == 0) {
            return Nd4j.scalar(data()[0]);
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        if (raw != null && data == null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            if (raw.remaining() > 0) {
                // ByteBuffer to ByteBuffer: one bulk copy, from a heap array or a mapped zip entry alike
                out.data().asNio().order(ByteOrder.LITTLE_ENDIAN).put(raw.duplicate());
            }
            return out;
        }
        float[] d = data();
        if (d.length > 0) {
            new FloatPointer(out.data().addressPointer()).capacity(d.length).put(d, 0, d.length);
        }
        return out;
    }

    /**
     * The values without a copy when they lie in a mapped file (a stored {@code .keras} entry, an {@code .h5}
     * file): a C-order ND4J array over that memory, to be read only (the mapping is read-only) and only while the
     * file is open; else {@link #toINDArray}. For kerasj's own layers, whose translators only read the arrays
     * they are given.
     */
    public INDArray readOnlyView() {
        if (raw == null || data != null || !raw.isDirect() || shape.length == 0 || raw.remaining() == 0
                || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN || (raw.remaining() & 3) != 0) {
            return toINDArray();
        }
        FloatPointer p = new FloatPointer(raw.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
        long n = raw.remaining() / Float.BYTES;
        DataBuffer buffer = Nd4j.getDataBufferFactory().create(p, DataType.FLOAT, n, FloatIndexer.create(p));
        return Nd4j.create(buffer, shape, Nd4j.getStrides(shape, 'c'), 0, 'c');
    }

    /** The shape as Python prints it, e.g. {@code (3, 4)}. */
    public String shapeText() {
        return tuple(shape);
    }

    static String tuple(long[] s) {
        if (s.length == 1) {
            return "(" + s[0] + ",)";
        }
        return "(" + String.join(", ", Arrays.stream(s).mapToObj(Long::toString).toList()) + ")";
    }
}
