package dev.kerasj.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@code kerasj predict --input} files into model inputs.
 *
 * <ul>
 *   <li>An image (PNG, or any format ImageIO reads) becomes one sample: converted to grey levels, resized
 *       to the model's height × width (bilinear), scaled to [0, 1] as the recipes scale pixels, and
 *       inverted when its mean is above 0.5 — MNIST digits are light on a dark background, while a digit
 *       drawn on paper is dark on light. A model with input {@code (784,)} gets the 28 × 28 pixels row by
 *       row; {@code (28, 28, 1)} gets them channels-last.</li>
 *   <li>A {@code .csv} file gives one sample per row: as many numbers as the model's input has values,
 *       used as they are (no scaling), in row-major order of the input shape. A first row that is not
 *       numeric is taken as a header; blank lines and lines starting with {@code #} are skipped.</li>
 * </ul>
 */
final class PredictInputs {
    /** One sample with a label for the output. */
    record Sample(String label, INDArray x, String note) {
    }

    private PredictInputs() {
    }

    static List<Sample> read(Path file, long[] inputShape) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.USAGE, "No input file at " + file.toAbsolutePath() + ".");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return csv(file, inputShape);
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": expected a PNG image or a .csv file of "
                    + "numbers, but it is neither.");
        }
        return List.of(image(file.getFileName().toString(), image, inputShape));
    }

    static Sample image(String label, BufferedImage image, long[] inputShape) {
        int height;
        int width;
        int channels;
        if (inputShape.length == 1) {
            int side = (int) Math.round(Math.sqrt(inputShape[0]));
            if ((long) side * side != inputShape[0]) {
                throw new CliException(ExitCodes.USAGE, "The model's input " + Arrays.toString(inputShape) + " is not a "
                        + "square image; give it CSV rows instead of an image.");
            }
            height = side;
            width = side;
            channels = 1;
        } else if (inputShape.length == 2 || (inputShape.length == 3 && (inputShape[2] == 1 || inputShape[2] == 3))) {
            height = (int) inputShape[0];
            width = (int) inputShape[1];
            channels = inputShape.length == 3 ? (int) inputShape[2] : 1;
        } else {
            throw new CliException(ExitCodes.USAGE, "The model's input " + Arrays.toString(inputShape) + " is not an "
                    + "image; give it CSV rows instead.");
        }
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        float[] pixels = new float[height * width];
        double sum = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = (grey.getRaster().getSample(x, y, 0)) / 255f;
                pixels[y * width + x] = v;
                sum += v;
            }
        }
        boolean invert = sum / pixels.length > 0.5;
        if (invert) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 1f - pixels[i];
            }
        }
        float[] values = new float[pixels.length * channels];
        for (int i = 0; i < pixels.length; i++) {
            for (int c = 0; c < channels; c++) {
                values[i * channels + c] = pixels[i];
            }
        }
        long[] shape = new long[inputShape.length + 1];
        shape[0] = 1;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        return new Sample(label, Nd4j.create(values, shape, 'c'), invert ? "inverted: dark on light" : null);
    }

    static List<Sample> csv(Path file, long[] inputShape) throws IOException {
        long n = 1;
        for (long d : inputShape) {
            n *= d;
        }
        List<Sample> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",");
            float[] values = new float[fields.length];
            try {
                for (int k = 0; k < fields.length; k++) {
                    values[k] = Float.parseFloat(fields[k].strip());
                }
            } catch (NumberFormatException e) {
                if (first) {
                    first = false;
                    continue; // a header
                }
                throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ", line " + (i + 1) + ": expected "
                        + "numbers separated by commas. Received: " + abbreviate(line));
            }
            first = false;
            if (values.length != n) {
                throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ", line " + (i + 1) + ": expected " + n
                        + " values (the model's input shape " + Arrays.toString(inputShape) + "). Received: "
                        + values.length + " values.");
            }
            long[] shape = new long[inputShape.length + 1];
            shape[0] = 1;
            System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
            out.add(new Sample(file.getFileName() + ":" + (i + 1), Nd4j.create(values, shape, 'c'), null));
        }
        if (out.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": it has no data rows.");
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    static INDArray stack(List<Sample> samples) {
        INDArray[] xs = samples.stream().map(Sample::x).toArray(INDArray[]::new);
        return Nd4j.concat(0, xs).castTo(DataType.FLOAT);
    }
}
