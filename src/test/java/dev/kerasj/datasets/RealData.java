package dev.kerasj.datasets;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds real datasets for tests: the mirror {@code KERASJ_DATASET_MIRROR}, else
 * {@code ../shared/datasets} relative to the working directory, plus the user's cache. Tests never
 * download; without the data they are skipped with a message saying how to fetch it.
 */
public final class RealData {
    private RealData() {
    }

    /** The mirror directory, or {@code null}. */
    public static Path mirror() {
        return Files.isDirectory(dev.kerasj.testing.Idx.DATASETS) ? dev.kerasj.testing.Idx.DATASETS : null;
    }

    /**
     * A locator over the cache and the mirror with downloads disabled, after assuming (skipping the
     * test otherwise) that every file of the first layout of {@code dataset} is available.
     */
    public static DatasetLocator locatorFor(String dataset) {
        Path mirror = mirror();
        DatasetLocator locator = DatasetLocator.fromEnvironment().withDownloads(false)
                .withMirror(mirror == null ? null : mirror.toString());
        boolean available;
        try {
            locator.resolve(dataset);
            available = true;
        } catch (DatasetException e) {
            available = false;
        }
        Assumptions.assumeTrue(available, "Skipped: no real " + dataset + " data. Run `scripts/fetch-datasets "
                + dataset + "` or set KERASJ_DATASET_MIRROR to a directory laid out like ../shared/datasets.");
        return locator;
    }
}
