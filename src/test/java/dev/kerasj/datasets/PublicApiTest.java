package dev.kerasj.datasets;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The datasets packages import no DL4J type (ND4J and DataVec are allowed) and write no registry host. */
class PublicApiTest {
    @Test
    void noDeeplearning4jImports() throws IOException {
        Path root = Path.of("datasets");
        assertTrue(Files.isDirectory(root), "run from the repository root");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("org.deeplearning4j");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
