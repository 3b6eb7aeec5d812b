package dev.kerasj.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Creates an {@code INDArray} from raw bytes in a single bulk copy into its native buffer (not
 * element by element), converting byte order where the source differs from the machine's.
 *
 * <pre>{@code
 * INDArray x = NdArrays.fromBytes(pixels, 16, 47_040_000, DataType.UINT8, ByteOrder.BIG_ENDIAN,
 *         new long[] {60000, 28, 28});
 * }</pre>
 */
public final class NdArrays {
    private NdArrays() {
    }

    /**
     * @param bytes source bytes
     * @param offset index of the first element's first byte
     * @param length number of bytes, {@code product(shape) * width(type)}
     * @param type element type of the result (and of the source bytes)
     * @param order byte order of the source elements
     * @param shape shape of the result, C (row-major) order
     */
    public static INDArray fromBytes(byte[] bytes, int offset, int length, DataType type, ByteOrder order, long[] shape) {
        int width = type.width();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count * width != length) {
            throw new IllegalArgumentException("Invalid `length`: expected " + count * width + " bytes for shape "
                    + java.util.Arrays.toString(shape) + " of " + type + ". Received: length=" + length);
        }
        INDArray array = Nd4j.createUninitialized(type, shape, 'c');
        if (length == 0) {
            return array;
        }
        ByteBuffer target = array.data().asNio().order(ByteOrder.nativeOrder());
        target.clear();
        if (width == 1 || order.equals(ByteOrder.nativeOrder())) {
            target.put(bytes, offset, length);
        } else {
            byte[] swapped = new byte[length];
            for (int i = 0; i < length; i += width) {
                for (int j = 0; j < width; j++) {
                    swapped[i + j] = bytes[offset + i + width - 1 - j];
                }
            }
            target.put(swapped);
        }
        return array;
    }
}
