package dev.kerasj.cli;

import dev.kerasj.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@code kerasj predict --input} files into model inputs: a {@code .csv} file gives one sample per row
 * ({@link CsvInputs}), any other file must be an image that ImageIO reads (PNG…) and gives one sample
 * ({@link ImageInputs}), for models whose input is an image.
 */
final class PredictInputs {
    /**
     * One sample with a label for the output.
     *
     * @param note how the input was read, printed after its prediction (e.g. "inverted: dark on light"), or null
     * @param warnings what may make its prediction meaningless (a tiny image blown up…), printed on stderr
     */
    record Sample(String label, INDArray x, String note, List<String> warnings) {
    }

    private PredictInputs() {
    }

    static List<Sample> read(Path file, Model model) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.USAGE, "No input file at " + file.toAbsolutePath() + ".");
        }
        long[] inputShape = model.inputShape();
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return CsvInputs.read(file, inputShape);
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": expected a PNG image or a .csv file of "
                    + "numbers, but it is neither.");
        }
        if (ImageInputs.takesRawPixels(model)) {
            return List.of(ImageInputs.rawSample(file, image, inputShape));
        }
        String notImages = ImageInputs.whyNotImages(model);
        if (notImages != null) {
            long values = 1;
            for (long d : inputShape) {
                values *= d;
            }
            throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": model '" + model.name() + "' " + notImages
                    + ", not images. Give it a .csv file with " + values + " numbers per row instead.");
        }
        return List.of(ImageInputs.sample(file.getFileName().toString(), image, inputShape));
    }

    /** {@code (1, …inputShape)}: one sample of {@code values} in row-major order. */
    static INDArray one(float[] values, long[] inputShape) {
        long[] shape = new long[inputShape.length + 1];
        shape[0] = 1;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        return Nd4j.create(values, shape, 'c');
    }

    static INDArray stack(List<Sample> samples) {
        INDArray[] xs = samples.stream().map(Sample::x).toArray(INDArray[]::new);
        return Nd4j.concat(0, xs).castTo(DataType.FLOAT);
    }
}
