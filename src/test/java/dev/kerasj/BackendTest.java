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
        Backend.ThreadChoice c = Backend.chooseThreads("3", "5", 2);
        assertEquals(0, c.threads());
        assertTrue(c.reason().contains("OMP_NUM_THREADS=3"), c.reason());
    }

    @Test
    void propertyThenMeasuredDefault() {
        assertEquals(5, Backend.chooseThreads(null, "5", 2).threads());
        assertEquals(5, Backend.chooseThreads("", " 5 ", 64).threads());
        assertEquals(1, Backend.chooseThreads(null, null, 2).threads());
        assertEquals(1, Backend.chooseThreads(null, null, 1).threads());
        assertEquals(0, Backend.chooseThreads(null, null, 16).threads());   // ND4J's default kept
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backend.chooseThreads(null, "0", 2));
        assertTrue(e.getMessage().contains("Received: kerasj.threads=0"), e.getMessage());
    }

    @Test
    void launcherEnvironmentSetsNd4jPriorities() {
        assertEquals(Map.of("KERASJ_BACKEND", "cpu", "BACKEND_PRIORITY_CPU", "100", "BACKEND_PRIORITY_GPU", "0"),
                Backend.launcherEnvironment("cpu"));
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
    void withoutOmpNumThreadsConfigureSetsAllThreeCounts() throws Exception {
        // a fresh JVM without OMP_NUM_THREADS: kerasj's own choice is applied to ND4J, OpenMP and OpenBLAS
        String out = runProbe(List.of("-D" + Backend.THREADS_PROPERTY + "=1"));
        // ND4J's own op pool is sized at start and may stay at its default; OpenMP and OpenBLAS follow
        assertTrue(out.contains(", OpenMP 1, OPENBLAS 1"), out);
        assertTrue(out.contains("system property kerasj.threads=1"), out);
        String byDefault = runProbe(List.of());
        int expected = Runtime.getRuntime().availableProcessors() <= Backend.SMALL_MACHINE_CORES ? 1 : -1;
        if (expected == 1) {
            assertTrue(byDefault.contains(", OpenMP 1, OPENBLAS 1"), byDefault);
        }
        assertTrue(byDefault.contains("logical core"), byDefault);
    }

    private static String runProbe(List<String> jvmArgs) throws IOException, InterruptedException {
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
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
