package dev.kerasj.cli;

import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.callbacks.History;
import dev.kerasj.models.Recipe;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.regex.Pattern;

/**
 * {@code --spark MASTER}: trains through {@code dev.kerasj.spark.SparkTrainer}, found by name because the
 * default build has no Spark (the {@code spark} Maven profile adds it); without it, or without Spark itself
 * on the class path, a usage error says how to get them.
 */
final class SparkFit implements Recipe.Fit {
    static final String BUILD = "Build the jar with the Spark profile (mvn -Pspark package) and run it with "
            + "spark-submit; see docs/spark.md.";
    static final String RUN = "Run the jar (built with mvn -Pspark package) with spark-submit, which puts Spark 3 on "
            + "the class path; see docs/spark.md.";
    /** {@code local}, {@code local[N]}, {@code local[*]}, or a URL such as {@code spark://host:7077}, {@code yarn}. */
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\d+|\\*)])?|[a-z][a-z0-9+.-]*(://\\S+)?");

    private final Method fit;
    private final Object options;
    private final String master;

    private SparkFit(Method fit, Object options, String master) {
        this.fit = fit;
        this.options = options;
        this.master = master;
    }

    /** The Spark trainer for {@code master} and {@code training} ({@code averaging} or {@code shared}). */
    static SparkFit of(CommandLine cmd, String master, String training) {
        if (!MASTER.matcher(master).matches()) {
            throw new CommandLine.ParameterException(cmd, "Invalid value for option '--spark': expected local[N] or a "
                    + "Spark master URL such as spark://host:7077. Received: " + master);
        }
        if (!training.equals("averaging") && !training.equals("shared")) {
            throw new CommandLine.ParameterException(cmd, "Invalid value for option '--spark-training': expected one of "
                    + "[averaging, shared]. Received: " + training);
        }
        if (!present("org.apache.spark.SparkContext")) {
            throw new CommandLine.ParameterException(cmd, "Option '--spark' needs Apache Spark on the class path, and "
                    + "it is not there. " + (present("dev.kerasj.spark.SparkTrainer") ? RUN : BUILD));
        }
        if (!present("dev.kerasj.spark.SparkTrainer")) {
            throw new CommandLine.ParameterException(cmd, "Option '--spark' needs kerasj's Spark support, which this "
                    + "jar was built without. " + BUILD);
        }
        try {
            Class<?> trainer = Class.forName("dev.kerasj.spark.SparkTrainer");
            Class<?> optionsClass = Class.forName("dev.kerasj.spark.SparkOptions");
            Method fit = trainer.getMethod("fit", String.class, Model.class, INDArray.class, INDArray.class,
                    FitOptions.class, optionsClass);
            return new SparkFit(fit, optionsClass.getMethod("of", String.class).invoke(null, training), master);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CliException(ExitCodes.SOFTWARE, "kerasj's Spark support does not match this kerasj or this Spark ("
                    + e + "). " + BUILD, e);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, SparkFit.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public History fit(Model model, INDArray x, INDArray y, FitOptions fitOptions) {
        try {
            return (History) fit.invoke(null, master, model, x, y, fitOptions, options);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new CliException(ExitCodes.SOFTWARE, "Spark training failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new CliException(ExitCodes.SOFTWARE, "Spark training could not start: " + e, e);
        }
    }
}
