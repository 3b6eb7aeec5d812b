package dev.kerasj.cli;

import dev.kerasj.Kerasj;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** The top command, {@code kerasj}: its subcommands are the tools; alone, it prints its usage. */
@Command(name = "kerasj", mixinStandardHelpOptions = true, versionProvider = KerasjCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Keras-style deep learning for Java: train, inspect and use the course's models.",
        footer = {"", "Exit codes: 0 ok, 1 error, 2 bad usage, 3 data not found (the message says how to fetch it), "
                + "4 bad model file.", "Environment: KERASJ_HOME (default ~/.kerasj) holds datasets/ and models/; "
                + "KERASJ_DATASET_MIRROR points at a local copy of the datasets."},
        subcommands = {TrainCommand.class, SummaryCommand.class, EvaluateCommand.class, PredictCommand.class, ConvertCommand.class,
            ExplainCommand.class, DatasetsCommand.class, BackendCommand.class, CommandLine.HelpCommand.class})
final class KerasjCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    KerasjCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    void verbose(boolean verbose) {
        context.verbose(verbose);
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: expected one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }

    /** {@code kerasj --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kerasj " + Kerasj.VERSION + " (Deeplearning4j/ND4J 1.0.0-M2.1, Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
