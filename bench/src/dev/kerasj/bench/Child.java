package dev.kerasj.bench;

import dev.kerasj.Backend;
import dev.kerasj.internal.NativeStartup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One measurement in a fresh JVM: {@code Child IMPL CASE COUNT DATA_DIR}, IMPL one of {@code kerasj},
 * {@code dl4j} (hand-written, with kerasj's thread settings) or {@code dl4j-default} (hand-written, DL4J's
 * own settings); CASE one of {@code mlp mlp32 cnn convnet lstm predict latency sweep gemm}; COUNT epochs (predict repeats, latency
 * calls, the sweep's {@code h:batch:steps,…} list). Prints
 * {@code BENCH} lines that {@link Bench} reads.
 */
public final class Child {
    /** A case that cannot run in this build (e.g. a layer that does not exist yet). */
    static final class Skip extends RuntimeException {
        Skip(String why) {
            super(why);
        }
    }

    private Child() {
    }

    public static void main(String[] args) throws IOException {
        String impl = args[0];
        String kase = args[1];
        String countArg = args[2];
        int count = countArg.matches("\\d+") ? Integer.parseInt(countArg) : 0;
        Path data = Path.of(args[3]);
        if (impl.equals("kerasj")) {
            // a kerasj program reaches kerasj (a dataset loader, a model) before ND4J starts, which
            // lets kerasj preset JavaCPP's properties (dev.kerasj.internal.NativeStartup); the bench's
            // own data reader, shared by every column, would otherwise start ND4J first
            NativeStartup.apply();
        }
        if (impl.equals("dl4j")) {
            Backend.configure();   // the same thread settings kerasj's runtime applies
        }
        double[] seconds;
        try {
            seconds = switch (kase) {
                case "mlp" -> impl.equals("kerasj") ? KerasjCases.mlp(BenchData.mnist(data), count, 128)
                        : Dl4jCases.mlp(BenchData.mnist(data), count);
                case "mlp32" -> kerasjOnly(impl, kase, () -> KerasjCases.mlp(BenchData.mnist(data), count, 32));
                case "convnet" -> kerasjOnly(impl, kase, () -> KerasjCases.convnet(BenchData.mnist(data), count));
                case "latency" -> kerasjOnly(impl, kase, () -> KerasjCases.latency(BenchData.mnist(data), count));
                case "sweep" -> kerasjOnly(impl, kase, () -> {
                    KerasjCases.sweep(BenchData.mnist(data), countArg);
                    return new double[0];
                });
                case "gemm" -> kerasjOnly(impl, kase, () -> {
                    KerasjCases.gemm();
                    return new double[0];
                });
                case "cnn" -> impl.equals("kerasj") ? KerasjCases.cnn(BenchData.mnist(data), count)
                        : Dl4jCases.cnn(BenchData.mnist(data), count);
                case "lstm" -> impl.equals("kerasj") ? KerasjCases.lstm(BenchData.weather(data), count)
                        : Dl4jCases.lstm(BenchData.weather(data), count);
                case "predict" -> impl.equals("kerasj") ? KerasjCases.predict(BenchData.mnist(data), count)
                        : Dl4jCases.predict(BenchData.mnist(data), count);
                default -> throw new IllegalArgumentException("unknown case " + kase);
            };
        } catch (Skip s) {
            System.out.println("BENCH skip " + s.getMessage());
            return;
        }
        for (int i = 0; i < seconds.length; i++) {
            System.out.println("BENCH seconds " + i + " " + seconds[i]);
        }
        System.out.println("BENCH peak_rss_mb " + peakRssMb());
        if (!impl.equals("dl4j-default")) {   // describe() would apply kerasj's settings
            System.out.println("BENCH " + Backend.describe().toString().lines()
                    .filter(l -> l.startsWith("threads:")).findFirst().orElse("threads: ?"));
        }
    }

    interface Measure {
        double[] run() throws IOException;
    }

    private static double[] kerasjOnly(String impl, String kase, Measure m) throws IOException {
        if (!impl.equals("kerasj")) {
            throw new Skip("case " + kase + " is measured for kerasj and PyTorch only");
        }
        return m.run();
    }

    /** The process's peak resident set (VmHWM), in MiB. */
    static double peakRssMb() throws IOException {
        return statusMb("VmHWM:");
    }

    /** The process's current resident set (VmRSS), in MiB. */
    static double rssMb() throws IOException {
        return statusMb("VmRSS:");
    }

    /** A size line of /proc/self/status ({@code VmHWM:}, {@code VmRSS:}…), in MiB; NaN where there is none. */
    private static double statusMb(String key) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return Double.NaN;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
