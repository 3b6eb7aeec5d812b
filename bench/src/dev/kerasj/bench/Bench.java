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
 * The side-by-side benchmark: kerasj (public API) against PyTorch at its default threads, with
 * {@code OMP_NUM_THREADS=1}, and at its default threads with {@code OPENBLAS_CORETYPE} naming the kernels kerasj picks
 * for this CPU ({@code torch-cpu}; the fastest of them is PyTorch's figure), optionally the same network
 * hand-written in DL4J; each measurement in a fresh process, implementations alternating within every
 * repetition (their order rotating), every run listed next to its median.
 *
 * <pre>
 * bench/run [--reps 5] [--slow-reps 5] [--cases mlp,mlp32,cnn,convnet,lstm,predict,latency,sweep,cli] [--epochs 2]
 *           [--impls kerasj,torch-default,torch-1,torch-cpu] [--sweep-reps 3] [--data DIR] [--markdown FILE]
 * </pre>
 *
 * Training figures are the last epoch's seconds (with the default of 2 epochs: the warm epoch; the
 * first, which includes JIT compilation and workspace set-up, is shown separately). The sweep times a
 * fixed number of MLP training steps per (hidden width, batch size), writes {@code bench/target/sweep.csv}
 * and plots it to {@code bench/sweep.png} with the physical limit (GEMM FLOPs / the best single-thread
 * sgemm rate measured in the run).
 */
public final class Bench {
    private static final Pattern TORCH_EPOCH = Pattern.compile("epoch (\\d+): fit_s ([0-9.]+)");
    private static final Pattern BENCH = Pattern.compile("^BENCH (\\S+) ?(.*)$");
    /** The training cases: epochs timed. */
    private static final List<String> TRAINING = List.of("mlp", "mlp32", "cnn", "convnet", "lstm");
    /** Cases kerasj and PyTorch only measure (no hand-written DL4J twin). */
    private static final List<String> NO_DL4J = List.of("mlp32", "convnet", "latency", "sweep");
    /** Hidden widths (at batch 128) and batch sizes (at width 512) of the sweep. */
    private static final int[] SWEEP_WIDTHS = {128, 256, 512, 1024, 2048, 4096};
    private static final int[] SWEEP_BATCHES = {16, 32, 64, 128, 256, 512, 1024};

    /** The cases an order of magnitude slower than the others (with 2 epochs, minutes per run on a loaded machine). */
    private static final List<String> SLOW = List.of("mlp32", "cnn", "convnet");

    private int reps = 5;
    /**
     * Runs of PyTorch at its default threads in the slow cases, when PyTorch's default is one thread anyway
     * ({@code --torch-default-slow-reps}; all of them by default).
     */
    private int torchDefaultSlowReps = Integer.MAX_VALUE;
    /** Repetitions of the slow measurements (MLP at batch 32, the two convnets, DL4J with its default threads). */
    private int slowReps = -1;
    private int sweepReps = 3;
    private int epochs = 2;
    private int predictRepeats = 5;
    private int latencyCalls = 2000;
    private List<String> cases = List.of("mlp", "mlp32", "cnn", "convnet", "lstm", "predict", "latency", "sweep", "cli");
    private List<String> impls = List.of("kerasj", "torch-default", "torch-1", "torch-cpu");
    private Path data = Path.of(System.getenv().getOrDefault("KERASJ_BENCH_DATA", "../shared/datasets"));
    private Path torchRef = Path.of(System.getenv().getOrDefault("KERASJ_TORCH_REF", "../shared/bench/torch_ref.py"));
    private Path markdown;

    /** All runs of one (case, implementation): per-process figures. */
    private final Map<String, List<Run>> runs = new LinkedHashMap<>();
    /** Sweep seconds per step, per "impl h batch", one entry per repetition. */
    private final Map<String, List<Double>> sweep = new TreeMap<>();
    /** Single-thread sgemm rates measured in the run (GFLOP/s), per implementation. */
    private final Map<String, List<Double>> gemm = new TreeMap<>();
    /** Thread lines the processes printed, per implementation (the last one seen). */
    private final Map<String, String> threads = new TreeMap<>();

