package dev.kerasj.cli;

import dev.kerasj.internal.NativeStartup;
import dev.kerasj.models.Recipe;
import dev.kerasj.models.Recipes;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of {@code kerasj} ({@code java -jar target/kerasj.jar COMMAND …}): builds the command
 * line, runs it with {@code execute}, and exits with its code (see {@link ExitCodes}).
 */
public final class Main {
    static {
        NativeStartup.apply();   // before ND4J starts
    }

    private Main() {
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(execute(CliContext.fromEnvironment(), args));
    }

    /** ND4J's start-up INFO lines are noise on a command line; a user's setting wins. */
    private static void quietLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // jHDF's own chatter is quieted where kerasj reads HDF5 (internal.keras.Hdf5)
    }

    /** Runs one command line in {@code context}; returns the exit code. Used by tests with captured streams. */
    public static int execute(CliContext context, String... args) {
        CommandLine cl = commandLine(context);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the execution handler; an Error would end in a stack trace.
            return ExitCodes.report(e, cl.getErr(), context.verbose());
        }
    }

    /** The whole command tree, wired to {@code context}. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    return cls.cast(cls.getDeclaredConstructor(CliContext.class).newInstance(context));
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        };
        CommandLine cl = new CommandLine(new KerasjCommand(context), factory);
        CommandLine train = cl.getSubcommands().get("train");
        CommandLine summary = cl.getSubcommands().get("summary");
        for (Recipe r : Recipes.all()) {
            train.addSubcommand(r.name(), new RecipeTrainCommand(context, r).commandLine());
            summary.addSubcommand(r.name(), new RecipeSummaryCommand(context, r).commandLine());
        }
        train.addSubcommand("images", new CommandLine(new TrainImagesCommand(context), factory));
        train.addSubcommand("tabular", new CommandLine(new TrainTabularCommand(context), factory));
        train.addSubcommand("transfer", new CommandLine(new TrainTransferCommand(context), factory));
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(ExitCodes.executionHandler(context));
        cl.setParameterExceptionHandler(ExitCodes.parameterHandler(context));
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        return cl;
    }
}
