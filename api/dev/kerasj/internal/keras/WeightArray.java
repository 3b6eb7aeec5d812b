package dev.kerasj.internal.keras;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
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
            int n = raw.remaining();
            if (n > 0) {
                BytePointer dst = new BytePointer(out.data().addressPointer()).capacity(n);
                if (raw.hasArray()) {
                    dst.put(raw.array(), raw.arrayOffset() + raw.position(), n);
                } else {
                    byte[] tmp = new byte[n];
                    raw.duplicate().get(tmp);
                    dst.put(tmp, 0, n);
                }
            }
            return out;
        }
        float[] d = data();
        if (d.length > 0) {
            new FloatPointer(out.data().addressPointer()).capacity(d.length).put(d, 0, d.length);
        }
        return out;
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
