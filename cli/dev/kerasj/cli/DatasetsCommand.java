package dev.kerasj.cli;

import dev.kerasj.datasets.DatasetException;
import dev.kerasj.datasets.DatasetLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kerasj datasets list|fetch [NAME]}: what is cached, and filling the cache. */
@Command(name = "datasets", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(list | fetch)",
        description = "Lists the known datasets and where their files are, or fetches them into $KERASJ_HOME/datasets "
                + "(from KERASJ_DATASET_MIRROR, a system package, or the canonical address).",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.FetchCommand.class})
final class DatasetsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: expected list or fetch.");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Prints each known file: dataset, path, where it is (cache, mirror, package, missing).")
    static final class ListCommand implements Callable<Integer> {
        private final CliContext context;

        ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PrintStream out = context.out();
            out.println(String.format("%-14s %-44s %-15s %s", "DATASET", "FILE", "SOURCE", "LOCATION"));
            for (DatasetLocator.FileStatus s : context.locator().list()) {
                out.println(s);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Copies or downloads a dataset (default: every dataset) into the cache, verifying checksums.")
    static final class FetchCommand implements Callable<Integer> {
        private final CliContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "A dataset name; `kerasj datasets list` shows them.")
        String name;

        FetchCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            DatasetLocator locator = context.locator();
            List<String> known = locator.table().datasets();
            if (name != null && !known.contains(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown dataset: '" + name + "'. Known "
                        + "datasets are: " + String.join(", ", known) + ".");
            }
            PrintStream out = context.out();
            DatasetException failure = null;
            for (String d : name == null ? known : List.of(name)) {
                try {
                    for (DatasetLocator.FileStatus s : locator.fetch(d)) {
                        out.println(s);
                    }
                } catch (DatasetException e) {
                    if (name != null) {
                        throw e;
                    }
                    context.err().println("Error: " + e.getMessage());
                    failure = e;
                }
            }
            out.flush();
            return failure == null ? ExitCodes.OK : ExitCodes.DATA_NOT_FOUND;
        }
    }
}
