package dev.kerasj.cli;

import dev.kerasj.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code kerasj convert IN OUT}: reads a model in any format kerasj loads (recognised by content: {@code .kerasj},
 * Keras 3's {@code .keras}, Keras 1/2's {@code .h5}) and writes it in the format OUT's extension names
 * ({@code .keras} for Keras 3, {@code .kerasj} for kerasj's own). The output is written atomically.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Converts a model file: IN is .kerasj, .keras or .h5; OUT is .keras (Keras 3 loads it) or .kerasj.")
final class ConvertCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The model to read (.kerasj, .keras or .h5).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write it: a .keras or .kerasj file name.")
    Path out;

    ConvertCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String name = String.valueOf(out.getFileName()).toLowerCase(Locale.ROOT);
        if (!name.endsWith(".keras") && !name.endsWith(".kerasj")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid OUT '" + out + "': expected a .keras "
                    + "(Keras 3) or .kerasj file name. kerasj reads Keras's legacy .h5 but does not write it.");
        }
        Model model = null;
        try {
            model = ModelFiles.load(in);
            model.save(out);
        } catch (IOException e) {
            if (model == null) {
                throw new CliException(ExitCodes.BAD_MODEL_FILE, e.getMessage(), e);
            }
            throw new CliException(ExitCodes.SOFTWARE, "Cannot write " + out + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_MODEL_FILE, e.getMessage(), e);
        }
        context.out().println("Converted " + in + " to " + out + " (" + model.layers().size() + " layers, "
                + model.countParams() + " parameters).");
        context.out().flush();
        return ExitCodes.OK;
    }
}
