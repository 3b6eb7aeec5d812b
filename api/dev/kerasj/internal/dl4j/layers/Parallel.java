package dev.kerasj.internal.dl4j.layers;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Independent rows of a Java kernel's output spread over the cores (the common fork-join pool and the caller), when
 * there is enough work to pay for it. Each row is computed by one thread with the same operations in the same
 * order as sequentially, so the results do not depend on the split.
 */
final class Parallel {
    /** Below this many multiply-adds (or values) in all rows together one thread does it all. */
    static final long MIN_WORK = 1L << 17;

    private Parallel() {
    }

    /**
     * Whether independent BLAS products may run on two cores from Java: two cores or more and BLAS set to one
     * thread per call (with more, OpenBLAS splits a product itself and a second caller would oversubscribe the cores).
     */
    static boolean blasOnTwoCores() {
        return Runtime.getRuntime().availableProcessors() >= 2 && org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads() <= 1;
    }

    /** {@code body.accept(r)} for every row {@code r < rows}, each costing about {@code workPerRow}. */
    static void rows(int rows, long workPerRow, IntConsumer body) {
        if (rows < 2 || (long) rows * workPerRow < MIN_WORK || Runtime.getRuntime().availableProcessors() < 2) {
            for (int r = 0; r < rows; r++) {
                body.accept(r);
            }
            return;
        }
        IntStream.range(0, rows).parallel().forEach(body);
    }
}
