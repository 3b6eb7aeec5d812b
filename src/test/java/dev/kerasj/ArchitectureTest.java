package dev.kerasj;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public packages import no DL4J type: translation lives in dev.kerasj.internal.dl4j only. */
class ArchitectureTest {
    @Test
    void publicPackagesDoNotImportDeeplearning4j() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String root : new String[] {"api", "datasets", "models", "cli"}) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    if (rel.startsWith("dev/kerasj/internal/dl4j/")) {
                        continue;
                    }
                    for (String line : Files.readAllLines(f)) {
                        if (line.matches("\\s*import\\s+(static\\s+)?org\\.deeplearning4j\\..*")
                                || line.contains("org.deeplearning4j.") && !line.trim().startsWith("*") && !line.trim().startsWith("//")) {
                            offenders.add(root + "/" + rel + ": " + line.trim());
                        }
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "DL4J types outside dev.kerasj.internal.dl4j:\n" + String.join("\n", offenders));
    }
}
