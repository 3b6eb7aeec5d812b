package dev.kerasj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The side-by-side benchmark: kerasj (public API), the same network hand-written in DL4J (with kerasj's
 * thread settings, and with DL4J's defaults) and the PyTorch reference, each measurement in a fresh
 * process, alternating implementations within every repetition, medians reported with ratios.
 *
 * <pre>
 * bench/run [--reps 3] [--cases mlp,cnn,lstm,predict,cli] [--epochs 2] [--data DIR] [--markdown FILE]
 * </pre>
 *
 * Training figures are the last epoch's seconds (with the default of 2 epochs: the warm epoch; the
 * first, which includes JIT compilation and workspace set-up, is shown separately).
 */
public final class Bench {
    private static final Pattern TORCH_EPOCH = Pattern.compile("epoch (\\d+): fit_s ([0-9.]+)");
    private static final Pattern BENCH = Pattern.compile("^BENCH (\\S+) ?(.*)$");

    private int reps = 3;
    private int epochs = 2;
    private int predictRepeats = 5;
    private List<String> cases = List.of("mlp", "cnn", "lstm", "predict", "cli");
    private Path data = Path.of(System.getenv().getOrDefault("KERASJ_BENCH_DATA", "../shared/datasets"));
    private Path torchRef = Path.of(System.getenv().getOrDefault("KERASJ_TORCH_REF", "../shared/bench/torch_ref.py"));
    private Path markdown;
    private String torchThreads = "1";

    /** All runs of one (case, implementation): per-process figures. */
    private final Map<String, List<Run>> runs = new LinkedHashMap<>();

