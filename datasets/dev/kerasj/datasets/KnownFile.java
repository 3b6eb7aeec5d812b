package dev.kerasj.datasets;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the table of known dataset files ({@code known-files.tsv}, read by {@link KnownFiles}):
 * which dataset and layout the file belongs to, its path relative to a cache or mirror root, the
 * SHA-256 and size of its decompressed content, and where it can be obtained.
 *
 * <pre>{@code
 * KnownFile f = KnownFiles.table().file("mnist/train-labels-idx1-ubyte");
 * f.sha256();  // Optional[65a50cbb...]
 * }</pre>
 */
public final class KnownFile {
    private final String dataset;
    private final String layout;
    private final String path;
    private final String sha256;
    private final long size;
    private final List<String> sources;

    /**
     * @param dataset the dataset name, e.g. {@code "mnist"}
     * @param layout the layout within the dataset, e.g. {@code "idx"} or {@code "npz"}
     * @param path path relative to a cache or mirror root, e.g. {@code "mnist/mnist.npz"}
     * @param sha256 lower-case hex SHA-256 of the decompressed content, or {@code null} if unknown
     * @param sources {@code deb:PACKAGE:PATH}, {@code npm:PACKAGE:PATH} or {@code http(s)://...} sources
     */
    public KnownFile(String dataset, String layout, String path, String sha256, List<String> sources) {
        this(dataset, layout, path, sha256, -1, sources);
    }

    /**
     * @param dataset the dataset name, e.g. {@code "mnist"}
     * @param layout the layout within the dataset, e.g. {@code "idx"} or {@code "npz"}
     * @param path path relative to a cache or mirror root, e.g. {@code "mnist/mnist.npz"}
     * @param sha256 lower-case hex SHA-256 of the decompressed content, or {@code null} if unknown
     * @param size bytes of the decompressed content, or -1 if unknown
     * @param sources {@code deb:PACKAGE:PATH}, {@code npm:PACKAGE:PATH} or {@code http(s)://...} sources
     */
    public KnownFile(String dataset, String layout, String path, String sha256, long size, List<String> sources) {
        this.dataset = Args.notBlank("dataset", dataset);
        this.layout = Args.notBlank("layout", layout);
        this.path = Args.notBlank("path", path);
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Invalid `sha256`: expected 64 lower-case hex digits or null. Received: sha256="
                    + sha256 + ". Compute it with `sha256sum` on the decompressed file.");
        }
        this.sha256 = sha256;
        if (size < -1) {
            throw new IllegalArgumentException("Invalid `size`: expected a number of bytes, or -1 if unknown. Received: size="
                    + size);
        }
        this.size = size;
        this.sources = List.copyOf(sources);
    }

    /** The dataset name, e.g. {@code "fashion-mnist"}. */
    public String dataset() {
        return dataset;
    }

    /** The layout within the dataset, e.g. {@code "idx"}. */
    public String layout() {
        return layout;
    }

    /** Path relative to a cache or mirror root, e.g. {@code "mnist/train-images-idx3-ubyte"}. */
    public String path() {
        return path;
    }

    /** The last path element, e.g. {@code "train-images-idx3-ubyte"}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** SHA-256 of the decompressed content, empty where no sum is known. */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    /** Bytes of the decompressed content, empty where unknown. */
    public java.util.OptionalLong size() {
        return size < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(size);
    }

    /** The sources of this file in table order. */
    public List<String> sources() {
        return sources;
    }

    /** The installed paths of the Debian packages that ship this file. */
    public List<String> debianPaths() {
        return sources.stream().filter(s -> s.startsWith("deb:"))
                .map(s -> s.substring(s.indexOf(':', 4) + 1)).toList();
    }

    /** The canonical http(s) download addresses of this file. */
    public List<String> urls() {
        return sources.stream().filter(s -> s.startsWith("http://") || s.startsWith("https://")).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnownFile k && dataset.equals(k.dataset) && layout.equals(k.layout) && path.equals(k.path)
                && Objects.equals(sha256, k.sha256) && size == k.size && sources.equals(k.sources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, layout, path, sha256, size, sources);
    }

    @Override
    public String toString() {
        return path + " (" + dataset + "/" + layout + ", sha256=" + (sha256 == null ? "unknown" : sha256) + ")";
    }
}
