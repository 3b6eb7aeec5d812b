package dev.kerasj.cli;

/**
 * An error a command reports with a chosen exit code from {@link ExitCodes} and a message meant for the
 * user (no stack trace unless {@code --verbose}).
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
