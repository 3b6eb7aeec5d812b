package dev.kerasj;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Backend choice and CPU thread configuration. Surefire runs tests with OMP_NUM_THREADS=1 (pom.xml). */
class BackendTest {
    @Test
    void usersOmpNumThreadsWinsOverEverything() {
        Backend.ThreadChoice c = Backend.chooseThreads("3", null, "5", 2);
        assertEquals(0, c.threads());
        assertEquals(0, c.blasThreads());
        assertTrue(c.reason().contains("OMP_NUM_THREADS=3"), c.reason());
    }

    @Test
    void propertyThenMeasuredDefault() {
        assertEquals(5, Backend.chooseThreads(null, null, "5", 2).threads());
        assertEquals(5, Backend.chooseThreads(null, null, "5", 2).blasThreads());
        assertEquals(5, Backend.chooseThreads("", "", " 5 ", 64).threads());
        Backend.ThreadChoice small = Backend.chooseThreads(null, null, null, 2);
        assertEquals(1, small.threads());       // ND4J's ops and OpenMP on one thread
        assertEquals(1, small.blasThreads());   // one GEMM thread: the other core serves the JIT and kerasj's two-way kernels
        assertEquals(1, Backend.chooseThreads(null, null, null, 1).threads());
        assertEquals(1, Backend.chooseThreads(null, null, null, 1).blasThreads());
        assertEquals(0, Backend.chooseThreads(null, null, null, 16).threads());   // ND4J's default kept
        assertEquals(0, Backend.chooseThreads(null, null, null, 16).blasThreads());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backend.chooseThreads(null, null, "0", 2));
        assertTrue(e.getMessage().contains("Received: kerasj.threads=0"), e.getMessage());
    }

    @Test
    void blasThreadsVariableSetsOnlyOpenBlas() {
        Backend.ThreadChoice c = Backend.chooseThreads("1", "2", null, 2);
        assertEquals(0, c.threads());        // OMP_NUM_THREADS already sized the op pool
        assertEquals(2, c.blasThreads());
        assertEquals(3, Backend.chooseThreads(null, "3", "5", 2).blasThreads());
        assertEquals(5, Backend.chooseThreads(null, "3", "5", 2).threads());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backend.chooseThreads(null, "two", null, 2));
        assertTrue(e.getMessage().contains("Invalid `KERASJ_BLAS_THREADS`: expected a positive integer. "
                + "Received: KERASJ_BLAS_THREADS=two"), e.getMessage());
    }

    @Test
    void launcherEnvironmentSetsNd4jPriorities() {
        Map<String, String> cpu = new java.util.HashMap<>(Map.of("KERASJ_BACKEND", "cpu", "BACKEND_PRIORITY_CPU", "100",
                "BACKEND_PRIORITY_GPU", "0"));
        if (Runtime.getRuntime().availableProcessors() <= Backend.SMALL_MACHINE_CORES) {
            cpu.put("OMP_NUM_THREADS", "1");   // the measured best (one op and one GEMM thread) reaches ND4J's op pool only through the environment
        }
        assertEquals(cpu, Backend.launcherEnvironment("cpu"));
        assertEquals(Map.of("KERASJ_BACKEND", "cuda", "BACKEND_PRIORITY_CPU", "0", "BACKEND_PRIORITY_GPU", "100"),
                Backend.launcherEnvironment("CUDA"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.launcherEnvironment("tpu"));
        assertTrue(e.getMessage().contains("expected one of \"cpu\", \"cuda\". Received: backend=tpu"), e.getMessage());
    }

    @Test
    void describeReportsCpuFloatAndTheUsersThreadCount() {
        Backend.configure();
        Backend.Info info = Backend.describe();
        assertEquals("CPU", info.backend());
        assertEquals("CpuBackend", info.backendClass());
        assertEquals("FLOAT", info.dataType());
        // OMP_NUM_THREADS=1 from surefire: ND4J, OpenMP and OpenBLAS all read it, kerasj leaves them
        assertEquals(1, info.nd4jThreads());
        assertEquals(1, info.ompThreads());
        assertEquals(1, info.blasThreads());
        assertTrue(info.threadsReason().contains("OMP_NUM_THREADS=1"), info.threadsReason());
        assertTrue(info.toString().startsWith("backend:   CPU (CpuBackend)"), info.toString());
    }

    @Test
    void configureIsIdempotent() {
        Backend.configure();
        int before = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(before + 1);
        try {
            Backend.configure();   // a second call applies nothing
            assertEquals(before + 1, Nd4j.factory().blas().getMaxThreads());
        } finally {
            Nd4j.factory().blas().setMaxThreads(before);
        }
        assertEquals(Backend.describe(), Backend.describe());
    }

    @Test
    void withoutOmpNumThreadsConfigureSetsTheCounts() throws Exception {
        // a fresh JVM without OMP_NUM_THREADS: kerasj's own choice is applied to ND4J, OpenMP and OpenBLAS
        String out = runProbe(List.of("-D" + Backend.THREADS_PROPERTY + "=1"));
        // ND4J's own op pool is sized at start and may stay at its default; OpenMP and OpenBLAS follow
        assertTrue(out.contains(", OpenMP 1, OPENBLAS 1"), out);
        assertTrue(out.contains("system property kerasj.threads=1"), out);
        String byDefault = runProbe(List.of());
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores <= Backend.SMALL_MACHINE_CORES) {   // ops and the GEMMs on one thread each
            assertTrue(byDefault.contains(", OpenMP 1, OPENBLAS 1"), byDefault);
        }
        assertTrue(byDefault.contains("logical core"), byDefault);
        assertTrue(byDefault.contains("kernels:   OpenBLAS "), byDefault);
        String users = runProbe(List.of(), Map.of("OPENBLAS_CORETYPE", "Haswell"));
        assertTrue(users.contains("kernels:   OpenBLAS Haswell (OPENBLAS_CORETYPE set by the user)"), users);
        String blasOnly = runProbe(List.of(), Map.of("KERASJ_BLAS_THREADS", "3"));
        assertTrue(blasOnly.contains(", OPENBLAS 3"), blasOnly);
        assertTrue(blasOnly.contains("OpenBLAS 3 from KERASJ_BLAS_THREADS=3"), blasOnly);
    }

    private static String runProbe(List<String> jvmArgs) throws IOException, InterruptedException {
        return runProbe(jvmArgs, Map.of());
    }

    private static String runProbe(List<String> jvmArgs, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Dorg.nd4j.log.initialization=false");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BackendProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OMP_NUM_THREADS");
        pb.environment().remove("KERASJ_BACKEND");
        pb.environment().remove("KERASJ_BLAS_THREADS");
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
