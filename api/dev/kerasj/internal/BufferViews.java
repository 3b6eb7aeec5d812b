package dev.kerasj.internal;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;

import java.lang.ref.WeakReference;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Java views of an ND4J buffer's native memory that the fast paths read and write through, remembered for
 * the buffers used again and again (weights, reused outputs). ND4J makes each view anew with a JNI call
 * ({@code asNioFloat}: ~0.4–0.8 µs, {@code addressPointer}: ~1 µs, measured), several per layer of a one-image
 * predict. A view depends only on the buffer object (its memory does not move), so a few recent ones are kept by
 * buffer identity, without keeping the buffer alive.
 *
 * <p>The float buffer is shared: use only its absolute {@code get(index, …)}/{@code put(index, …)} methods,
 * never its position.
 *
 * <pre>{@code
 * BufferViews.floats(w.data()).get((int) w.offset(), values, 0, n);
 * }</pre>
 */
public final class BufferViews {
    private static final int SLOTS = 16;
    private static final AtomicReferenceArray<Entry<FloatBuffer>> FLOATS = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicReferenceArray<Entry<FloatPointer>> POINTERS = new AtomicReferenceArray<>(SLOTS);

    private BufferViews() {
    }

    private record Entry<V>(WeakReference<DataBuffer> buffer, V view) {
    }

    /** {@code d.asNioFloat()}, shared (absolute indices only). */
    public static FloatBuffer floats(DataBuffer d) {
        int slot = slot(d);
        Entry<FloatBuffer> e = FLOATS.get(slot);
        if (e != null && e.buffer().get() == d) {
            return e.view();
        }
        FloatBuffer view = d.asNioFloat();
        FLOATS.set(slot, new Entry<>(new WeakReference<>(d), view));
        return view;
    }

    /** A pointer to {@code d}'s first value ({@code new FloatPointer(d.addressPointer())}), shared: do not move it. */
    public static FloatPointer pointer(DataBuffer d) {
        int slot = slot(d);
        Entry<FloatPointer> e = POINTERS.get(slot);
        if (e != null && e.buffer().get() == d) {
            return e.view();
        }
        FloatPointer view = new FloatPointer(d.addressPointer());
        POINTERS.set(slot, new Entry<>(new WeakReference<>(d), view));
        return view;
    }

    private static int slot(DataBuffer d) {
        int h = System.identityHashCode(d);
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
