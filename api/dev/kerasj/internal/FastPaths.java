package dev.kerasj.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one switch for kerasj's Java fast paths (the fused optimizer loops, host-side batch gathering, the
 * Conv2D/pooling/LSTM/Dense kernels): they run on ND4J's CPU backend with float32 data, unless the system
 * property {@code kerasj.fastPaths} or the environment variable {@code KERASJ_FAST_PATHS} is {@code false}
 * (then every computation takes ND4J's and DL4J's own ops: the reference the tests compare the fast paths
 * with, and what runs on CUDA). Each fast path adds only its own shape conditions to this policy.
 */
public final class FastPaths {
    private static final boolean ENABLED = Nd4j.getEnvironment().isCPU() && !off(System.getProperty("kerasj.fastPaths"))
            && !off(System.getenv("KERASJ_FAST_PATHS"));

    private FastPaths() {
    }

    private static boolean off(String v) {
        return v != null && (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("off"));
    }

    /** Whether the fast paths may run at all (CPU backend, not switched off). */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Whether a fast path may run on data of {@code type}: enabled, and float32. */
    public static boolean enabledFor(DataType type) {
        return ENABLED && type == DataType.FLOAT;
    }
}
