package dev.kerasj.internal;

import dev.kerasj.Model;
import dev.kerasj.testing.HostileModelFiles;
import dev.kerasj.testing.HostileModelFiles.Expect;
import dev.kerasj.testing.HostileModelFiles.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 23: a model file from a stranger either loads correctly or is refused with one line — never another
 * exception, a native crash, an unbounded allocation, or a silently wrong model. The hostile files are
 * generated from a freshly trained model by {@link HostileModelFiles}.
 */
// a guard against a reader that spins (one once did, on a drained bomb), far above the seconds these take
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileModelFilesTest {
    @TempDir
    static Path dir;
    static Path original;
    static INDArray x;
    static float[] expected;

    @BeforeAll
    static void trainAndSave() throws IOException {
        original = dir.resolve("original.kerasj");
        HostileModelFiles.trainAndSave(original);
        x = HostileModelFiles.data()[0];
        expected = Model.load(original).predict(x).data().asFloat();
    }

    @TestFactory
    Stream<DynamicTest> eachNamedCaseLoadsCorrectlyOrIsRefusedInOneLine() throws IOException {
        return HostileModelFiles.cases(original).stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            Outcome o = check(v);
            if (o.problem() != null) {
                fail(o.problem());
            }
        }));
    }

    /**
     * More seeds, checking only that nothing but {@code InvalidModelFileException} escapes: the saved zip's timestamps
     * change its bytes from run to run, and two JDK zip-reader exceptions (EOFException from a damaged end record,
     * IllegalArgumentException from a damaged entry name) once escaped on some runs only.
     */
    @Test
    void fuzzOverManySeedsThrowsNothingElse() throws IOException {
        List<String> problems = new ArrayList<>();
        for (int seed = 1; seed <= 30; seed++) {
            for (Variant v : HostileModelFiles.fuzz(original, seed, 120)) {
                Path file = dir.resolve("many.kerasj");
                Files.write(file, v.bytes());
                try {
                    Model.load(file);
                } catch (InvalidModelFileException e) {
                    // refused in Keras's words: fine
                } catch (RuntimeException | IOException | Error e) {
                    problems.add("seed " + seed + ", " + v + ": threw " + e);
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " fuzzed files escaped:\n" + String.join("\n", problems));
    }

    @Test
    void seededFuzzOfFileHeadersDataAndConfigNeverEscapes() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Expect, int[]> loaded = new EnumMap<>(Expect.class);
        for (Variant v : HostileModelFiles.fuzz(original, 23, 120)) {
            Outcome o = check(v);
            if (o.problem() != null) {
                problems.add(o.problem());
            }
            loaded.computeIfAbsent(v.expect(), k -> new int[2])[o.loaded() ? 0 : 1]++;
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " fuzzed files misbehaved:\n" + String.join("\n", problems));
        // the fuzzing reaches both outcomes: it is not all refused by the first check (loaded, refused per kind)
        assertTrue(loaded.get(Expect.REFUSED_OR_SAME)[0] > 0 && loaded.get(Expect.REFUSED_OR_SAME)[1] > 0, loaded::toString);
        assertTrue(loaded.get(Expect.REFUSED_OR_LOADS)[1] > 0, loaded::toString);
        assertEquals(0, loaded.get(Expect.LOADS_WITH_WEIGHTS)[1]);
    }

    @Test
    void zipBombsFailWithoutAllocatingWhatTheyInflateTo() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Variant> bombs = HostileModelFiles.cases(original).stream().filter(v -> v.name().startsWith("zip bomb")).toList();
        assertEquals(3, bombs.size());
        for (Variant v : bombs) {
            Path file = dir.resolve("bomb.kerasj");
            Files.write(file, v.bytes());
            long before = threads.getCurrentThreadAllocatedBytes();
            InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                    () -> Model.load(file), v.name());
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(e.getMessage().contains(v.fragment()), e::getMessage);
            // each inflates to 1 or 2 GiB; kerasj.json may take its 16 MiB cap before it is refused
            assertTrue(allocated < (64 << 20), v.name() + ": allocated " + allocated + " bytes on the heap");
        }
    }

    /** Whether the variant loaded, and what went wrong (null: it behaved as expected). */
    private record Outcome(boolean loaded, String problem) {
        static Outcome refused(String problem) {
            return new Outcome(false, problem);
        }

        static Outcome loaded(String problem) {
            return new Outcome(true, problem);
        }
    }

    private static Outcome check(Variant v) throws IOException {
        Path file = dir.resolve("variant.kerasj");
        Files.write(file, v.bytes());
        Model model;
        try {
            model = Model.load(file);
        } catch (InvalidModelFileException e) {
            String m = e.getMessage();
            if (v.expect() == Expect.SAME || v.expect() == Expect.LOADS_WITH_WEIGHTS) {
                return Outcome.refused(v + ": refused, but should load: " + m);
            }
            if (m.contains("\n") || m.contains("\r") || !m.startsWith("Cannot load model file " + file + ": ")) {
                return Outcome.refused(v + ": not one line naming the file: " + m);
            }
            if (v.fragment() != null && !m.contains(v.fragment())) {
                return Outcome.refused(v + ": message lacks '" + v.fragment() + "': " + m);
            }
            return Outcome.refused(null);
        } catch (Throwable t) {
            return Outcome.refused(v + ": threw " + t);
        }
        switch (v.expect()) {
            case REFUSED:
                return Outcome.loaded(v + ": loaded, but should be refused");
            case SAME:
            case REFUSED_OR_SAME:
                float[] got = model.predict(x).data().asFloat();
                return Outcome.loaded(Arrays.equals(expected, got) ? null : v + ": loaded with other predictions");
            case LOADS_WITH_WEIGHTS:
                float[] w = model.layers().get(v.layer()).getWeights().get(v.weight()).data().asFloat();
                return Outcome.loaded(Arrays.equals(v.values(), w) ? null : v + ": weights differ from the file's data");
            default:
                return Outcome.loaded(null);
        }
    }
}
