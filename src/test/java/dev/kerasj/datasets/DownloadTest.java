package dev.kerasj.datasets;

import com.sun.net.httpserver.HttpServer;
import dev.kerasj.datasets.DatasetLocator.Located;
import dev.kerasj.datasets.DatasetLocator.Source;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads from a local HTTP server on 127.0.0.1: atomic, verified, with progress, and bounded in time. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DownloadTest {
    private static final byte[] CONTENT = "line 1\nline 2\n".repeat(5000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, byte[]> bodies = new HashMap<>();
    private final Map<String, Integer> declaredLengths = new HashMap<>();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        executor = Executors.newSingleThreadExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body = bodies.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            int declared = declaredLengths.getOrDefault(exchange.getRequestURI().getPath(), body.length);
            exchange.sendResponseHeaders(200, declared);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (java.io.IOException ignored) {
                // a truncated response: the stream refuses to close short of the declared length
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private DatasetLocator locator(KnownFile f) {
        return new DatasetLocator(tmp.resolve("home")).withTable(new KnownFiles(List.of(f)))
                .withDownloader(new Downloader(new PrintStream(progress, true), 1500, 1500));
    }

    private List<String> cacheFiles() throws Exception {
        Path dir = tmp.resolve("home/datasets/toy");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsIntoTheCacheWithProgressAndOrigin() throws Exception {
        bodies.put("/files/data.txt.gz", TestFiles.gzip(CONTENT));
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.txt", CONTENT, url("/files/data.txt.gz"));
        Located l = locator(f).locate(f);
        assertEquals(Source.DOWNLOAD, l.source());
        assertEquals(tmp.resolve("home/datasets/toy/data.txt.gz"), l.path());
        assertArrayEquals(CONTENT, FileContents.read(l.path()));
        assertEquals(List.of("data.txt.gz", "data.txt.gz.origin"), cacheFiles());
        String bar = progress.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("Downloading data from " + url("/files/data.txt.gz")), bar);
        // Keras 3's get_file bar: bytes as steps, e.g. "11490434/11490434 ━━━━━━━━━━━━━━━━━━━━ 2s 0us/step"
        assertTrue(bar.matches("(?s).*\\b(\\d+)/\\1 ━{20} \\d+s \\d+[mu]?s/step.*"), bar);
        Located again = locator(f).locate(f);
        assertEquals(Source.CACHE, again.source());
        assertEquals("from " + url("/files/data.txt.gz"), again.origin());
    }

    @Test
    void wrongContentIsRejectedAndNothingIsCached() throws Exception {
        bodies.put("/data.txt", "not the data".getBytes(StandardCharsets.UTF_8));
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.txt", CONTENT, url("/data.txt"));
        DatasetException e = assertThrows(DatasetException.class, () -> locator(f).locate(f));
        assertTrue(e.getMessage().contains("Checksum mismatch for toy/data.txt"), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void truncatedDownloadLeavesNoFileUnderTheFinalName() throws Exception {
        bodies.put("/data.txt", java.util.Arrays.copyOf(CONTENT, 1000));
        declaredLengths.put("/data.txt", CONTENT.length);
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.txt", CONTENT, url("/data.txt"));
        DatasetException e = assertThrows(DatasetException.class, () -> locator(f).locate(f));
        assertTrue(e.getMessage().contains(url("/data.txt")), e.getMessage());
        assertEquals(List.of(), cacheFiles(), "neither data.txt nor a .part file is left");
    }

    @Test
    void httpMirrorIsTriedBeforeTheCanonicalAddressPlainAfterGz() throws Exception {
        bodies.put("/mirror/toy/data.txt", CONTENT);
        bodies.put("/canonical/data.txt", "never used".getBytes(StandardCharsets.UTF_8));
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.txt", CONTENT, url("/canonical/data.txt"));
        Located l = locator(f).withMirror(url("/mirror")).locate(f);
        assertEquals(url("/mirror/toy/data.txt"), l.origin());
        assertArrayEquals(CONTENT, FileContents.read(l.path()));
    }

    @Test
    void zipSourceIsExtractedAndTheZipRemoved() throws Exception {
        bodies.put("/data.csv.zip", TestFiles.zip("data.csv", CONTENT));
        KnownFile f = TestFiles.known("toy", "csv", "toy/data.csv", null, url("/data.csv.zip"));
        Located l = locator(f).locate(f);
        assertEquals(tmp.resolve("home/datasets/toy/data.csv"), l.path());
        assertArrayEquals(CONTENT, Files.readAllBytes(l.path()));
        assertEquals(List.of("data.csv", "data.csv.origin"), cacheFiles());
    }

    @Test
    void notFoundEverywhereListsTheAddresses() {
        KnownFile f = TestFiles.known("toy", "raw", "toy/data.txt", CONTENT, url("/missing.txt"));
        DatasetException e = assertThrows(DatasetException.class, () -> locator(f).locate(f));
        assertTrue(e.getMessage().contains(url("/missing.txt") + " (not found)"), e.getMessage());
    }
}
