package dev.kerasj.cli;

import dev.kerasj.Backend;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code kerasj backend}: which ND4J backend was picked (CPU {@code nd4j-native} or CUDA), the device, the
 * thread counts and why — {@link Backend#describe()}.
 */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = {"Prints the ND4J backend in use (CPU or CUDA), its device and thread settings, and why they were "
                + "chosen.", "KERASJ_BACKEND=cpu|cuda states the expected backend; OMP_NUM_THREADS or -Dkerasj.threads=N "
                + "set the CPU threads, KERASJ_BLAS_THREADS=N the matrix products' alone."})
final class BackendCommand implements Callable<Integer> {
    private final CliContext context;

    BackendCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out().println(Backend.describe());
        context.out().flush();
        return ExitCodes.OK;
    }
}
