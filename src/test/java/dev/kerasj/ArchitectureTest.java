package dev.kerasj;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The structure of the code, read from the sources: public packages import no DL4J type (translation and
 * the engine live in {@code dev.kerasj.internal.dl4j}), and no two packages depend on each other, directly
 * or through others (a package's dependencies are the kerasj types it names, imported or fully qualified).
 */
class ArchitectureTest {
    /** The core source roots; {@code spark} is the optional Spark module's (Maven profile {@code spark}). */
    private static final String[] CORE_ROOTS = {"api", "datasets", "models", "cli"};
    private static final String[] ROOTS = {"api", "datasets", "models", "cli", "spark"};
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern KERASJ_TYPE = Pattern.compile("\\b(dev\\.kerasj(?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*|\\*)");

    /** Source file → (its package, its text without comments and string literals). */
    static Map<Path, String[]> sources() throws IOException {
        return sources(ROOTS);
    }

    static Map<Path, String[]> sources(String... roots) throws IOException {
        Map<Path, String[]> out = new TreeMap<>();
        for (String root : roots) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    String text = Files.readString(f);
                    Matcher m = PACKAGE.matcher(text);
                    if (!m.find()) {
                        continue;
                    }
                    String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
                    out.put(f, new String[] {m.group(1), code});
                }
            }
        }
        return out;
    }

    /** Package → the kerasj packages it depends on. */
    static Map<String, Set<String>> packageGraph() throws IOException {
        Map<Path, String[]> src = sources();
        Set<String> packages = new TreeSet<>();
        src.values().forEach(v -> packages.add(v[0]));
        Map<String, Set<String>> deps = new TreeMap<>();
        for (String[] v : src.values()) {
            Set<String> d = deps.computeIfAbsent(v[0], k -> new TreeSet<>());
            Matcher m = KERASJ_TYPE.matcher(v[1]);
            while (m.find()) {
                String p = m.group(1);
                if (packages.contains(p) && !p.equals(v[0])) {
                    d.add(p);
                }
            }
        }
        return deps;
    }

    @Test
    void publicPackagesDoNotImportDeeplearning4j() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<Path, String[]> e : sources().entrySet()) {
            if (e.getValue()[0].startsWith("dev.kerasj.internal.dl4j")) {
                continue;
            }
            for (String line : e.getValue()[1].split("\n")) {
                if (line.contains("org.deeplearning4j.")) {
                    offenders.add(e.getKey() + ": " + line.trim());
                }
            }
        }
        assertTrue(offenders.isEmpty(), "DL4J types outside dev.kerasj.internal.dl4j:\n" + String.join("\n", offenders));
    }

    @Test
    void theCoreIsFreeOfSpark() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<Path, String[]> e : sources(CORE_ROOTS).entrySet()) {
            String code = e.getValue()[1];
            if (code.contains("org.apache.spark.") || code.contains("dev.kerasj.spark.")) {
                offenders.add(e.getKey().toString());
            }
        }
        assertTrue(offenders.isEmpty(), "Spark types in the core (only spark/ may name them; the CLI finds "
                + "dev.kerasj.spark by name):\n" + String.join("\n", offenders));
    }

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> deps = packageGraph();
        List<List<String>> cycles = stronglyConnected(deps).stream().filter(c -> c.size() > 1).toList();
        StringBuilder why = new StringBuilder();
        for (List<String> c : cycles) {
            why.append("cycle: ").append(c).append('\n');
            for (String p : c) {
                Set<String> inside = new TreeSet<>(deps.get(p));
                inside.retainAll(c);
                why.append("  ").append(p).append(" -> ").append(inside).append('\n');
            }
        }
        assertEquals(0, cycles.size(), "package cycles:\n" + why);
    }

    @Test
    void theCycleCheckFindsACycle() {
        Map<String, Set<String>> g = new HashMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c"));
        g.put("c", Set.of("a"));
        g.put("d", Set.of("a"));
        List<List<String>> sccs = stronglyConnected(g);
        assertTrue(sccs.stream().anyMatch(c -> c.size() == 3 && c.containsAll(List.of("a", "b", "c"))), sccs.toString());
        assertTrue(sccs.stream().anyMatch(c -> c.equals(List.of("d"))), sccs.toString());
    }

    /** Tarjan's strongly connected components, iteratively. */
    static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String start : new TreeSet<>(g.keySet())) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start, new ArrayDeque<>(g.getOrDefault(start, Set.of()))});
            index.put(start, counter[0]);
            low.put(start, counter[0]++);
            stack.push(start);
            onStack.add(start);
            while (!work.isEmpty()) {
                Object[] top = work.peek();
                String v = (String) top[0];
                @SuppressWarnings("unchecked")
                Deque<String> next = (Deque<String>) top[1];
                if (!next.isEmpty()) {
                    String w = next.pop();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, new ArrayDeque<>(g.getOrDefault(w, Set.of()))});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> comp = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        comp.add(w);
                    } while (!w.equals(v));
                    out.add(comp);
                }
            }
        }
        return out;
    }
}
