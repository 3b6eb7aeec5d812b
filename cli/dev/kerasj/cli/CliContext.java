package dev.kerasj.cli;

import dev.kerasj.datasets.DatasetLocator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What commands get from outside: the output streams and where data and models live. {@link Main} builds
 * one from the environment; tests build one over a temporary directory and captured streams.
 *
 * <p>{@code KERASJ_HOME} (system property {@code kerasj.home}, default {@code ~/.kerasj}) holds
 * {@code datasets/} (the cache) and {@code models/} (where {@code train} saves by default).
 */
public final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<DatasetLocator> locator;
    private DatasetLocator resolved;
    private boolean verbose;

    /**
     * @param out standard output (progress bars, results)
     * @param err standard error (error messages)
     * @param locator where datasets are found, created when first needed
     */
    public CliContext(PrintStream out, PrintStream err, Supplier<DatasetLocator> locator) {
        this.out = out;
        this.err = err;
        this.locator = locator;
    }

    /** System streams and {@link DatasetLocator#fromEnvironment()}. */
    public static CliContext fromEnvironment() {
        return new CliContext(System.out, System.err, DatasetLocator::fromEnvironment);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public DatasetLocator locator() {
        if (resolved == null) {
            resolved = locator.get();
        }
        return resolved;
    }

    /** {@code $KERASJ_HOME}. */
    public Path home() {
        return locator().home();
    }

    /** Where {@code train} saves models unless told otherwise: {@code $KERASJ_HOME/models}. */
    public Path modelsDir() {
        return home().resolve("models");
    }

    public boolean verbose() {
        return verbose;
    }

    void verbose(boolean verbose) {
        this.verbose = verbose;
    }
}
