package dev.kerasj.datasets;

import java.util.List;

/**
 * Dataset housekeeping for the command line ({@code kerasj datasets list|fetch}) and for set-up
 * code: which datasets are known, what is cached and where it came from, and filling the cache.
 * Uses {@link DatasetLocator#fromEnvironment()} ({@code KERASJ_HOME}, {@code KERASJ_DATASET_MIRROR}).
 *
 * <pre>{@code
 * Datasets.fetch("fashion-mnist").forEach(System.out::println);
 * // fashion-mnist  fashion-mnist/train-images-idx3-ubyte  cache  ~/.kerasj/datasets/... (from Debian package ...)
 * }</pre>
 */
public final class Datasets {
    private Datasets() {
    }

    /** The known dataset names: {@code mnist}, {@code fashion-mnist}, {@code weather}, {@code jena-climate}. */
    public static List<String> names() {
        return KnownFiles.table().datasets();
    }

    /** The status of every known file: cached, in the mirror, installed by a system package, or missing. */
    public static List<DatasetLocator.FileStatus> list() {
        return DatasetLocator.fromEnvironment().list();
    }

    /**
     * Fills the cache with a dataset from the mirror, a system package or its canonical address,
     * verifying every file; see {@link DatasetLocator#fetch(String)}.
     *
     * @throws IllegalArgumentException if {@code name} is unknown (the message lists the known names)
     * @throws DatasetException if the files cannot be obtained or fail verification
     */
    public static List<DatasetLocator.FileStatus> fetch(String name) {
        return DatasetLocator.fromEnvironment().fetch(name);
    }
}
