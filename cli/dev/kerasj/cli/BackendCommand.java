package dev.kerasj.cli;

import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code kerasj backend}: which ND4J backend was picked (CPU {@code nd4j-native} or CUDA), and the
 * environment that decided it, from ND4J itself.
 */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = "Prints the ND4J backend in use (CPU or CUDA), its environment and the settings that choose it.")
final class BackendCommand implements Callable<Integer> {
    /** Environment variables ND4J and its native libraries read at start-up. */
    static final List<String> VARIABLES = List.of("BACKEND_PRIORITY_CPU", "BACKEND_PRIORITY_GPU", "OMP_NUM_THREADS",
            "CUDA_VISIBLE_DEVICES", "ND4J_SKIP_BLAS_THREADS", "SD_MAX_THREADS");

    private final CliContext context;

    BackendCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintStream out = context.out();
        var backend = Nd4j.getBackend();
        out.println("backend: " + backend.getClass().getSimpleName() + " (" + backend.getClass().getName() + ")");
        out.println("priority: " + backend.getPriority()
                + " (ND4J picks the available backend of highest priority; BACKEND_PRIORITY_CPU/GPU change it)");
        out.println("data type: " + Nd4j.dataType());
        Map<Object, Object> info = new TreeMap<>(Nd4j.getExecutioner().getEnvironmentInformation());
        info.forEach((k, v) -> out.println(k + ": " + v));
        for (String v : VARIABLES) {
            String value = System.getenv(v);
            out.println("env " + v + ": " + (value == null ? "(unset)" : value));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