    record Run(double first, double last, double peakMb, String note) {
    }

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        b.parse(args);
        long t = System.nanoTime();
        b.runAll();
        String table = b.table() + String.format(Locale.ROOT, "%nWall time of this bench/run: %.1f min.%n",
                (System.nanoTime() - t) / 6e10);
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
                case "--slow-reps" -> slowReps = Integer.parseInt(v);
                case "--sweep-reps" -> sweepReps = Integer.parseInt(v);
                case "--torch-default-slow-reps" -> torchDefaultSlowReps = Integer.parseInt(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--cases" -> cases = List.of(v.split(","));
                case "--impls" -> impls = List.of(v.split(","));
                case "--data" -> data = Path.of(v);
                case "--torch-ref" -> torchRef = Path.of(v);
                case "--markdown" -> markdown = Path.of(v);
                default -> throw new IllegalArgumentException("Invalid argument: " + args[i] + ". Expected --reps N, "
                        + "--slow-reps N, --sweep-reps N, --torch-default-slow-reps N, --epochs N, --cases mlp,mlp32,cnn,convnet,lstm,predict,latency,"
                        + "sweep,cli, --impls kerasj,kerasj-env,dl4j,dl4j-default,torch-default,torch-1,torch-cpu, --data DIR, "
                        + "--torch-ref FILE, --markdown FILE.");
            }
            i++;
        }
        if (slowReps < 0) {
            slowReps = reps;
        }
    }

    private List<String> impls(String kase) {
        if (kase.equals("cli")) {
            return List.of("kerasj");
        }
        List<String> out = new ArrayList<>();
        for (String impl : impls) {
            boolean mlpOnly = impl.equals("kerasj-env") || impl.equals("dl4j-default");
            if (mlpOnly ? List.of("mlp", "predict").contains(kase) : !(impl.equals("dl4j") && NO_DL4J.contains(kase))) {
                out.add(impl);
            }
        }
        return out;
    }

    private void runAll() throws IOException, InterruptedException {
        int all = Math.max(Math.max(reps, slowReps), cases.contains("sweep") ? sweepReps : 0);
        for (int r = 0; r < all; r++) {
            for (String kase : cases) {
                List<String> order = new ArrayList<>(impls(kase));
                java.util.Collections.rotate(order, -r);   // each implementation takes every place in turn
                for (String impl : order) {
                    boolean slow = SLOW.contains(kase) || impl.equals("dl4j-default");
                    int limit = kase.equals("sweep") ? sweepReps : slow ? slowReps : reps;
                    if (r >= limit || impl.equals("torch-default") && SLOW.contains(kase) && r >= torchDefaultSlowReps) {
                        continue;
                    }
                    if (kase.equals("sweep")) {
                        sweepRun(impl, r);
                        continue;
                    }
                    Run run = kase.equals("cli") ? cli() : measure(impl, kase, String.valueOf(count(kase)));
                    runs.computeIfAbsent(kase + "/" + impl, k -> new ArrayList<>()).add(run);
                    System.err.printf(Locale.ROOT, "%s rep %d %-8s %-13s %s%n", java.time.LocalTime.now().withNano(0),
                            r + 1, kase, impl, run);
                }
            }
            if (markdown != null) {   // the table so far, after every repetition: a long run stopped early keeps its figures
                Files.writeString(Path.of(markdown + ".partial"), "After repetition " + (r + 1) + ":\n\n" + table(),
                        StandardCharsets.UTF_8);
            }
        }
    }

    private int count(String kase) {
        return switch (kase) {
            case "predict" -> predictRepeats;
            case "latency" -> latencyCalls;
            default -> epochs;
        };
    }

    /** FLOPs of the GEMMs in one MLP 784-h-10 training step: forward, weight gradients, layer 2's input gradient. */
    static double stepFlops(int h, int batch) {
        return 2.0 * batch * h * (2 * 784 + 3 * 10);
    }

    /** Steps per sweep point: about 20 GFLOP of GEMMs, 10 to 100 steps, within MNIST's 60,000 images. */
    static int sweepSteps(int h, int batch) {
        int steps = (int) Math.round(2e10 / stepFlops(h, batch));
        return Math.max(10, Math.min(Math.min(100, 60_000 / batch), steps));
    }

    private static String sweepSpec() {
        List<String> points = new ArrayList<>();
        for (int h : SWEEP_WIDTHS) {
            points.add(h + ":128:" + sweepSteps(h, 128));
        }
        for (int b : SWEEP_BATCHES) {
            if (b != 128) {
                points.add("512:" + b + ":" + sweepSteps(512, b));
            }
        }
        return String.join(",", points);
    }

    private void sweepRun(String impl, int r) throws IOException, InterruptedException {
        if (impl.startsWith("dl4j") || impl.equals("kerasj-env")) {
            return;
        }
        String out = run(impl, "sweep", sweepSpec());
        String g = run(impl, "gemm", "1");
        for (String line : (out + "\n" + g).split("\n")) {
            Matcher b = BENCH.matcher(line.trim());
            if (b.matches() && b.group(1).equals("sweep")) {
                String[] f = b.group(2).split(" ");
                sweep.computeIfAbsent(impl + " " + f[0] + " " + f[1], k -> new ArrayList<>()).add(Double.parseDouble(f[2]));
            } else if (b.matches() && b.group(1).equals("gemm_gflops")) {
                gemm.computeIfAbsent(impl, k -> new ArrayList<>()).add(Double.parseDouble(b.group(2).split(" ")[0]));
            }
        }
        System.err.printf(Locale.ROOT, "%s rep %d sweep    %-13s %d points%n", java.time.LocalTime.now().withNano(0), r + 1,
                impl, out.lines().filter(l -> l.startsWith("BENCH sweep")).count());
    }

    private List<String> command(String impl, String kase, String count) {
        List<String> cmd = new ArrayList<>();
        if (impl.startsWith("torch")) {
            cmd.addAll(List.of("/usr/bin/python3", Path.of("bench", "torch_wrap.py").toString(), torchRef.toString(),
                    data.toString(), kase, count));
        } else {
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dorg.nd4j.log.initialization=false", "-cp", System.getProperty("java.class.path"),
                    Child.class.getName(), impl.equals("kerasj-env") ? "kerasj" : impl, kase, count, data.toString()));
        }
        return cmd;
    }

    /** Runs one measurement process; its output, or an empty string (with the failure printed) when it failed. */
    private String run(String impl, String kase, String count) throws IOException, InterruptedException {
        List<String> cmd = command(impl, kase, count);
        if (impl.startsWith("torch") && !kase.matches("mlp32|convnet|predict|latency|sweep|gemm") && !Files.exists(torchRef)) {
            return "BENCH skip no " + torchRef;
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // each implementation chooses its own threads: the user's OMP_NUM_THREADS would override them all
        pb.environment().remove("OMP_NUM_THREADS");
        pb.environment().remove(dev.kerasj.Backend.BLAS_THREADS_ENV);
        pb.environment().remove(dev.kerasj.internal.OpenBlasCore.VARIABLE);
        if (impl.equals("torch-1")) {
            pb.environment().put("OMP_NUM_THREADS", "1");
        }
        if (impl.equals("torch-cpu")) {   // the kernels kerasj names for this CPU, given to PyTorch's OpenBLAS too
            String core = dev.kerasj.internal.OpenBlasCore.forThisCpu();
            if (core != null) {
                pb.environment().put(dev.kerasj.internal.OpenBlasCore.VARIABLE, core);
            }
        }
        if (impl.equals("kerasj-env")) {   // started the way kerasj's launcher starts a JVM
            pb.environment().putAll(dev.kerasj.Backend.launcherEnvironment("cpu"));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        out.lines().filter(l -> l.startsWith("BENCH threads:")).reduce((a, b) -> b)
                .ifPresent(l -> threads.put(impl, l.substring("BENCH threads:".length()).trim()));
        if (rc != 0) {
            String tail = out.length() > 2000 ? out.substring(out.length() - 2000) : out;
            System.err.println("FAILED (exit " + rc + "): " + String.join(" ", cmd) + "\n" + tail);
            return "BENCH failed (exit " + rc + ")";
        }
        return out;
    }

    private Run measure(String impl, String kase, String count) throws IOException, InterruptedException {
        String out = run(impl, kase, count);
        TreeMap<Integer, Double> seconds = new TreeMap<>();
        double peak = Double.NaN;
        String note = "";
        for (String line : out.split("\n")) {
            Matcher t = TORCH_EPOCH.matcher(line);
            if (impl.startsWith("torch") && t.find()) {
                seconds.put(Integer.parseInt(t.group(1)), Double.parseDouble(t.group(2)));
            }
            Matcher b = BENCH.matcher(line.trim());
            if (b.matches()) {
                String[] f = b.group(2).split(" ");
                switch (b.group(1)) {
                    case "seconds" -> seconds.put(Integer.parseInt(f[0]), Double.parseDouble(f[1]));
                    case "peak_rss_mb" -> peak = Double.parseDouble(f[0]);
                    case "skip" -> note = "skipped: " + b.group(2);
                    case "failed" -> note = "failed " + b.group(2);
                    default -> { }
                }
            }
        }
        if (seconds.isEmpty()) {
            return new Run(Double.NaN, Double.NaN, Double.NaN, note.isEmpty() ? "failed: no figures" : note);
        }
        double last = TRAINING.contains(kase) ? seconds.lastEntry().getValue()
                : median(seconds.values().stream().mapToDouble(d -> d).toArray());
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

    private double[] values(String key, java.util.function.ToDoubleFunction<Run> f) {
        return runs.getOrDefault(key, List.of()).stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray();
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
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : v >= 1 ? "%.2f"
                : "%.3f", v);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    /** "r1 / r2 / … → **median**", figures scaled by {@code scale}. */
    private static String cell(double[] v, double scale) {
        if (v.length == 0) {
            return "–";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : " / ").append(fmt(v[i] * scale));
        }
        return sb.append(" → **").append(fmt(median(v) * scale)).append("**").toString();
    }

    private String table() throws IOException, InterruptedException {
        StringBuilder sb = new StringBuilder();
        List<String> others = impls.stream().filter(i -> !i.startsWith("torch")).toList();
        sb.append("| measurement | target |");
        for (String impl : impls) {
            sb.append(' ').append(title(impl)).append(" (runs → median) |");
        }
        sb.append(" PyTorch, faster setting | kerasj / PyTorch | met |\n|---|---|");
        sb.append("---|".repeat(impls.size() + 3)).append('\n');
        String[][] rows = {
                {"mlp", "MNIST MLP 784-512-10, batch 128: warm epoch, s"}, {"mlp32", "MNIST MLP, batch 32: warm epoch, s"},
                {"cnn", "seed CNN (Conv2D 32 5×5, MaxPool, Dense): warm epoch, s"},
                {"convnet", "simple MNIST convnet (34,826 params): warm epoch, s"},
                {"lstm", "LSTM(16) temperature: warm epoch, s"}};
        for (String[] row : rows) {
            if (cases.contains(row[0])) {
                line(sb, row[1], row[0], Run::last, 1, 1.0);
                line(sb, "  first (cold) epoch, s", row[0], Run::first, 1, 1.2);
            }
        }
        if (cases.contains("predict")) {
            line(sb, "predict 10k MNIST images, batch 32, s", "predict", Run::last, 1, 1.0);
        }
        if (cases.contains("latency")) {
            line(sb, "predict one image per call: median latency, ms", "latency", Run::last, 1e3, 1.0);
        }
        if (cases.contains("mlp")) {
            line(sb, "peak RSS, MLP training (batch 128), MiB", "mlp", Run::peakMb, 1, 1.0);
        }
        if (cases.contains("cli")) {
            double[] s = values("cli/kerasj", Run::last);
            String n = note("cli/kerasj");
            sb.append("| CLI cold start `kerasj summary mnist-mlp`, s | – | ").append(s.length == 0 ? n : cell(s, 1))
                    .append(" |").append(" |".repeat(impls.size() + 2)).append('\n');
        }
        sb.append("\nEach run a fresh process; in every repetition the implementations run one after the other, their "
                + "order rotating, so the machine's load falls on all of them. Medians of ").append(reps).append(" runs (")
                .append(slowReps).append(" for the slow cases: MLP at batch 32 and the two convnets), ").append(epochs).append(" epochs per training run "
                + "(warm = the last, cold = the first); predict: median of ").append(predictRepeats).append(" passes per run "
                + "after a warm-up pass; latency: median of ").append(latencyCalls).append(" one-image calls per run after "
                + "200 warm-up calls. PyTorch's figure is the fastest of its settings' medians (default threads, OMP_NUM_THREADS=1, and "
                + "default threads with OPENBLAS_CORETYPE naming the kernels kerasj picks for this CPU: Debian's OpenBLAS, "
                + "like ND4J's, falls back to SSE3 kernels on a CPU model it does not know); kerasj runs as a library "
                + "user starts it (no variables).\n");
        if (torchDefaultSlowReps < slowReps) {
            sb.append("- PyTorch at its default threads ran ").append(torchDefaultSlowReps).append(" time(s) in the slow cases "
                    + "(its default is the thread count below).\n");
        }
        for (Map.Entry<String, String> t : threads.entrySet()) {
            sb.append("- threads, ").append(title(t.getKey())).append(": ").append(t.getValue()).append('\n');
        }
        for (String key : runs.keySet()) {
            String n = note(key);
            if (!n.isEmpty() && !key.startsWith("cli")) {
                sb.append("- ").append(key).append(": ").append(n).append('\n');
            }
        }
        if (!sweep.isEmpty()) {
            sb.append(sweepReport());
        }
        return sb.toString();
    }

    private static String title(String impl) {
        return switch (impl) {
            case "kerasj" -> "kerasj";
            case "kerasj-env" -> "kerasj, launcher env";
            case "dl4j" -> "DL4J by hand, kerasj's threads";
            case "dl4j-default" -> "DL4J by hand, DL4J defaults";
            case "torch-default" -> "PyTorch, default threads";
            case "torch-1" -> "PyTorch, OMP_NUM_THREADS=1";
            case "torch-cpu" -> "PyTorch, default threads, OPENBLAS_CORETYPE=" + dev.kerasj.internal.OpenBlasCore.forThisCpu();
            default -> impl;
        };
    }

    private void line(StringBuilder sb, String label, String kase, java.util.function.ToDoubleFunction<Run> f,
            double scale, double target) {
        sb.append("| ").append(label).append(" | ≤ ").append(String.format(Locale.ROOT, "%.1f×", target)).append(" |");
        for (String impl : impls) {
            sb.append(' ').append(impls(kase).contains(impl) ? cell(values(kase + "/" + impl, f), scale) : "–").append(" |");
        }
        double best = Double.NaN;
        String which = "";
        for (String impl : List.of("torch-default", "torch-1", "torch-cpu")) {
            double m = median(values(kase + "/" + impl, f));
            if (!Double.isNaN(m) && (Double.isNaN(best) || m < best)) {
                best = m;
                which = switch (impl) {
                    case "torch-1" -> "1 thread";
                    case "torch-cpu" -> "OPENBLAS_CORETYPE";
                    default -> "default";
                };
            }
        }
        double k = median(values(kase + "/kerasj", f));
        sb.append(' ').append(Double.isNaN(best) ? "–" : fmt(best * scale) + " (" + which + ")").append(" | ")
                .append(ratio(k, best)).append(" | ")
                .append(Double.isNaN(k) || Double.isNaN(best) ? "–" : k <= target * best ? "yes" : "**no**").append(" |\n");
    }

    /** The sweep's table (medians, ms per step), its CSV and the plot. */
    private String sweepReport() throws IOException, InterruptedException {
        double rate = 0;
        StringBuilder g = new StringBuilder();
        for (Map.Entry<String, List<Double>> e : gemm.entrySet()) {
            double best = e.getValue().stream().mapToDouble(d -> d).max().orElse(0);
            rate = Math.max(rate, best);
            g.append(g.length() == 0 ? "" : "; ").append(title(e.getKey())).append(' ')
                    .append(e.getValue().stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList());
        }
        List<String> sweepImpls = impls.stream().filter(i -> i.equals("kerasj") || i.startsWith("torch")).toList();
        StringBuilder csv = new StringBuilder("impl,hidden,batch,seconds_per_step,flops_per_step,limit_seconds\n");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nScaling sweep: ms per MLP 784-h-10 training "
                + "step (Adam), median of %d repetitions; limit = GEMM FLOPs of the step / %.1f GFLOP/s, the best 1024³ sgemm "
                + "rate measured in this run, each implementation at its own threads (%s). Plot: bench/sweep.png.%n%n"
                + "| hidden | batch | limit |",
                sweepReps, rate, g));
        for (String impl : sweepImpls) {
            sb.append(' ').append(title(impl)).append(" |");
        }
        sb.append(" kerasj / PyTorch (faster) |\n|---|---|---|").append("---|".repeat(sweepImpls.size() + 1)).append('\n');
        List<int[]> points = new ArrayList<>();
        for (int h : SWEEP_WIDTHS) {
            points.add(new int[] {h, 128});
        }
        for (int b : SWEEP_BATCHES) {
            if (b != 128) {
                points.add(new int[] {512, b});
            }
        }
        for (int[] p : points) {
            double limit = stepFlops(p[0], p[1]) / (rate * 1e9);
            sb.append(String.format(Locale.ROOT, "| %d | %d | %.2f |", p[0], p[1], limit * 1e3));
            double best = Double.NaN;
            double k = Double.NaN;
            for (String impl : sweepImpls) {
                List<Double> v = sweep.getOrDefault(impl + " " + p[0] + " " + p[1], List.of());
                double m = median(v.stream().mapToDouble(d -> d).toArray());
                sb.append(' ').append(Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%.2f", m * 1e3)).append(" |");
                if (impl.equals("kerasj")) {
                    k = m;
                } else if (!Double.isNaN(m) && (Double.isNaN(best) || m < best)) {
                    best = m;
                }
                if (!Double.isNaN(m)) {
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.7f,%.0f,%.7f%n", impl, p[0], p[1], m,
                            stepFlops(p[0], p[1]), limit));
                }
            }
            sb.append(' ').append(ratio(k, best)).append(" |\n");
        }
        Path dir = Path.of("bench", "target");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("sweep.csv"), csv, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("/usr/bin/python3", "bench/sweep_plot.py", dir.resolve("sweep.csv").toString(),
                "bench/sweep.png").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            sb.append("\nThe plot failed: ").append(out.strip()).append('\n');
        }
        return sb.toString();
    }
}
