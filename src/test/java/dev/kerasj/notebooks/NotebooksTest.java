package dev.kerasj.notebooks;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executes every notebook of {@code notebooks/} top to bottom with a real Jupyter and Java kernel
 * ({@code scripts/run-notebooks}, fast mode) against the classes under test, and checks that each drew
 * pictures that decode and are not blank. Skipped where the tools are not installed
 * ({@code scripts/install-notebook-tools} installs them) or when {@code KERASJ_SKIP_NOTEBOOKS=1}.
 */
class NotebooksTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final long TIMEOUT_MINUTES = 60;

    @Test
    void everyNotebookExecutesAndDrawsPictures() throws Exception {
        Assumptions.assumeFalse("1".equals(System.getenv("KERASJ_SKIP_NOTEBOOKS")), "KERASJ_SKIP_NOTEBOOKS=1");
        Path script = ROOT.resolve("scripts/run-notebooks");
        List<Path> notebooks = notebooks();
        assertFalse(notebooks.isEmpty(), "notebooks/ holds notebooks");
        Assumptions.assumeTrue(run(List.of("bash", script.toString(), "--check"), null, null) == 0,
                "Jupyter and the kerasj-java kernel are not installed: run scripts/install-notebook-tools");

        Path work = Files.createDirectories(ROOT.resolve("target/notebooks-test"));
        Path jar = classPathJar(work.resolve("kerasj.jar"));
        Path out = work.resolve("out");
        Path log = work.resolve("run-notebooks.log");
        int rc = run(List.of("bash", script.toString()), new String[] {"KERASJ_JAR=" + jar, "KERASJ_NOTEBOOK_OUT=" + out},
                log);
        assertEquals(0, rc, () -> "scripts/run-notebooks failed:\n" + tail(log));

        for (Path nb : notebooks) {
            String name = nb.getFileName().toString().replaceFirst("\\.ipynb$", "");
            Path pictures = out.resolve(name);
            List<Path> pngs;
            try (Stream<Path> s = Files.list(pictures)) {
                pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
            }
            assertFalse(pngs.isEmpty(), name + " drew pictures");
            for (Path p : pngs) {
                BufferedImage img = ImageIO.read(p.toFile());
                assertNotNull(img, p + " decodes");
                assertTrue(img.getWidth() > 0 && img.getHeight() > 0, p + " has a size");
                assertTrue(hasTwoColours(img), p + " is not blank");
            }
        }
    }

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /** A jar holding only a manifest whose Class-Path is this test's class path (target/classes and dependencies). */
    private static Path classPathJar(Path jar) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringBuilder entries = new StringBuilder();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank() && Files.exists(Path.of(e))) {
                entries.append(Path.of(e).toAbsolutePath().toUri()).append(' ');
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, entries.toString().trim());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, m)) {
            j.flush();
        }
        return jar;
    }

    private static int run(List<String> command, String[] env, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        if (env != null) {
            for (String kv : env) {
                int eq = kv.indexOf('=');
                pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        if (log != null) {
            pb.redirectOutput(log.toFile());
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        return p.exitValue();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static boolean hasTwoColours(BufferedImage img) {
        int first = img.getRGB(0, 0);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) != first) {
                    return true;
                }
            }
        }
        return false;
    }
}
