package dev.kerasj;

import dev.kerasj.internal.NativeStartup;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compute backend kerasj runs on — ND4J's CPU ({@code nd4j-native}) or CUDA ({@code nd4j-cuda})
 * backend — and the CPU thread settings kerasj chooses for it.
 *
 * <p>{@link #configure()} runs once, before the first network is built (kerasj calls it; calling it
 * again does nothing). On the CPU backend it sets the thread counts of ND4J's op pool and OpenMP to
 * one value, and OpenBLAS's (the GEMMs) to another, chosen in this order:
 * <ol>
 *   <li>the environment variable {@code OMP_NUM_THREADS}, when the user set it: ND4J and OpenBLAS
 *       already read it at start, and kerasj leaves every count as it is;</li>
 *   <li>the system property {@code kerasj.threads} ({@code -Dkerasj.threads=4}); ND4J's op pool is sized
 *       when ND4J starts and can only shrink, so a larger value raises only OpenMP and OpenBLAS;</li>
 *   <li>the measured default: on machines with at most {@value #SMALL_MACHINE_CORES} logical cores,
 *       1 thread for ND4J's ops and OpenMP (DL4J's default of one thread per core was measured 2–3×
 *       slower there: OpenMP threads spin against the GEMM's) and 1 OpenBLAS thread: with OpenBLAS's
 *       AVX-512/AVX2 kernels ({@code OpenBlasCore}) a second GEMM thread mostly waits, spinning, for a core
 *       that the JIT compiler and kerasj's own two-way Java kernels also need (MLP epochs 10–30 % faster,
 *       the first one most, predict and the convnets as fast or faster; docs/backend.md);
 *       on larger machines ND4J's own default (one thread per physical core) is kept.</li>
 * </ol>
 * The environment variable {@code KERASJ_BLAS_THREADS} sets OpenBLAS's count alone, over every rule
 * above ({@link #launcherEnvironment(String)} passes kerasj's choice that way, since it also sets
 * {@code OMP_NUM_THREADS}).
 *
 * <p>ND4J picks its backend once, when it starts, from the environment variables
 * {@code BACKEND_PRIORITY_CPU} (default 0) and {@code BACKEND_PRIORITY_GPU} (default 100): the
 * available backend with the highest priority wins, so CUDA is used when it is on the class path and
 * a usable GPU exists. A launcher forces one by setting the variables returned by
 * {@link #launcherEnvironment(String)} before the JVM starts; {@code KERASJ_BACKEND=cpu|cuda} states
 * which one is expected, and {@link #configure()} fails with a remedy when ND4J loaded the other.
 *
 * <pre>{@code
 * System.out.println(Backend.describe());
 * // backend: CPU (CpuBackend) ... threads: ND4J 1, OpenMP 1, OpenBLAS 1 ...
 * }</pre>
 */
public final class Backend {
    static {
        NativeStartup.apply();   // before ND4J starts
    }

    /** Environment variable naming the backend the user expects: {@code cpu} or {@code cuda}. */
    public static final String BACKEND_ENV = "KERASJ_BACKEND";
    /** System property setting the CPU thread count when {@code OMP_NUM_THREADS} is not set. */
    public static final String THREADS_PROPERTY = "kerasj.threads";
    /** The standard OpenMP variable; when set, it wins over every kerasj choice. */
    public static final String OMP_ENV = "OMP_NUM_THREADS";
    /** The variable setting OpenBLAS's thread count alone; wins over every other choice for the GEMMs. */
    public static final String BLAS_THREADS_ENV = "KERASJ_BLAS_THREADS";
    /** Machines with at most this many logical cores get one op thread (measured, see bench/README.md). */
    public static final int SMALL_MACHINE_CORES = 2;

    private static final List<String> KINDS = List.of("cpu", "cuda");
    private static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static ThreadChoice applied;

    private Backend() {
    }

    /**
     * What kerasj runs on: backend, device, data type, thread counts and the reasons for each. Applies
     * the thread settings first (as {@link #configure()} does) so the counts shown are the ones training
     * uses, but never fails: a backend other than {@code KERASJ_BACKEND} asks for is reported, not thrown.
     */
    public static Info describe() {
        ThreadChoice threads = applyThreads();
        String kind = loadedKind();
        String requested = System.getenv(BACKEND_ENV);
        return new Info(kind, Nd4j.getBackend().getClass().getSimpleName(), device(kind),
                Nd4j.dataType().toString(), Nd4j.getEnvironment().maxThreads(), ompThreads(), blasThreads(kind),
                blasVendor(), blasKernels(kind), threads.reason(), backendReason(kind, requested));
    }

    /**
     * Checks {@code KERASJ_BACKEND} against the backend ND4J loaded and sets the CPU thread counts (see
     * the class documentation). Idempotent: only the first call changes anything.
     *
     * @throws IllegalArgumentException when {@code KERASJ_BACKEND} is neither {@code cpu} nor {@code cuda}
     * @throws IllegalStateException when ND4J loaded another backend than {@code KERASJ_BACKEND} asks for
     */
    public static void configure() {
        String requested = System.getenv(BACKEND_ENV);
        if (requested != null && !requested.isBlank()) {
            String want = checkKind(requested, BACKEND_ENV);
            String got = loadedKind().toLowerCase(Locale.ROOT);
            if (!want.equals(got)) {
                throw new IllegalStateException(BACKEND_ENV + "=" + requested + " asks for the " + want.toUpperCase(Locale.ROOT)
                        + " backend, but ND4J loaded the " + got.toUpperCase(Locale.ROOT) + " backend. "
                        + backendRemedy(want));
            }
        }
        applyThreads();
    }

    /**
     * The environment variables a launcher sets before starting the JVM so that ND4J loads
     * {@code backend} ({@code "cpu"} or {@code "cuda"}), {@code KERASJ_BACKEND} included; for the CPU
     * also {@code OMP_NUM_THREADS} with kerasj's thread choice when it differs from ND4J's default
     * (the only way to size ND4J's own op pool too). A launcher keeps a value the user already set.
     *
     * <pre>{@code
     * new ProcessBuilder(cmd).environment().putAll(Backend.launcherEnvironment("cpu"));
     * }</pre>
     */
    public static Map<String, String> launcherEnvironment(String backend) {
        String kind = checkKind(backend, "backend");
        Map<String, String> env = new LinkedHashMap<>();
        env.put(BACKEND_ENV, kind);
        env.put("BACKEND_PRIORITY_CPU", kind.equals("cpu") ? "100" : "0");
        env.put("BACKEND_PRIORITY_GPU", kind.equals("cuda") ? "100" : "0");
        if (kind.equals("cpu")) {
            // only the environment reaches ND4J's own op pool, sized when ND4J starts
            ThreadChoice choice = chooseThreads(null, System.getenv(BLAS_THREADS_ENV), System.getProperty(THREADS_PROPERTY),
                    Runtime.getRuntime().availableProcessors());
            if (choice.threads() > 0) {
                env.put(OMP_ENV, String.valueOf(choice.threads()));
            }
            if (choice.blasThreads() > 0 && choice.blasThreads() != choice.threads()) {
                env.put(BLAS_THREADS_ENV, String.valueOf(choice.blasThreads()));   // OMP_NUM_THREADS would size it too
            }
        }
        return env;
    }

    // ------------------------------------------------------------------ threads

    /**
     * Thread counts to apply for ND4J's ops and OpenMP ({@code threads}) and for OpenBLAS ({@code blasThreads});
     * {@code 0} leaves that count as ND4J set it; and why.
     */
    record ThreadChoice(int threads, int blasThreads, String reason) {
    }

    /**
     * The thread decision from the user's environment, system properties and the machine's logical core
     * count; pure, so tests can give it any inputs.
     */
    static ThreadChoice chooseThreads(String ompEnv, String blasEnv, String threadsProperty, int logicalCores) {
        ThreadChoice c = chooseOpThreads(ompEnv, threadsProperty, logicalCores);
        if (blasEnv == null || blasEnv.isBlank()) {
            return c;
        }
        int blas = positive(BLAS_THREADS_ENV, blasEnv);
        return new ThreadChoice(c.threads(), blas, c.reason() + "; OpenBLAS " + blas + " from " + BLAS_THREADS_ENV + "=" + blas);
    }

    private static int positive(String name, String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException("Invalid `" + name + "`: expected a positive integer. Received: "
                    + name + "=" + value);
        }
        return n;
    }

    private static ThreadChoice chooseOpThreads(String ompEnv, String threadsProperty, int logicalCores) {
        if (ompEnv != null && !ompEnv.isBlank()) {
            return new ThreadChoice(0, 0, OMP_ENV + "=" + ompEnv.trim() + " set by the user: ND4J, OpenMP and OpenBLAS "
                    + "read it at start; kerasj changes nothing");
        }
        if (threadsProperty != null && !threadsProperty.isBlank()) {
            int n = positive(THREADS_PROPERTY, threadsProperty);
            return new ThreadChoice(n, n, "system property " + THREADS_PROPERTY + "=" + n);
        }
        if (logicalCores <= SMALL_MACHINE_CORES) {
            return new ThreadChoice(1, 1, logicalCores + " logical core" + (logicalCores == 1 ? "" : "s")
                    + ": 1 op thread and 1 OpenBLAS thread, measured fastest on machines with at most " + SMALL_MACHINE_CORES
                    + " cores (DL4J's default of one op thread per core was 2-3x slower; a second GEMM thread waits for "
                    + "the core the JIT and kerasj's two-way kernels use); override with -D" + THREADS_PROPERTY + "=N, "
                    + OMP_ENV + " or " + BLAS_THREADS_ENV);
        }
        return new ThreadChoice(0, 0, logicalCores + " logical cores: ND4J's default (one thread per physical core) kept; "
                + "override with -D" + THREADS_PROPERTY + "=N or " + OMP_ENV);
    }

    /** Applies the thread choice once (CPU backend only); later calls return the first choice. */
    static synchronized ThreadChoice applyThreads() {
        if (applied != null) {
            return applied;
        }
        if (!"CPU".equals(loadedKind())) {
            applied = new ThreadChoice(0, 0, "CUDA backend: host thread counts left at ND4J's defaults");
            return applied;
        }
        ThreadChoice choice = chooseThreads(System.getenv(OMP_ENV), System.getenv(BLAS_THREADS_ENV),
                System.getProperty(THREADS_PROPERTY), Runtime.getRuntime().availableProcessors());
        if (choice.threads() > 0) {
            int n = choice.threads();
            Nd4j.getEnvironment().setMaxThreads(n);           // libnd4j's op thread pool
            Nd4j.getEnvironment().setMaxMasterThreads(n);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);   // OpenMP
        }
        if (choice.blasThreads() > 0) {
            Nd4j.factory().blas().setMaxThreads(choice.blasThreads());   // OpenBLAS (GEMM)
        }
        applied = choice;
        return applied;
    }

    private static int ompThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    private static int blasThreads(String kind) {
        return "CPU".equals(kind) ? Nd4j.factory().blas().getMaxThreads() : 0;
    }

    /** OpenBLAS's kernel family and who chose it ("" on CUDA). */
    private static String blasKernels(String kind) {
        if (!"CPU".equals(kind)) {
            return "";
        }
        String set = dev.kerasj.internal.OpenBlasCore.applied();
        String user = System.getenv(dev.kerasj.internal.OpenBlasCore.VARIABLE);
        return set != null ? set + " (OPENBLAS_CORETYPE set by kerasj from the CPU flags)"
                : user != null ? user + " (OPENBLAS_CORETYPE set by the user)"
                : "chosen by OpenBLAS from the CPU model";
    }

    private static String blasVendor() {
        try {
            return String.valueOf(Nd4j.factory().blas().getBlasVendor());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    // ------------------------------------------------------------------ backend

    private static String loadedKind() {
        return Nd4j.getEnvironment().isCPU() ? "CPU" : "CUDA";
    }

    private static String checkKind(String value, String arg) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(v)) {
            throw new IllegalArgumentException("Invalid `" + arg + "`: expected one of \"cpu\", \"cuda\". Received: "
                    + arg + "=" + value);
        }
        return v;
    }

    private static boolean cudaOnClassPath() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String backendRemedy(String want) {
        Map<String, String> env = launcherEnvironment(want);
        StringBuilder sb = new StringBuilder("ND4J chooses when it starts, from BACKEND_PRIORITY_CPU/BACKEND_PRIORITY_GPU: "
                + "start the JVM with");
        env.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        if (want.equals("cuda") && !cudaOnClassPath()) {
            sb.append("; and put the CUDA backend on the class path (build with the Maven profile -Pcuda)");
        }
        return sb.append(" (see docs/backend.md).").toString();
    }

    private static String backendReason(String kind, String requested) {
        String priorities = "BACKEND_PRIORITY_CPU=" + envOr("BACKEND_PRIORITY_CPU", "0 (default)")
                + ", BACKEND_PRIORITY_GPU=" + envOr("BACKEND_PRIORITY_GPU", "100 (default)");
        String why = "highest-priority available backend (" + priorities + "); CUDA backend "
                + (cudaOnClassPath() ? "on the class path" + ("CPU".equals(kind) ? " but unavailable or lower priority" : "")
                : "not on the class path");
        if (requested != null && !requested.isBlank()) {
            boolean ok = requested.trim().equalsIgnoreCase(kind);
            why = BACKEND_ENV + "=" + requested + (ok ? " honoured; " : " NOT honoured (configure() will fail); ") + why;
        }
        return why;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String device(String kind) {
        if (!"CPU".equals(kind)) {
            try {
                var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
                int d = ops.getDevice();
                return "GPU " + d + ": " + ops.getDeviceName(d);
            } catch (RuntimeException e) {
                return "GPU";
            }
        }
        String model = System.getProperty("os.arch");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture is all we report
        }
        return model + " (" + Runtime.getRuntime().availableProcessors() + " logical cores)";
    }

    /**
     * A description of the backend in use; {@link #toString()} gives the multi-line text that
     * {@code kerasj backend} prints.
     *
     * @param backend       {@code "CPU"} or {@code "CUDA"}
     * @param backendClass  ND4J's backend class, e.g. {@code CpuBackend}
     * @param device        CPU model and core count, or GPU name
     * @param dataType      ND4J's default floating-point type (kerasj builds its networks in FLOAT)
     * @param nd4jThreads   threads of ND4J's own op pool
     * @param ompThreads    OpenMP's maximum thread count
     * @param blasThreads   OpenBLAS's thread count (0 on CUDA)
     * @param blasVendor    the BLAS library ND4J calls
     * @param blasKernels   OpenBLAS's kernel family and who chose it, e.g. {@code SkylakeX (...)} ("" on CUDA)
     * @param threadsReason why the thread counts are what they are
     * @param backendReason why this backend was picked
     */
    public record Info(String backend, String backendClass, String device, String dataType, int nd4jThreads,
                       int ompThreads, int blasThreads, String blasVendor, String blasKernels, String threadsReason,
                       String backendReason) {
        @Override
        public String toString() {
            return "backend:   " + backend + " (" + backendClass + ")\n"
                    + "  why:     " + backendReason + "\n"
                    + "device:    " + device + "\n"
                    + "data type: " + dataType + "\n"
                    + "threads:   ND4J " + nd4jThreads + ", OpenMP " + ompThreads
                    + ("CPU".equals(backend) ? ", " + blasVendor + " " + blasThreads : "") + "\n"
                    + "  why:     " + threadsReason
                    + (blasKernels.isEmpty() ? "" : "\nkernels:   OpenBLAS " + blasKernels);
        }
    }
}
