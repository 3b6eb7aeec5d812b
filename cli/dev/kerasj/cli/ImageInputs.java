package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.internal.Shapes;
import dev.kerasj.layers.AveragePooling1D;
import dev.kerasj.layers.BaseConv;
import dev.kerasj.layers.BaseRNN;
import dev.kerasj.layers.Bidirectional;
import dev.kerasj.layers.Embedding;
import dev.kerasj.layers.GlobalAveragePooling1D;
import dev.kerasj.layers.GlobalMaxPooling1D;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Masking;
import dev.kerasj.layers.MaxPooling1D;
import dev.kerasj.layers.TimeDistributed;
import dev.kerasj.models.ImageClassifierRecipe;
import dev.kerasj.models.Recipes;
import dev.kerasj.models.Variant;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code kerasj predict --input digit.png}: an image as one sample of an image model.
 *
 * <ol>
 *   <li>Transparency is flattened onto a background that contrasts with the drawing (white behind dark ink, as a
 *       drawing app's "black pen on transparent" export is meant to be seen; black behind light ink).</li>
 *   <li>Converted to grey levels and resized to the model's height × width (shrunk by area averaging, enlarged
 *       bilinearly).</li>
 *   <li>Scaled to [0, 1] as the recipes scale pixels, and inverted when its mean is above 0.5: MNIST digits are
 *       light on a dark background, while a digit drawn on paper is dark on light. A model with input
 *       {@code (784,)} gets the 28 × 28 pixels row by row; {@code (28, 28, 1)} gets them channels-last.</li>
 * </ol>
 * An image with a side under {@value #MIN_SIDE} pixels is refused; one blown up more than {@value #MAX_UPSCALE}×,
 * squeezed to another aspect ratio by more than {@value #MAX_ASPECT_CHANGE}×, or blank, gets a warning.
 */
final class ImageInputs {
    /** Images with fewer pixels on a side hold no drawing worth predicting. */
    static final int MIN_SIDE = 4;
    /** Upscaling beyond this factor (either axis) is warned about. */
    static final double MAX_UPSCALE = 4;
    /** A change of the aspect ratio beyond this factor is warned about. */
    static final double MAX_ASPECT_CHANGE = 2;
    /** A model input whose image sides are smaller than this, or whose aspect ratio exceeds 4, is not an image. */
    private static final int MIN_MODEL_SIDE = 8;
    private static final List<Class<?>> SEQUENCE_LAYERS = List.of(BaseRNN.class, Bidirectional.class, Embedding.class,
            Masking.class, TimeDistributed.class, MaxPooling1D.class, AveragePooling1D.class, GlobalAveragePooling1D.class,
            GlobalMaxPooling1D.class);

    private ImageInputs() {
    }

    /**
     * Why {@code model} does not take images ("takes sequences of shape (None, 14, 4) …"), or null when it does:
     * its recipe says so where kerasj trained it, else its first layer (a recurrent or 1-D layer reads sequences)
     * and its input shape (an image has sides of at least 8 pixels and an aspect ratio of at most 4).
     */
    static String whyNotImages(Model model) {
        long[] shape = model.inputShape();
        String takes = "takes inputs of shape " + Shapes.withBatch(shape);
        Variant trainedBy = model.name() == null ? null : Recipes.forModelName(model.name());
        if (trainedBy != null) {
            return trainedBy.recipe() instanceof ImageClassifierRecipe ? null
                    : takes + " (recipe " + trainedBy.recipe().name() + ": " + (shape.length == 2 ? "timesteps, features"
                            : "values") + ")";
        }
        Layer first = model.layers().stream().filter(l -> !(l instanceof Input)).findFirst().orElse(null);
        if (first != null && (SEQUENCE_LAYERS.stream().anyMatch(c -> c.isInstance(first))
                || first instanceof BaseConv<?> conv && conv.rank() == 1)) {
            return takes + ", sequences read by its first layer '" + first.name() + "' (" + first.getClass().getSimpleName()
                    + ")";
        }
        long[] hw = imageSize(shape);
        if (hw == null || Math.min(hw[0], hw[1]) < MIN_MODEL_SIDE || Math.max(hw[0], hw[1]) > 4 * Math.min(hw[0], hw[1])) {
            return takes + ", which is not an image of at least " + MIN_MODEL_SIDE + " × " + MIN_MODEL_SIDE + " pixels";
        }
        return null;
    }

    /** {height, width, channels} of an image input shape, or null: (h·w) square, (h, w), or (h, w, 1|3). */
    static long[] imageSize(long[] shape) {
        if (shape.length == 1) {
            long side = Math.round(Math.sqrt(shape[0]));
            return side * side == shape[0] ? new long[] {side, side, 1} : null;
        }
        if (shape.length == 2 || shape.length == 3 && (shape[2] == 1 || shape[2] == 3)) {
            return new long[] {shape[0], shape[1], shape.length == 3 ? shape[2] : 1};
        }
        return null;
    }

    /**
     * Whether {@code model} reads raw pixels: an image input {@code (h, w, 1|3|4)} whose first layer is a
     * preprocessing layer (Rescaling, augmentation…), as the {@code images} recipe's models are. Such a model
     * gets the file's pixels as {@code ImageDatasets} reads them in training (0–255, resized bilinearly), nothing
     * else: no inversion, no scaling.
     */
    static boolean takesRawPixels(Model model) {
        long[] shape = model.inputShape();
        Layer first = model.layers().stream().filter(l -> !(l instanceof Input)).findFirst().orElse(null);
        return shape.length == 3 && (shape[2] == 1 || shape[2] == 3 || shape[2] == 4)
                && first instanceof dev.kerasj.layers.PreprocessingLayer<?>;
    }

    /** One image file as a raw-pixel model's input (see {@link #takesRawPixels}). */
    static PredictInputs.Sample rawSample(java.nio.file.Path file, BufferedImage image, long[] inputShape) {
        int height = (int) inputShape[0];
        int width = (int) inputShape[1];
        String mode = inputShape[2] == 1 ? "grayscale" : inputShape[2] == 3 ? "rgb" : "rgba";
        String label = file.getFileName().toString();
        try {
            return new PredictInputs.Sample(label, dev.kerasj.datasets.ImageDatasets.readImage(file, height, width, mode),
                    "raw pixels, " + mode + ", resized to " + height + " × " + width,
                    resizeWarnings(label, image.getWidth(), image.getHeight(), width, height));
        } catch (dev.kerasj.datasets.DatasetException e) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": " + e.getMessage());
        }
    }

    static PredictInputs.Sample sample(String label, BufferedImage image, long[] inputShape) {
        long[] hwc = imageSize(inputShape);
        if (hwc == null) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + label + ": the model's input "
                    + Shapes.withBatch(inputShape) + " is not an image; give it CSV rows instead.");
        }
        int height = (int) hwc[0];
        int width = (int) hwc[1];
        int channels = (int) hwc[2];
        if (image.getWidth() < MIN_SIDE || image.getHeight() < MIN_SIDE) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + label + ": the image is " + image.getWidth() + " × "
                    + image.getHeight() + " pixels, too small to show a digit; expected at least " + MIN_SIDE + " × "
                    + MIN_SIDE + " (the model reads " + width + " × " + height + ").");
        }
        List<String> warnings = resizeWarnings(label, image.getWidth(), image.getHeight(), width, height);
        List<String> notes = new ArrayList<>();
        Color background = background(image);
        if (background != null) {
            notes.add("transparent background shown " + (background == Color.WHITE ? "white" : "black"));
        }
        float[] pixels = grey(image, width, height, background);
        double sum = 0;
        float min = 1;
        float max = 0;
        for (float v : pixels) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max - min < 1f / 255) {
            warnings.add(label + " is blank at the model's " + width + " × " + height + " pixels (every pixel the same "
                    + "grey level); its prediction means nothing.");
        }
        if (sum / pixels.length > 0.5) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 1f - pixels[i];
            }
            notes.add("inverted: dark on light");
        }
        float[] values = new float[pixels.length * channels];
        for (int i = 0; i < pixels.length; i++) {
            for (int c = 0; c < channels; c++) {
                values[i * channels + c] = pixels[i];
            }
        }
        return new PredictInputs.Sample(label, PredictInputs.one(values, inputShape),
                notes.isEmpty() ? null : String.join("; ", notes), warnings);
    }

    /** Warnings for a resize from {@code w × h} to the model's {@code width × height}. */
    static List<String> resizeWarnings(String label, int w, int h, int width, int height) {
        List<String> warnings = new ArrayList<>();
        double upscale = Math.max((double) width / w, (double) height / h);
        if (upscale > MAX_UPSCALE) {
            warnings.add(String.format(Locale.ROOT, "%s is %d × %d pixels, blown up %.1f× to the model's %d × %d; its "
                    + "prediction may mean little.", label, w, h, upscale, width, height));
        }
        double aspect = ((double) w / h) / ((double) width / height);
        double change = Math.max(aspect, 1 / aspect);
        if (change > MAX_ASPECT_CHANGE) {
            warnings.add(String.format(Locale.ROOT, "%s is %d × %d pixels; squeezing it to the model's %d × %d changes its "
                    + "aspect ratio %.1f×, which distorts what it shows.", label, w, h, width, height, change));
        }
        return warnings;
    }

    /**
     * The background to flatten transparency onto, or null for an opaque image: white when the visible ink
     * (alpha-weighted mean grey) is dark, black when it is light.
     */
    static Color background(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return null;
        }
        double alphaSum = 0;
        double inkSum = 0;
        boolean transparent = false;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                double a = (argb >>> 24) / 255.0;
                transparent |= a < 1;
                alphaSum += a;
                inkSum += a * luminance(argb);
            }
        }
        if (!transparent) {
            return null;
        }
        return alphaSum == 0 || inkSum / alphaSum < 0.5 ? Color.WHITE : Color.BLACK;
    }

    private static double luminance(int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
    }

    /**
     * Grey levels in [0, 1] at {@code width × height}, row by row, the image drawn over {@code background}:
     * shrunk by area averaging (bilinear sampling would skip strokes thinner than the step), enlarged bilinearly.
     */
    private static float[] grey(BufferedImage image, int width, int height, Color background) {
        Image scaled = image.getWidth() > width || image.getHeight() > height
                ? image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING) : image;
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(scaled, 0, 0, width, height, background == null ? Color.BLACK : background, null);
        g.dispose();
        float[] pixels = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = grey.getRaster().getSample(x, y, 0) / 255f;
            }
        }
        return pixels;
    }
}
