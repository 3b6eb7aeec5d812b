package dev.kerasj.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The table of known dataset files: name, layout, relative path, SHA-256 and size of the
 * decompressed content, and sources. The table is the resource {@code known-files.tsv} beside this class, the
 * single place these facts are written; {@code scripts/fetch-datasets} reads the same file.
 *
 * <pre>{@code
 * KnownFiles.table().datasets();             // [mnist, fashion-mnist, weather, jena-climate]
 * KnownFiles.table().layouts("mnist");       // {idx=[4 files], npz=[mnist.npz]}
 * }</pre>
 */
public final class KnownFiles {
    private static final String RESOURCE = "known-files.tsv";
    private static volatile KnownFiles builtIn;

    private final List<KnownFile> files;

    /** @param files the rows of the table, in lookup order */
    public KnownFiles(List<KnownFile> files) {
        this.files = List.copyOf(files);
    }

    /** The built-in table read from {@code known-files.tsv}. */
    public static KnownFiles table() {
        KnownFiles t = builtIn;
        if (t == null) {
            try (InputStream in = KnownFiles.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The resource " + RESOURCE + " is missing from the class path;"
                            + " rebuild kerasj (mvn package) so that datasets/**/*.tsv is copied.");
                }
                t = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = t;
        }
        return t;
    }

    static KnownFiles parse(BufferedReader reader) throws IOException {
        List<KnownFile> rows = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t");
            if (c.length != 6 || !c[4].matches("-|[0-9]{1,18}")) {
                throw new IllegalStateException("Malformed row in " + RESOURCE + ": expected 6 tab-separated columns,"
                        + " the fifth a size in bytes or \"-\". Received: " + line);
            }
            rows.add(new KnownFile(c[0], c[1], c[2], c[3].equals("-") ? null : c[3],
                    c[4].equals("-") ? -1 : Long.parseLong(c[4]), Arrays.asList(c[5].trim().split(" +"))));
        }
        return new KnownFiles(rows);
    }

    /** All rows in table order. */
    public List<KnownFile> files() {
        return files;
    }

    /** The dataset names in table order. */
    public List<String> datasets() {
        return List.copyOf(new LinkedHashSet<>(files.stream().map(KnownFile::dataset).toList()));
    }

    /**
     * The files of one dataset grouped by layout, in table order.
     *
     * @throws IllegalArgumentException if the dataset is unknown; the message lists the known ones
     */
    public Map<String, List<KnownFile>> layouts(String dataset) {
        Map<String, List<KnownFile>> byLayout = new LinkedHashMap<>();
        for (KnownFile f : files) {
            if (f.dataset().equals(dataset)) {
                byLayout.computeIfAbsent(f.layout(), k -> new ArrayList<>()).add(f);
            }
        }
        if (byLayout.isEmpty()) {
            throw new IllegalArgumentException("Invalid `name`: expected one of " + datasets() + ". Received: name="
                    + dataset + ". Add a row to " + RESOURCE + " to make a new dataset known.");
        }
        byLayout.replaceAll((k, v) -> List.copyOf(v));
        return byLayout;
    }

    /** The files of one dataset, all layouts, in table order. */
    public List<KnownFile> filesOf(String dataset) {
        return layouts(dataset).values().stream().flatMap(List::stream).toList();
    }

    /**
     * The row for a relative path such as {@code "weather/weather.csv"}.
     *
     * @throws IllegalArgumentException if no row has that path
     */
    public KnownFile file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Invalid `path`: expected one of "
                        + files.stream().map(KnownFile::path).toList() + ". Received: path=" + path));
    }
}
