package dev.kerasj.datasets;

import dev.kerasj.datasets.DatasetLocator.Located;
import dev.kerasj.datasets.DatasetLocator.Source;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetLocatorTest {
    private static final byte[] GOOD = "good content\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD = "tampered content\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private DatasetLocator locator(KnownFile... files) {
        return new DatasetLocator(tmp.resolve("home")).withTable(new KnownFiles(List.of(files)))
                .withDownloads(false).withDownloader(new Downloader(null, 2000, 2000));
    }

    private KnownFile withSystemCopy() {
        Path sys = TestFiles.write(tmp, "usr/share/datasets/toy/data.bin.gz", TestFiles.gzip(GOOD));
        return TestFiles.known("toy", "raw", "toy/data.bin", GOOD, "deb:toy-package:" + sys);
    }

    @Test
    void lookupOrderIsCacheThenMirrorThenSystemPackage() throws Exception {
        KnownFile f = withSystemCopy();
        Path mirror = tmp.resolve("mirror");
        DatasetLocator locator = locator(f).withMirror(mirror.toString());

        Located l = locator.locate(f);
        assertEquals(Source.SYSTEM_PACKAGE, l.source());
        assertEquals("Debian package toy-package", l.origin());
        assertArrayEquals(GOOD, locator.read(l));

        Path inMirror = TestFiles.write(mirror, "toy/data.bin", GOOD);
        assertEquals(Source.MIRROR, locator.locate(f).source());
        assertEquals(inMirror, locator.locate(f).path());

        Path cached = TestFiles.write(tmp.resolve("home/datasets"), "toy/data.bin.gz", TestFiles.gzip(GOOD));
        assertEquals(Source.CACHE, locator.locate(f).source());
        assertEquals(cached, locator.locate(f).path());
        assertArrayEquals(GOOD, locator.read(locator.locate(f)));

        assertEquals(Source.CACHE, locator.withSystemPackages(false).withMirror(mirror.toString())
                .locate(f).source(), "cache still wins");
        Files.delete(cached);
        assertEquals(Source.SYSTEM_PACKAGE, locator.withMirror(null).locate(f).source());
    }

    @Test
    void checksumMismatchNamesFileSumsAndRemedy() {
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.bin", GOOD);
        Path cached = TestFiles.write(tmp.resolve("home/datasets"), "toy/data.bin", BAD);
        DatasetLocator locator = locator(f);
        DatasetException e = assertThrows(DatasetException.class, () -> locator.read(locator.locate(f)));
        String m = e.getMessage();
        assertTrue(m.contains("Checksum mismatch for toy/data.bin read from " + cached), m);
        assertTrue(m.contains("expected SHA-256 " + FileContents.sha256(GOOD)), m);
        assertTrue(m.contains("actual " + FileContents.sha256(BAD)), m);
        assertTrue(m.contains("scripts/fetch-datasets toy"), m);
    }

    @Test
    void truncatedCachedGzipIsAnErrorWithRemedy() {
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.bin", GOOD);
        byte[] gz = TestFiles.gzip(GOOD);
        TestFiles.write(tmp.resolve("home/datasets"), "toy/data.bin.gz", java.util.Arrays.copyOf(gz, gz.length - 6));
        DatasetLocator locator = locator(f);
        DatasetException e = assertThrows(DatasetException.class, () -> locator.read(locator.locate(f)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-datasets toy"), e.getMessage());
    }

    @Test
    void aCorruptCachedFileIsReplacedFromAGoodMirror() throws Exception {
        // was: the checksum error every time, although the mirror held the right file
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.bin", GOOD);
        Path cached = TestFiles.write(tmp.resolve("home/datasets"), "toy/data.bin", BAD);
        Path mirror = tmp.resolve("mirror");
        TestFiles.write(mirror, "toy/data.bin.gz", TestFiles.gzip(GOOD));
        DatasetLocator locator = locator(f).withMirror(mirror.toString());

        Located l = locator.locate(f);
        assertEquals(Source.CACHE, l.source());
        assertArrayEquals(GOOD, locator.read(l));

        assertTrue(Files.notExists(cached), "the corrupt copy is gone");
        Located again = locator.locate(f);
        assertEquals(Source.CACHE, again.source());
        assertEquals(tmp.resolve("home/datasets/toy/data.bin.gz"), again.path(), "the mirror's copy, as it was stored");
        assertArrayEquals(GOOD, FileContents.read(again.path()));
        assertEquals("from mirror " + mirror, again.origin());
    }

    @Test
    void aTruncatedCachedGzipIsReplacedFromASystemPackage() {
        KnownFile f = withSystemCopy();
        byte[] gz = TestFiles.gzip(GOOD);
        Path cached = TestFiles.write(tmp.resolve("home/datasets"), "toy/data.bin.gz", java.util.Arrays.copyOf(gz, gz.length - 6));
        DatasetLocator locator = locator(f);
        assertArrayEquals(GOOD, locator.read(locator.locate(f)));
        assertArrayEquals(GOOD, FileContents.read(cached), "replaced in place (same name)");
    }

    @Test
    void aCorruptCachedFileWithABadMirrorStaysAnError() {
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.bin", GOOD);
        TestFiles.write(tmp.resolve("home/datasets"), "toy/data.bin", BAD);
        Path mirror = tmp.resolve("mirror");
        Path inMirror = TestFiles.write(mirror, "toy/data.bin", BAD);
        DatasetLocator locator = locator(f).withMirror(mirror.toString());
        DatasetException e = assertThrows(DatasetException.class, () -> locator.read(locator.locate(f)));
        assertTrue(e.getMessage().contains("Checksum mismatch for toy/data.bin read from " + inMirror), e.getMessage());
    }

    @Test
    void aGzipThatInflatesBeyondTheKnownSizeStopsWithAClearError() {
        // 64 MiB of zeros gzip to ~64 KiB: a file that claims to be a 13-byte dataset file
        byte[] bomb = TestFiles.gzip(new byte[64 << 20]);
        assertTrue(bomb.length < 100_000);
        KnownFile f = new KnownFile("toy", "raw", "toy/data.bin", FileContents.sha256(GOOD), GOOD.length, List.of());
        Path cached = TestFiles.write(tmp.resolve("home/datasets"), "toy/data.bin.gz", bomb);
        DatasetLocator locator = locator(f);
        DatasetException e = assertThrows(DatasetException.class, () -> locator.read(locator.locate(f)));
        assertTrue(e.getMessage().startsWith("The file " + cached + " holds more than the 13 bytes expected of it once "
                + "decompressed; it is corrupt or not the expected file, and reading stopped there."), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-datasets toy"), e.getMessage());
    }

    @Test
    void everyBuiltInFileWithASumHasASize() {
        for (KnownFile f : KnownFiles.table().files()) {
            assertEquals(f.sha256().isPresent(), f.size().isPresent(), f::toString);
        }
        assertEquals(47_040_016L, KnownFiles.table().file("mnist/train-images-idx3-ubyte").size().getAsLong(),
                "16 header bytes + 60000 images of 28x28");
        assertEquals(10_008L, KnownFiles.table().file("fashion-mnist/t10k-labels-idx1-ubyte").size().getAsLong(),
                "8 header bytes + 10000 labels");
    }

    @Test
    void missingFileSaysWhereItLookedAndHowToFetch() {
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.bin", GOOD, "npm:toy-npm:package/data.bin");
        DatasetException e = assertThrows(DatasetException.class, () -> locator(f).locate(f));
        String m = e.getMessage();
        assertTrue(m.contains("toy/data.bin"), m);
        assertTrue(m.contains("KERASJ_DATASET_MIRROR is not set"), m);
        assertTrue(m.contains("scripts/fetch-datasets toy"), m);
        assertTrue(m.contains("npm package toy-npm"), m);
    }

    @Test
    void resolvePrefersAFullyLocalLayoutAndFallsBack() {
        KnownFile a = TestFiles.known("toy", "split", "toy/a", GOOD);
        KnownFile b = TestFiles.known("toy", "split", "toy/b", GOOD);
        KnownFile packed = TestFiles.known("toy", "packed", "toy/all", BAD);
        DatasetLocator locator = locator(a, b, packed);
        Path cache = tmp.resolve("home/datasets");
        TestFiles.write(cache, "toy/a", GOOD);
        TestFiles.write(cache, "toy/all", BAD);
        Map<String, Located> r = locator.resolve("toy");
        assertEquals(List.of("toy/all"), List.copyOf(r.keySet()), "split layout is incomplete");
        TestFiles.write(cache, "toy/b", GOOD);
        assertEquals(List.of("toy/a", "toy/b"), List.copyOf(locator.resolve("toy").keySet()));
    }

    @Test
    void unknownDatasetListsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DatasetLocator(tmp).resolve("cifar10"));
        assertTrue(e.getMessage().contains("Invalid `name`: expected one of [mnist, fashion-mnist, weather, jena-climate]."
                + " Received: name=cifar10"), e.getMessage());
    }

    @Test
    void fetchCopiesIntoCacheVerifiedWithOriginAndListReportsIt() throws Exception {
        KnownFile f = withSystemCopy();
        DatasetLocator locator = locator(f);
        DatasetLocator.FileStatus before = locator.list().get(0);
        assertEquals(Source.SYSTEM_PACKAGE, before.source());

        List<DatasetLocator.FileStatus> after = locator.fetch("toy");
        Path cached = tmp.resolve("home/datasets/toy/data.bin.gz");
        assertEquals(Source.CACHE, after.get(0).source());
        assertEquals(cached, after.get(0).path());
        assertEquals("from Debian package toy-package", after.get(0).origin());
        assertArrayEquals(GOOD, FileContents.read(cached));
        assertTrue(after.get(0).toString().contains("cache"), after.get(0).toString());
        try (var files = Files.list(cached.getParent())) {
            assertEquals(List.of("data.bin.gz", "data.bin.gz.origin"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(after, locator.fetch("toy"), "fetch is idempotent");
    }

    @Test
    void fetchRefusesABadSystemCopyAndLeavesNoCacheFile() throws Exception {
        Path sys = TestFiles.write(tmp, "sys/data.bin", BAD);
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.bin", GOOD, "deb:toy-package:" + sys);
        DatasetException e = assertThrows(DatasetException.class, () -> locator(f).fetch("toy"));
        assertTrue(e.getMessage().contains("Checksum mismatch"), e.getMessage());
        Path dir = tmp.resolve("home/datasets/toy");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no partial or bad file is left in the cache");
        }
        assertNull(locator(f).withSystemPackages(false).list().get(0).source());
    }

    @Test
    void datasetsFacadeNamesTheKnownDatasets() {
        assertEquals(List.of("mnist", "fashion-mnist", "weather", "jena-climate"), Datasets.names());
    }

    @Test
    void builtInTableHasTheSharedSums() {
        KnownFiles t = KnownFiles.table();
        assertEquals("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                t.file("mnist/train-images-idx3-ubyte").sha256().orElseThrow());
        assertEquals("731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
                t.file("mnist/mnist.npz").sha256().orElseThrow());
        assertTrue(t.file(JenaClimate.FILE).sha256().isEmpty(), "no invented sum for Jena");
        assertEquals(List.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"),
                t.file("fashion-mnist/train-images-idx3-ubyte").debianPaths());
        assertEquals(List.of("idx", "npz"), List.copyOf(t.layouts("mnist").keySet()));
    }

    @Test
    void builtInTableMatchesSharedSha256SumsWhenPresent() throws Exception {
        Path mirror = RealData.mirror();
        org.junit.jupiter.api.Assumptions.assumeTrue(mirror != null && Files.exists(mirror.resolve("SHA256SUMS.uncompressed")),
                "Skipped: no ../shared/datasets mirror with SHA256SUMS.uncompressed");
        int checked = 0;
        for (String file : List.of("SHA256SUMS.uncompressed", "SHA256SUMS")) {
            for (String line : Files.readAllLines(mirror.resolve(file))) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && !parts[1].endsWith(".gz")) {
                    assertEquals(parts[0], KnownFiles.table().file(parts[1]).sha256().orElseThrow(), parts[1]);
                    checked++;
                }
            }
        }
        assertEquals(10, checked);
    }
}
