package dev.kerasj.tools.jupyter;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the kernel: {@code java -jar kerasj-jupyter-kernel.jar CONNECTION_FILE}, the command a kernel spec's
 * {@code argv} names with Jupyter's {@code {connection_file}}.
 */
public final class KernelMain {
    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: java -jar kerasj-jupyter-kernel.jar CONNECTION_FILE");
            System.exit(2);
        }
        // The base library logs every socket event at INFO (loggers "Jupyter", "Loop-…"); the kernel's log needs
        // none of it. The root logger is held by the LogManager, so its level sticks.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        String contents = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        KernelConnectionProperties props = KernelConnectionProperties.parse(contents);
        JupyterConnection connection = new JupyterConnection(props);
        JShellKernel kernel = new JShellKernel();
        Display.attach(kernel);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        kernel.close();
    }
}
