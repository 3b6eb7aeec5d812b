package dev.kerasj.datasets;

import dev.kerasj.internal.AtomicFiles;



import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds dataset files, the one place where every loader's "where does the data come from" logic
 * lives. Each file of {@link KnownFiles} is looked up, in this order:
 * <ol>
 *   <li>the cache {@code $KERASJ_HOME/datasets/<path>} (default {@code ~/.kerasj});</li>
 *   <li>the mirror {@code KERASJ_DATASET_MIRROR}: a local directory read in place, or an http(s)
 *       URL downloaded into the cache, laid out like {@code <mirror>/mnist/train-images-idx3-ubyte.gz};</li>
 *   <li>the path where a Debian package installs it ({@code deb:} sources, e.g.
 *       {@code /usr/share/datasets/fashion-mnist}), read in place;</li>
 *   <li>its canonical download address, downloaded into the cache with a progress bar.</li>
 * </ol>
 * In every location a file may be stored plain or gzip-compressed ({@code <path>.gz}). Downloads and
 * copies into the cache are atomic (temporary file + rename) and verified before the rename; every
 * read is verified by the SHA-256 of the decompressed content ({@link #read}) and bounded by the
 * table's size (a gzip stream that inflates beyond it stops with an error). A cached copy that fails
 * is replaced by the file from the mirror, a system package or a download, where one has it (with a
 * warning in the log); elsewhere a mismatch is a {@link DatasetException} naming the file, both sums
 * and how to re-fetch.
 *
 * <p>Defaults ({@link #fromEnvironment()}): home from the system property {@code kerasj.home}, else
 * the environment variable {@code KERASJ_HOME}, else {@code ~/.kerasj}; mirror from
 * {@code kerasj.dataset.mirror}, else {@code KERASJ_DATASET_MIRROR}, else none; system packages and
 * downloads enabled; the built-in table.
 *
 * <pre>{@code
 * DatasetLocator locator = DatasetLocator.fromEnvironment().withMirror("/srv/datasets");
 * Mnist.loadData(locator);
 * }</pre>
 */
public final class DatasetLocator {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetLocator.class);

    /** Where a file was found. */
    public enum Source {
        /** The cache under {@code $KERASJ_HOME/datasets}. */
        CACHE,
        /** A local mirror directory (an http mirror is downloaded, so its files report {@link #DOWNLOAD}). */
        MIRROR,
        /** A path where a Debian package installs the file. */
        SYSTEM_PACKAGE,
        /** Downloaded just now, from the http mirror or the canonical address, into the cache. */
        DOWNLOAD
    }

    /**
     * A known file and where it was found.
     *
     * @param file the table row
     * @param path the file on disk (possibly gzip-compressed)
     * @param source which kind of location it came from
     * @param origin a human-readable origin, e.g. the URL or package it came from
     */
    public record Located(KnownFile file, Path path, Source source, String origin) {
    }

    /**
     * The status of one known file, for {@link #list()} and {@link #fetch(String)}.
     *
     * @param file the table row
     * @param source where it is available without downloading, or {@code null} if nowhere
     * @param path the file on disk, or {@code null}
     * @param origin where the cached copy came from, or how it can be obtained
     */
    public record FileStatus(KnownFile file, Source source, Path path, String origin) {
        @Override
        public String toString() {
            return String.format("%-14s %-44s %-15s %s", file.dataset(), file.path(),
                    source == null ? "missing" : source.name().toLowerCase(), path == null ? origin
                            : path + (origin == null || origin.isEmpty() ? "" : " (" + origin + ")"));
        }
    }

    private static final String ORIGIN_SUFFIX = ".origin";

    private final Path home;
    private final String mirror;
    private final boolean systemPackages;
    private final boolean downloads;
    private final KnownFiles table;
    private final Downloader downloader;

    private DatasetLocator(Path home, String mirror, boolean systemPackages, boolean downloads, KnownFiles table,
            Downloader downloader) {
        this.home = Args.notNull("home", home);
        this.mirror = mirror == null || mirror.isBlank() ? null : mirror.strip();
        this.systemPackages = systemPackages;
        this.downloads = downloads;
        this.table = Args.notNull("table", table);
        this.downloader = Args.notNull("downloader", downloader);
    }

    /**
     * A locator with the given home (cache under {@code home/datasets}), no mirror, system packages
     * and downloads enabled, and the built-in table.
     */
    public DatasetLocator(Path home) {
        this(home, null, true, true, KnownFiles.table(), new Downloader());
    }

    /** A locator configured from system properties and environment variables (see the class comment). */
    public static DatasetLocator fromEnvironment() {
        String home = setting("kerasj.home", "KERASJ_HOME");
        Path homePath = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".kerasj");
        return new DatasetLocator(homePath).withMirror(setting("kerasj.dataset.mirror", "KERASJ_DATASET_MIRROR"));
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** A copy with this mirror: a directory, an http(s) URL, or {@code null} for none. */
    public DatasetLocator withMirror(String mirror) {
        return new DatasetLocator(home, mirror, systemPackages, downloads, table, downloader);
    }

    /** A copy that does ({@code true}, the default) or does not look where system packages install files. */
    public DatasetLocator withSystemPackages(boolean enabled) {
        return new DatasetLocator(home, mirror, enabled, downloads, table, downloader);
    }

    /** A copy that may ({@code true}, the default) or may not download from canonical addresses and http mirrors. */
    public DatasetLocator withDownloads(boolean enabled) {
        return new DatasetLocator(home, mirror, systemPackages, enabled, table, downloader);
    }

    /** A copy using another table of known files. */
    public DatasetLocator withTable(KnownFiles table) {
        return new DatasetLocator(home, mirror, systemPackages, downloads, table, downloader);
    }

    /** A copy using another downloader (e.g. one without a progress bar). */
    public DatasetLocator withDownloader(Downloader downloader) {
        return new DatasetLocator(home, mirror, systemPackages, downloads, table, downloader);
    }

    /** The kerasj home directory. */
    public Path home() {
        return home;
    }

    /** The cache root, {@code home/datasets}. */
    public Path cacheRoot() {
        return home.resolve("datasets");
    }

    /** The mirror (directory or URL), if any. */
    public java.util.Optional<String> mirror() {
        return java.util.Optional.ofNullable(mirror);
    }

    /** The table of known files. */
    public KnownFiles table() {
        return table;
    }

    /**
     * Locates one file, downloading it into the cache if it is found nowhere on disk.
     *
     * @throws DatasetException if it is found nowhere; the message lists where kerasj looked and how to fetch it
     */
    public Located locate(KnownFile file) {
        List<String> looked = new ArrayList<>();
        Located local = locateLocally(file, looked, true);
        if (local != null) {
            return local;
        }
        Located remote = locateRemotely(file, looked);
        if (remote != null) {
            return remote;
        }
        throw notFound(List.of(file), looked);
    }

    /** Locates the file with this relative path, e.g. {@code "weather/weather.csv"}. */
    public Located locate(String path) {
        return locate(table.file(path));
    }

    /**
     * Locates a whole dataset: the first layout whose files are all on disk, else the first layout
     * whose files can all be obtained (downloading as needed).
     *
     * @return the located files of that layout, keyed by relative path, in table order
     * @throws IllegalArgumentException if the dataset name is unknown
     * @throws DatasetException if no layout can be completed
     */
    public Map<String, Located> resolve(String dataset) {
        Map<String, List<KnownFile>> layouts = table.layouts(dataset);
        List<String> looked = new ArrayList<>();
        for (List<KnownFile> files : layouts.values()) {
            Map<String, Located> found = new LinkedHashMap<>();
            for (KnownFile f : files) {
                Located l = locateLocally(f, looked, true);
                if (l == null) {
                    break;
                }
                found.put(f.path(), l);
            }
            if (found.size() == files.size()) {
                return found;
            }
        }
        for (List<KnownFile> files : layouts.values()) {
            Map<String, Located> found = new LinkedHashMap<>();
            for (KnownFile f : files) {
                Located l = locateLocally(f, new ArrayList<>(), true);
                if (l == null) {
                    l = locateRemotely(f, looked);
                }
                if (l == null) {
                    break;
                }
                found.put(f.path(), l);
            }
            if (found.size() == files.size()) {
                return found;
            }
        }
        throw notFound(table.filesOf(dataset), looked);
    }

    /**
     * The decompressed content of a located file, verified against the table's SHA-256.
     *
     * @throws DatasetException on a checksum mismatch (naming the file, both sums and how to re-fetch),
     *     or if the file is truncated or unreadable
     */
    public byte[] read(Located located) {
        try {
            return readVerified(located);
        } catch (DatasetException e) {
            if (located.source() != Source.CACHE) {
                throw e;
            }
            byte[] replaced = replaceCached(located, e);
            if (replaced == null) {
                throw e;
            }
            return replaced;
        }
    }

    private static byte[] readVerified(Located located) {
        byte[] content;
        try {
            content = FileContents.read(located.path(), limit(located.file()));
        } catch (DatasetException e) {
            throw new DatasetException(e.getMessage() + " " + DatasetException.refetchHint(located.file().dataset()), e);
        }
        verify(located.file(), content, located.path());
        return content;
    }

    /**
     * A cached copy failed its check: takes the file from the mirror, a system package or a download
     * instead (verified, and copied into the cache in place of the bad copy) and returns its content, or
     * returns null when it is found nowhere else.
     */
    private byte[] replaceCached(Located bad, DatasetException why) {
        KnownFile f = bad.file();
        Located other = locateLocally(f, new ArrayList<>(), false);
        if (other == null) {
            other = locateRemotely(f, new ArrayList<>());
        }
        if (other == null) {
            return null;
        }
        byte[] content = readVerified(other);
        Path replacement = other.path();
        if (other.source() != Source.DOWNLOAD) {
            replacement = copyIntoCache(other);
        }
        if (!replacement.equals(bad.path())) {
            try {
                Files.deleteIfExists(bad.path());
                Files.deleteIfExists(bad.path().resolveSibling(bad.path().getFileName() + ORIGIN_SUFFIX));
            } catch (IOException e) {
                // the good copy is in place and found first only if the bad one is gone; say so
                throw new DatasetException("Cannot remove the corrupt cached file " + bad.path() + ": " + e
                        + ". Delete it by hand.", e);
            }
        }
        LOG.warn("The cached {} failed its check ({}); replaced it with the copy from {}.", bad.path(),
                why.getMessage().split("\\. ")[0], other.origin());
        return content;
    }

    /** The most bytes a known file's decompressed content may hold. */
    private static long limit(KnownFile f) {
        return f.size().orElse(FileContents.DEFAULT_LIMIT);
    }

    /** Throws if {@code content} does not match the file's SHA-256 in the table; files without a sum pass. */
    static void verify(KnownFile file, byte[] content, Path where) {
        if (file.sha256().isEmpty()) {
            return;
        }
        String actual = FileContents.sha256(content);
        if (!actual.equals(file.sha256().get())) {
            throw new DatasetException("Checksum mismatch for " + file.path() + " read from " + where
                    + ": expected SHA-256 " + file.sha256().get() + " of the decompressed content, actual " + actual
                    + ". The file is corrupt, truncated or a different version and will not be used. "
                    + DatasetException.refetchHint(file.dataset()));
        }
    }

    /** The status of every known file, without downloading or hashing anything. */
    public List<FileStatus> list() {
        List<FileStatus> out = new ArrayList<>();
        for (KnownFile f : table.files()) {
            out.add(status(f));
        }
        return out;
    }

    /**
     * Fills the cache with one dataset: resolves it ({@link #resolve}), copies files found in the
     * mirror or in a system package into the cache atomically, and verifies every file.
     *
     * @return the status of the dataset's files afterwards
     */
    public List<FileStatus> fetch(String dataset) {
        Map<String, Located> resolved = resolve(dataset);
        for (Located l : resolved.values()) {
            if (l.source() == Source.CACHE || l.source() == Source.DOWNLOAD) {
                read(l);
                continue;
            }
            copyIntoCache(l);
        }
        return table.filesOf(dataset).stream().map(this::status).toList();
    }

    /** Copies a file found in the mirror or a system package into the cache, verified; returns the cache path. */
    private Path copyIntoCache(Located l) {
        String suffix = l.path().getFileName().toString().endsWith(".gz") ? ".gz" : "";
        Path target = cacheRoot().resolve(l.file().path() + suffix);
        try {
            AtomicFiles.copy(l.path(), target, tmp -> verify(l.file(), FileContents.read(tmp, limit(l.file())), l.path()));
            writeOrigin(target, l.origin());
        } catch (IOException e) {
            throw new DatasetException("Cannot copy " + l.path() + " into the cache " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private FileStatus status(KnownFile f) {
        Located l = locateLocally(f, new ArrayList<>(), true);
        if (l == null) {
            return new FileStatus(f, null, null, "sources: " + String.join(" ", f.sources()));
        }
        return new FileStatus(f, l.source(), l.path(), l.origin());
    }

    private Located locateLocally(KnownFile f, List<String> looked, boolean cache) {
        if (cache) {
            Path cached = existing(cacheRoot(), f.path());
            if (cached != null) {
                return new Located(f, cached, Source.CACHE, readOrigin(cached));
            }
            looked.add("cache " + cacheRoot().resolve(f.path()) + "[.gz]");
        }
        if (mirror != null && !isUrl(mirror)) {
            Path m = existing(Path.of(mirror), f.path());
            if (m != null) {
                return new Located(f, m, Source.MIRROR, "mirror " + mirror);
            }
            looked.add("mirror " + Path.of(mirror).resolve(f.path()) + "[.gz]");
        } else if (mirror == null) {
            looked.add("no mirror (KERASJ_DATASET_MIRROR is not set)");
        }
        if (systemPackages) {
            for (String source : f.sources()) {
                if (source.startsWith("deb:")) {
                    String pkg = source.substring(4, source.indexOf(':', 4));
                    Path p = Path.of(source.substring(source.indexOf(':', 4) + 1));
                    if (Files.isRegularFile(p)) {
                        return new Located(f, p, Source.SYSTEM_PACKAGE, "Debian package " + pkg);
                    }
                    looked.add(p + " (Debian package " + pkg + " is not installed)");
                }
            }
        }
        return null;
    }

    private Located locateRemotely(KnownFile f, List<String> looked) {
        if (!downloads) {
            if (mirror != null && isUrl(mirror) || !f.urls().isEmpty()) {
                looked.add("downloads are disabled");
            }
            return null;
        }
        List<String> urls = new ArrayList<>();
        if (mirror != null && isUrl(mirror)) {
            String base = mirror.endsWith("/") ? mirror : mirror + "/";
            urls.add(base + f.path() + ".gz");
            urls.add(base + f.path());
        }
        urls.addAll(f.urls());
        for (String url : urls) {
            try {
                return download(f, url);
            } catch (FileNotFoundException e) {
                looked.add(url + " (not found)");
            } catch (IOException e) {
                looked.add(url + " (" + e.getMessage() + ")");
            }
        }
        return null;
    }

    private Located download(KnownFile f, String url) throws IOException {
        Path target;
        if (url.endsWith(".zip")) {
            target = cacheRoot().resolve(f.path());
            Path zip = cacheRoot().resolve(f.path() + ".zip");
            downloader.download(URI.create(url), zip, tmp -> extractMember(tmp, f.fileName(), null, f));
            try {
                extractMember(zip, f.fileName(), target, f);
            } finally {
                Files.deleteIfExists(zip);
            }
        } else {
            target = cacheRoot().resolve(f.path() + (url.endsWith(".gz") ? ".gz" : ""));
            downloader.download(URI.create(url), target, tmp -> verify(f, FileContents.read(tmp, limit(f)), Path.of(url)));
        }
        writeOrigin(target, url);
        return new Located(f, target, Source.DOWNLOAD, url);
    }

    /**
     * Extracts the zip member named {@code member} to {@code target} atomically, or only checks it
     * (zip CRC, SHA-256 where known) when {@code target} is null.
     */
    private static void extractMember(Path zipFile, String member, Path target, KnownFile f) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals(member) || e.getName().endsWith("/" + member)) {
                    if (target == null) {
                        verify(f, FileContents.readAtMost(zip, limit(f), zipFile + "!" + e.getName()), zipFile);
                    } else {
                        InputStream in = zip;
                        AtomicFiles.write(target, in::transferTo);
                    }
                    return;
                }
            }
        }
        throw new IOException("the archive " + zipFile.getFileName() + " has no member " + member);
    }

    private static boolean isUrl(String s) {
        return s.startsWith("http://") || s.startsWith("https://");
    }

    private static Path existing(Path root, String path) {
        Path plain = root.resolve(path);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = root.resolve(path + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static void writeOrigin(Path file, String origin) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + ORIGIN_SUFFIX);
        AtomicFiles.write(sidecar, out -> out.write((origin + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static String readOrigin(Path file) {
        Path sidecar = file.resolveSibling(file.getFileName() + ORIGIN_SUFFIX);
        try {
            return Files.isRegularFile(sidecar) ? "from " + Files.readString(sidecar).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private DatasetException notFound(List<KnownFile> files, List<String> looked) {
        String dataset = files.get(0).dataset();
        List<String> packages = new ArrayList<>();
        for (KnownFile f : files) {
            for (String s : f.sources()) {
                if (s.startsWith("npm:") || s.startsWith("deb:")) {
                    String p = (s.startsWith("npm:") ? "npm package " : "Debian package ")
                            + s.substring(4, s.indexOf(':', 4));
                    if (!packages.contains(p)) {
                        packages.add(p);
                    }
                }
            }
        }
        return new DatasetException("The " + dataset + " dataset files "
                + files.stream().map(KnownFile::path).toList() + " were not found. Looked in: "
                + String.join("; ", new java.util.LinkedHashSet<>(looked)) + ". To get them without web access run"
                + " `scripts/fetch-datasets " + dataset + "`" + (packages.isEmpty() ? "" : " (it uses the "
                + String.join(" and the ", packages) + ")") + ", or set KERASJ_DATASET_MIRROR to a directory or"
                + " URL laid out like <mirror>/" + dataset + "/<file>[.gz].");
    }
}