    record Run(double first, double last, double peakMb, String note) {
    }

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        b.parse(args);
        b.runAll();
        String table = b.table();
        System.out.println();
        System.out.println(table);
        if (b.markdown != null) {
            Path tmp = Files.createTempFile(b.markdown.toAbsolutePath().getParent(), ".bench", ".md");
            Files.writeString(tmp, table, StandardCharsets.UTF_8);
            Files.move(tmp, b.markdown, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--cases" -> cases = List.of(v.split(","));
                case "--data" -> data = Path.of(v);
                case "--torch-ref" -> torchRef = Path.of(v);
                case "--torch-threads" -> torchThreads = v;
                case "--markdown" -> markdown = Path.of(v);
                default -> throw new IllegalArgumentException("Invalid argument: " + args[i] + ". Expected --reps N, "
                        + "--epochs N, --cases mlp,cnn,lstm,predict,cli, --data DIR, --torch-ref FILE, --torch-threads N, "
                        + "--markdown FILE.");
            }
            i++;
        }
    }

    private static List<String> impls(String kase) {
        return switch (kase) {
            case "mlp", "predict" -> List.of("kerasj", "dl4j", "dl4j-default", "torch");
            case "cli" -> List.of("kerasj");
            default -> List.of("kerasj", "dl4j", "torch");
        };
    }

    private void runAll() throws IOException, InterruptedException {
        for (int r = 0; r < reps; r++) {
            for (String kase : cases) {
                for (String impl : impls(kase)) {
                    Run run = kase.equals("cli") ? cli() : measure(impl, kase);
                    runs.computeIfAbsent(kase + "/" + impl, k -> new ArrayList<>()).add(run);
                    System.err.printf(Locale.ROOT, "rep %d %-8s %-13s %s%n", r + 1, kase, impl, run);
                }
            }
        }
    }

    private Run measure(String impl, String kase) throws IOException, InterruptedException {
        int count = kase.equals("predict") ? predictRepeats : epochs;
        List<String> cmd = new ArrayList<>();
        if (impl.equals("torch")) {
            if (!Files.exists(torchRef)) {
                return new Run(Double.NaN, Double.NaN, Double.NaN, "no " + torchRef);
            }
            cmd.addAll(List.of("/usr/bin/python3", Path.of("bench", "torch_wrap.py").toString(), torchRef.toString(),
                    data.toString(), kase, String.valueOf(count)));
        } else {
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dorg.nd4j.log.initialization=false", "-cp", System.getProperty("java.class.path"),
                    Child.class.getName(), impl, kase, String.valueOf(count), data.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // each implementation chooses its own threads: the user's OMP_NUM_THREADS would override them all
        pb.environment().remove("OMP_NUM_THREADS");
        if (impl.equals("torch") && !torchThreads.isEmpty()) {
            pb.environment().put("OMP_NUM_THREADS", torchThreads);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        TreeMap<Integer, Double> seconds = new TreeMap<>();
        double peak = Double.NaN;
        String note = "";
        for (String line : out.split("\n")) {
            Matcher t = TORCH_EPOCH.matcher(line);
            if (impl.equals("torch") && t.find()) {
                seconds.put(Integer.parseInt(t.group(1)), Double.parseDouble(t.group(2)));
            }
            Matcher b = BENCH.matcher(line.trim());
            if (b.matches()) {
                String[] f = b.group(2).split(" ");
                switch (b.group(1)) {
                    case "seconds" -> seconds.put(Integer.parseInt(f[0]), Double.parseDouble(f[1]));
                    case "peak_rss_mb" -> peak = Double.parseDouble(f[0]);
                    case "skip" -> note = "skipped: " + b.group(2);
                    case "threads:" -> note = "threads: " + b.group(2);
                    default -> { }
                }
            }
        }
        if (rc != 0 || (seconds.isEmpty() && note.isEmpty())) {
            String tail = out.length() > 2000 ? out.substring(out.length() - 2000) : out;
            System.err.println("FAILED (exit " + rc + "): " + String.join(" ", cmd) + "\n" + tail);
            return new Run(Double.NaN, Double.NaN, Double.NaN, "failed (exit " + rc + ")");
        }
        if (seconds.isEmpty()) {
            return new Run(Double.NaN, Double.NaN, Double.NaN, note);
        }
        double last = kase.equals("predict") ? median(seconds.values().stream().mapToDouble(d -> d).toArray())
                : seconds.lastEntry().getValue();
        return new Run(seconds.firstEntry().getValue(), last, peak, note);
    }

    /** Cold start of {@code kerasj summary mnist-mlp}, when the CLI is in the packaged jar. */
    private Run cli() throws IOException, InterruptedException {
        Path jar = Path.of("target", "kerasj.jar");
        if (!Files.exists(jar) || !jarHas(jar, "dev/kerasj/cli/Main.class")) {
            return new Run(Double.NaN, Double.NaN, Double.NaN, "not measured: no dev.kerasj.cli.Main in target/kerasj.jar");
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), "dev.kerasj.cli.Main", "summary", "mnist-mlp").redirectErrorStream(true);
        long t = System.nanoTime();
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t) / 1e9;
        return rc == 0 ? new Run(s, s, Double.NaN, "") : new Run(Double.NaN, Double.NaN, Double.NaN, "exit " + rc);
    }

    private static boolean jarHas(Path jar, String entry) throws IOException {
        try (var z = new java.util.zip.ZipFile(jar.toFile())) {
            return z.getEntry(entry) != null;
        }
    }

    // ------------------------------------------------------------------ report

    private double med(String key, java.util.function.ToDoubleFunction<Run> f) {
        List<Run> rs = runs.getOrDefault(key, List.of());
        return median(rs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray());
    }

    private String note(String key) {
        return runs.getOrDefault(key, List.of()).stream().map(Run::note).filter(n -> n.startsWith("skipped")
                || n.startsWith("not measured") || n.startsWith("failed") || n.startsWith("no ")).findFirst().orElse("");
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    private String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| measurement | kerasj | DL4J by hand, kerasj's threads | DL4J by hand, DL4J defaults | PyTorch "
                + "| kerasj / PyTorch | kerasj / DL4J (facade overhead) | kerasj / DL4J defaults |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        String[][] rows = {
                {"mlp", "MNIST MLP epoch, s (warm)"}, {"cnn", "CNN epoch, s (warm)"}, {"lstm", "LSTM(16) epoch, s (warm)"},
                {"predict", "predict 10k MNIST, s"}};
        for (String[] row : rows) {
            if (!cases.contains(row[0])) {
                continue;
            }
            line(sb, row[1], row[0], Run::last);
            if (!row[0].equals("predict")) {
                line(sb, "  first epoch, s", row[0], Run::first);
            }
        }
        if (cases.contains("mlp")) {
            line(sb, "peak RSS, MNIST MLP training, MiB", "mlp", Run::peakMb);
        }
        if (cases.contains("cli")) {
            double s = med("cli/kerasj", Run::last);
            String n = note("cli/kerasj");
            sb.append("| CLI cold start `kerasj summary mnist-mlp`, s | ").append(Double.isNaN(s) ? n : fmt(s))
                    .append(" | | | | | | |\n");
        }
        sb.append("\nMedians of ").append(reps).append(" runs (each a fresh process, implementations alternating), ")
                .append(epochs).append(" epochs per training run; PyTorch with OMP_NUM_THREADS=").append(torchThreads)
                .append(", the JVMs without OMP_NUM_THREADS.\n");
        for (String key : runs.keySet()) {
            String n = note(key);
            if (!n.isEmpty() && !key.startsWith("cli")) {
                sb.append("- ").append(key).append(": ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String label, String kase, java.util.function.ToDoubleFunction<Run> f) {
        double k = med(kase + "/kerasj", f);
        double d = med(kase + "/dl4j", f);
        double dd = med(kase + "/dl4j-default", f);
        double t = med(kase + "/torch", f);
        sb.append("| ").append(label).append(" | ").append(fmt(k)).append(" | ").append(fmt(d)).append(" | ")
                .append(fmt(dd)).append(" | ").append(fmt(t)).append(" | ").append(ratio(k, t)).append(" | ")
                .append(ratio(k, d)).append(" | ").append(ratio(k, dd)).append(" |\n");
    }
}
