package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.models.Hyperparameters;
import dev.kerasj.models.ImageFolderClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code kerasj train images --dir DIR}: the {@link ImageFolderClassifier} recipe on a folder of class sub-folders. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = {"A small convnet (with augmentation) on your folder of images, one sub-folder per class.",
            "Reads JPEG, PNG, BMP and GIF files, prints val_loss and val_accuracy on the 20 % of the images Keras's "
                + "image_dataset_from_directory holds out with the same seed, saves the model and its learning curves.",
            "Two classes: a sigmoid output; more: softmax. Images are read from disk as training goes."})
final class TrainImagesCommand extends OwnDataTrainCommand {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The folder: DIR/<class>/<image files>.")
    Path dir;

    @Option(names = "--image-size", paramLabel = "H[xW]", description = "The size images are resized to. Default: "
            + ImageFolderClassifier.DEFAULT_SIZE + ".")
    String imageSize;

    @Option(names = "--color-mode", paramLabel = "MODE", description = "grayscale, rgb or rgba. Default: rgb.")
    String colorMode = "rgb";

    TrainImagesCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Hyperparameters h = hyperparameters(ImageFolderClassifier.DEFAULTS);
        int[] hw = size();
        ImageFolderClassifier recipe;
        try {
            recipe = new ImageFolderClassifier(dir).hyperparameters(h).imageSize(hw[0], hw[1]).colorMode(colorMode)
                    .out(context.out());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path out = output(ImageFolderClassifier.NAME);
        Path plotFile = plot(out);
        context.out().println("Recipe images: a small convnet on the folder " + dir);
        context.out().println("Settings: " + describe(h) + String.format(java.util.Locale.ROOT,
                ", image_size=%dx%d, color_mode=%s", hw[0], hw[1], colorMode));
        recipe.data();   // prints "Found N files belonging to K classes." and the split
        context.out().println("Classes: " + recipe.classNames());
        Model model = recipe.build();
        return trainAndFinish(model, recipe::train, recipe::report, out, plotFile);
    }

    private int[] size() {
        if (imageSize == null) {
            return new int[] {ImageFolderClassifier.DEFAULT_SIZE, ImageFolderClassifier.DEFAULT_SIZE};
        }
        try {
            String[] p = imageSize.toLowerCase(java.util.Locale.ROOT).split("x");
            int height = Integer.parseInt(p[0].strip());
            int width = p.length > 1 ? Integer.parseInt(p[1].strip()) : height;
            if (p.length > 2 || height <= 0 || width <= 0) {
                throw new NumberFormatException();
            }
            return new int[] {height, width};
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--image-size': "
                    + "expected a positive size N or HxW, e.g. 64 or 48x64. Received: " + imageSize);
        }
    }
}
