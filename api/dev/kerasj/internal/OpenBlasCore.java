package dev.kerasj.internal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names OpenBLAS's kernel family ({@code OPENBLAS_CORETYPE}) from the CPU's flags before ND4J loads OpenBLAS, on
 * Intel x86-64 Linux, unless the user set the variable.
 *
 * <p>OpenBLAS (ND4J's 0.3.19, Debian's 0.3.21) picks its kernels from the CPU model number and falls back to its
 * oldest x86-64 ones ("Prescott", SSE3) for models its table does not list, as virtual machines and newer CPUs
 * report them: on this project's 2-core Xeon (family 6, model 207, AVX-512) a 1024³ sgemm ran at 31 GFLOP/s
 * instead of 101 with the SkylakeX kernels, one thread. The family follows from the flags: AVX-512 F, BW, DQ and VL
 * give {@code SkylakeX}, AVX2 with FMA {@code Haswell}: what OpenBLAS itself picks on every Intel model it knows,
 * so a known CPU keeps its kernels. AMD CPUs are left to OpenBLAS (its Zen kernels have their own blocking).
 *
 * <p>OpenBLAS reads the variable once, when it is loaded; the JVM cannot set a variable of its own process, so
 * kerasj adds it to the C library's {@code environ} array (through JavaCPP, a new array: the old one is left as it
 * was) before ND4J starts. Java's {@code System.getenv()} does not show it; {@code Backend.describe()} reports
 * the kernels OpenBLAS uses.
 */
public final class OpenBlasCore {
    /** The variable OpenBLAS reads. */
    public static final String VARIABLE = "OPENBLAS_CORETYPE";

    private static volatile String applied;

    private OpenBlasCore() {
    }

    /** The kernel family kerasj set, or {@code null} when it set none. */
    public static String applied() {
        return applied;
    }

    /** The family for a CPU with these {@code /proc/cpuinfo} vendor and flags, or {@code null} to leave it to OpenBLAS. */
    static String choose(String vendor, Set<String> flags) {
        if (!"GenuineIntel".equals(vendor)) {
            return null;
        }
        if (flags.containsAll(List.of("avx512f", "avx512bw", "avx512dq", "avx512vl"))) {
            return "SkylakeX";
        }
        if (flags.containsAll(List.of("avx2", "fma"))) {
            return "Haswell";
        }
        return null;
    }

    /** The family kerasj names for this machine's CPU (Intel x86-64 Linux), or {@code null} when it leaves it to OpenBLAS. */
    public static String forThisCpu() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        try {
            String vendor = null;
            Set<String> flags = null;
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                if (key.equals("vendor_id") && vendor == null) {
                    vendor = line.substring(colon + 1).trim();
                } else if (key.equals("flags") && flags == null) {
                    flags = Set.of(line.substring(colon + 1).trim().split("\\s+"));
                }
                if (vendor != null && flags != null) {
                    break;
                }
            }
            return flags == null ? null : choose(vendor, flags);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Sets {@code OPENBLAS_CORETYPE} in the process's C environment when it applies; idempotent, never throws. */
    static synchronized void apply() {
        if (applied != null || System.getenv(VARIABLE) != null) {
            return;
        }
        String core = forThisCpu();
        try {
            if (core != null && putenv(VARIABLE + "=" + core)) {
                applied = core;
            }
        } catch (RuntimeException | LinkageError e) {
            // no JavaCPP natives, no environ symbol: OpenBLAS chooses as it always does
        }
    }

    /** Appends {@code entry} ("NAME=value") to the C library's {@code environ}; false when that symbol is not found. */
    private static boolean putenv(String entry) {
        Pointer environVariable = Loader.addressof("environ");
        if (environVariable == null || environVariable.isNull()) {
            return false;
        }
        PointerPointer<?> slot = new PointerPointer<>(environVariable);   // char*** → the array pointer
        Pointer old = slot.get(0);
        int n = 0;
        if (old != null && !old.isNull()) {
            PointerPointer<?> entries = new PointerPointer<>(old);
            while (entries.get(n) != null && !entries.get(n).isNull()) {
                n++;
            }
        }
        byte[] bytes = entry.getBytes(StandardCharsets.US_ASCII);
        // malloc'd, never freed: the C library keeps pointing at both for the life of the process
        BytePointer text = new BytePointer(Pointer.malloc(bytes.length + 1));
        for (int i = 0; i < bytes.length; i++) {
            text.put(i, bytes[i]);
        }
        text.put(bytes.length, (byte) 0);
        PointerPointer<?> fresh = new PointerPointer<>(Pointer.malloc((long) (n + 2) * Pointer.sizeof(PointerPointer.class)));
        PointerPointer<?> entries = n == 0 ? null : new PointerPointer<>(old);
        for (int i = 0; i < n; i++) {
            fresh.put(i, entries.get(i));
        }
        fresh.put(n, text);
        fresh.put(n + 1, (Pointer) null);
        slot.put(0, fresh);
        return true;
    }
}
