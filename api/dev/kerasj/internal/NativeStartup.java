package dev.kerasj.internal;

/**
 * JVM properties that must be set before ND4J's native layer (JavaCPP) starts, applied by the classes a
 * program reaches first (models, dataset loaders, the CLI), unless the user set them.
 *
 * <p>{@code org.bytedeco.javacpp.maxPhysicalBytes=0}: JavaCPP otherwise measures the process's resident
 * memory on every native allocation, and ND4J makes several per op (shape descriptors, op contexts):
 * a profile of the MNIST MLP spent about 4 % of each training step there. The limit it enforces
 * (3 × the heap on top of the heap) stays covered by JavaCPP's {@code maxBytes} check on the native
 * memory it tracks, which keeps running. Once JavaCPP has started, the setting no longer changes anything;
 * applying it is then harmless.
 *
 * <p>{@code OPENBLAS_CORETYPE}: see {@link OpenBlasCore}; also only effective before ND4J loads OpenBLAS.
 */
public final class NativeStartup {
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private NativeStartup() {
    }

    /** Sets the properties not set yet, then OpenBLAS's kernel family ({@link OpenBlasCore}); idempotent. */
    public static void apply() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null && System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
        OpenBlasCore.apply();
    }
}
