package dev.kerasj.internal.dl4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.WeakReference;

/**
 * A ReLU convolution's output handed to the max pooling layer after it, and the pooling layer's input gradient handed
 * back already through the ReLU's derivative, within one training step of a sequential network. Max pooling routes
 * each window's gradient to its argmax pixel and nothing elsewhere, and the ReLU's derivative there is its mask
 * {@code min(1, max(y, 0)·2¹²⁶)} ({@link ReluPasses}) of the pooled value itself, so the pooling layer applies it to
 * the few routed values and the convolution skips its ReLU backprop pass: a read of its output and of the gradient
 * and a write of δ, each {@code (batch, h, w, filters)} (9.4 MB for the seed MNIST CNN's batch of 128), about a sixth
 * of its training step (async-profiler).
 *
 * <p>Only within {@link #sequentialStep}: in a sequential network the pooling layer is the convolution's only
 * consumer, so the gradient the convolution receives is exactly the one the pooling layer handed back. (A graph adds
 * the gradients of several consumers into the first one's array in place: the same array, other values.)
 *
 * <pre>{@code
 * ReluHandoff.sequentialStep(() -> super.computeGradientAndScore());
 * }</pre>
 */
public final class ReluHandoff {
    private static final ThreadLocal<ReluHandoff> STEP = new ThreadLocal<>();
    private static final java.util.concurrent.atomic.AtomicLong TAKEN = new java.util.concurrent.atomic.AtomicLong();

    private WeakReference<INDArray> reluOutput;
    private WeakReference<INDArray> gradient;
    private WeakReference<INDArray> gradientFor;

    private ReluHandoff() {
    }

    /** Runs {@code step} (a sequential network's forward and backward pass) with hand-offs allowed on this thread. */
    public static void sequentialStep(Runnable step) {
        ReluHandoff outer = STEP.get();
        STEP.set(new ReluHandoff());
        try {
            step.run();
        } finally {
            STEP.set(outer);
        }
    }

    /** A ReLU convolution made {@code y} (its output, ReLU applied) in this step. */
    static void produced(INDArray y) {
        ReluHandoff h = STEP.get();
        if (h != null) {
            h.reluOutput = new WeakReference<>(y);
        }
    }

    /** Whether {@code x} is the output a ReLU convolution made in this sequential step. */
    static boolean isReluOutput(INDArray x) {
        ReluHandoff h = STEP.get();
        return h != null && h.reluOutput != null && h.reluOutput.get() == x;
    }

    /** The pooling layer's input gradient {@code g}, for the ReLU output {@code y}, already through the ReLU's derivative. */
    static void masked(INDArray g, INDArray y) {
        ReluHandoff h = STEP.get();
        if (h != null) {
            h.gradient = new WeakReference<>(g);
            h.gradientFor = new WeakReference<>(y);
        }
    }

    /** Whether {@code g} is the gradient for the ReLU output {@code y} already through the ReLU's derivative. */
    static boolean isMasked(INDArray g, INDArray y) {
        ReluHandoff h = STEP.get();
        boolean masked = h != null && h.gradient != null && h.gradient.get() == g && h.gradientFor.get() == y;
        if (masked) {
            TAKEN.incrementAndGet();
        }
        return masked;
    }

    /** How many convolution backprops took a hand-off since the start (for tests and profiles). */
    public static long taken() {
        return TAKEN.get();
    }
}
