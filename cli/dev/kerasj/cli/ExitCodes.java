package dev.kerasj.cli;

import dev.kerasj.datasets.DatasetException;
import dev.kerasj.internal.InvalidModelFileException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The exit codes of {@code kerasj}, in one place, and the handlers that turn exceptions into them with one
 * clear line on standard error (a stack trace only with {@code --verbose}; an unexpected exception also gets a
 * line saying so).
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>anything else that went wrong</td></tr>
 *   <tr><td>2</td><td>bad usage: unknown command or recipe, bad option value (picocli's)</td></tr>
 *   <tr><td>3</td><td>data not found or unusable; the message gives the command that fetches it</td></tr>
 *   <tr><td>4</td><td>bad model file: missing, corrupt, or not a kerasj model</td></tr>
 * </table>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int SOFTWARE = 1;
    public static final int USAGE = 2;
    public static final int DATA_NOT_FOUND = 3;
    public static final int BAD_MODEL_FILE = 4;

    private ExitCodes() {
    }

    /** The exit code for an exception that escaped a command. */
    public static int of(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof DatasetException) {
            return DATA_NOT_FOUND;
        }
        if (e instanceof InvalidModelFileException) {
            return BAD_MODEL_FILE;
        }
        if (e instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return SOFTWARE;
    }

    /** Prints one line for {@code e} (plus its stack trace when verbose) and returns its exit code. */
    static int report(Throwable e, PrintWriter err, boolean verbose) {
        int code = of(e);
        String message;
        if (e instanceof OutOfMemoryError) {
            message = outOfMemory(e.getMessage());
        } else {
            message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : (code == SOFTWARE && !(e instanceof CliException) ? e.getClass().getSimpleName() + ": " : "")
                            + e.getMessage();
        }
        err.println("Error: " + message);
        if (verbose) {
            e.printStackTrace(err);
        } else if (code == SOFTWARE && !(e instanceof OutOfMemoryError) && !(e instanceof CliException)) {
            err.println("Run again with --verbose to see the stack trace.");
        }
        err.flush();
        return code;
    }

    /**
     * The one line for an {@link OutOfMemoryError} with its remedy: a larger Java heap ({@code -Xmx}), or for
     * ND4J's native memory (JavaCPP's "Physical memory usage is too high", "Cannot allocate") a larger
     * {@code org.bytedeco.javacpp.maxbytes}; a smaller batch size helps both.
     */
    static String outOfMemory(String detail) {
        boolean nativeMemory = detail != null && (detail.contains("Physical memory") || detail.contains("allocate")
                || detail.contains("maxbytes") || detail.contains("Direct buffer"));
        String remedy = nativeMemory
                ? "give ND4J more native memory, e.g. KERASJ_JAVA_OPTS=\"-Dorg.bytedeco.javacpp.maxbytes=8G "
                        + "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G\""
                : "give Java a larger heap, e.g. KERASJ_JAVA_OPTS=-Xmx8g bin/kerasj ... (or java -Xmx8g -jar kerasj.jar ...)";
        return "out of memory" + (detail == null || detail.isBlank() ? "" : " (" + detail + ")") + ": " + remedy
                + ", or use a smaller --batch-size.";
    }

    /** Errors thrown while a command runs. */
    static CommandLine.IExecutionExceptionHandler executionHandler(CliContext context) {
        return (e, cmd, parseResult) -> report(e, cmd.getErr(), context.verbose());
    }

    /** Bad usage: the message, suggestions for a misspelt name, and where to find help; exit code 2. */
    static CommandLine.IParameterExceptionHandler parameterHandler(CliContext context) {
        return (e, args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("Error: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            if (context.verbose()) {
                e.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        };
    }
}
