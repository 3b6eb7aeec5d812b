package dev.kerasj.datasets;

import dev.kerasj.internal.AtomicFiles;
import dev.kerasj.internal.Progbar;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Map;

/**
 * Downloads a URL to a file atomically (temporary file + rename, see {@link AtomicFiles}) with a
 * Keras-style progress bar; the file appears under its final name only after the whole body arrived
 * (checked against {@code Content-Length}) and the caller's check accepted it.
 *
 * <p>Defaults: connect timeout 30 s, read timeout 60 s, progress to {@code System.err}.
 *
 * <pre>{@code
 * new Downloader().download(URI.create(url), cacheFile, tmp -> verify(tmp));
 * }</pre>
 */
public final class Downloader {
    private final PrintStream progress;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    /** A downloader with the defaults: progress on {@code System.err}, 30 s connect and 60 s read timeouts. */
    public Downloader() {
        this(System.err, 30_000, 60_000);
    }

    /**
     * @param progress where the progress bar is drawn, or {@code null} for none
     * @param connectTimeoutMillis connection timeout in milliseconds
     * @param readTimeoutMillis read timeout in milliseconds
     */
    public Downloader(PrintStream progress, int connectTimeoutMillis, int readTimeoutMillis) {
        this.progress = progress;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * Downloads {@code url} to {@code target}.
     *
     * @param check runs on the complete temporary file before the rename; throw to reject it
     * @throws FileNotFoundException if the server answers 404 (or 410)
     * @throws IOException on any other failure, including a body shorter than its {@code Content-Length}
     */
    public void download(URI url, Path target, AtomicFiles.Check check) throws IOException {
        URLConnection connection = url.toURL().openConnection();
        connection.setConnectTimeout(connectTimeoutMillis);
        connection.setReadTimeout(readTimeoutMillis);
        if (connection instanceof HttpURLConnection http) {
            int code = http.getResponseCode();
            if (code == 404 || code == 410) {
                http.disconnect();
                throw new FileNotFoundException(url + " answered HTTP " + code);
            }
            if (code != 200) {
                http.disconnect();
                throw new IOException(url + " answered HTTP " + code + " " + http.getResponseMessage());
            }
        }
        long expected = connection.getContentLengthLong();
        if (progress != null) {
            progress.println("Downloading data from " + url);
        }
        // Keras's get_file draws the same bar as fit: bytes as steps
        Progbar bar = new Progbar(progress, progress == null ? 0 : 1, expected, Progbar.isTerminal());
        try (InputStream in = connection.getInputStream()) {
            AtomicFiles.write(target, out -> {
                byte[] buffer = new byte[1 << 16];
                long done = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    done += n;
                    bar.update(done, Map.of());
                }
                bar.finish(Map.of());
                if (expected >= 0 && done != expected) {
                    throw new IOException("Incomplete download of " + url + ": received " + done + " of " + expected
                            + " bytes");
                }
            }, check);
        }
    }
}
