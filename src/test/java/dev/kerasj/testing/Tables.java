package dev.kerasj.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real tables for tests: the penguins table copied into the test resources (see its README), and the
 * scikit-learn tables that Debian's {@code python3-sklearn} installs (the test is skipped without them),
 * rewritten with a header since their first line holds counts and class names instead.
 */
public final class Tables {
    /** Where Debian's python3-sklearn puts its CSV files. */
    public static final Path SKLEARN = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");

    private Tables() {
    }

    /** The Palmer penguins table (344 rows, with missing values). */
    public static Path penguins() {
        return Path.of("src/test/resources/dev/kerasj/datasets/penguins.csv");
    }

    /**
     * An sklearn table ({@code breast_cancer}, {@code iris}, {@code wine_data}) written to {@code out} with the
     * header {@code feature_1,…,feature_k,target} and each target index replaced by its class name from the
     * file's first line {@code n_samples,n_features,class_0,class_1,…}.
     */
    public static Path sklearn(String name, Path out) throws IOException {
        Path src = SKLEARN.resolve(name + ".csv");
        Assumptions.assumeTrue(Files.isRegularFile(src), "Skipped: " + src + " not found; install Debian's "
                + "python3-sklearn (apt-get install -y python3-sklearn).");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        String[] counts = lines.get(0).split(",");
        int features = Integer.parseInt(counts[1].strip());
        List<String> outLines = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (int i = 1; i <= features; i++) {
            header.append("feature_").append(i).append(',');
        }
        outLines.add(header.append("target").toString());
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            int cut = line.lastIndexOf(',');
            int label = Integer.parseInt(line.substring(cut + 1).strip());
            outLines.add(line.substring(0, cut + 1) + counts[2 + label].strip());
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, outLines, StandardCharsets.UTF_8);
        return out;
    }
}
