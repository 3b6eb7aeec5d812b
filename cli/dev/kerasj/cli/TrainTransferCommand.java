package dev.kerasj.cli;

import dev.kerasj.Model;
import dev.kerasj.models.Hyperparameters;
import dev.kerasj.models.TransferClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code kerasj train transfer --base NAME --weights FILE --dir DIR}: the {@link TransferClassifier} recipe — a
 * frozen pretrained base, a new head, optional fine-tuning — on a folder of class sub-folders.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Transfer learning as keras.io's guide does it: a pretrained base without its top (frozen), a new "
            + "classifier head trained on your folder of images (one sub-folder per class), then optionally the base "
            + "fine-tuned at learning rate 1e-5 with its BatchNormalization layers in inference mode.",
            "The base's weights come from a Keras weight file (kerasj downloads nothing): the *_notop.h5 / *_no_top.h5 "
                + "file Keras downloads and caches in ~/.keras/models."})
final class TrainTransferCommand extends OwnDataTrainCommand {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The folder: DIR/<class>/<image files>.")
    Path dir;

    @Option(names = "--base", paramLabel = "NAME", description = "mobilenet_v2, resnet50, vgg16 or efficientnet_b0. "
            + "Default: mobilenet_v2.")
    String base = "mobilenet_v2";

    @Option(names = "--weights", paramLabel = "FILE", description = "The base's Keras weight file (without the top), "
            + "loaded by layer name; 'none' trains on a randomly initialized base.")
    String weights;

    @Option(names = "--image-size", paramLabel = "N", description = "The square size images are resized to (≥ 32). "
            + "Default: " + TransferClassifier.DEFAULT_SIZE + ".")
    Integer imageSize;

    @Option(names = "--alpha", paramLabel = "X", description = "MobileNetV2's width multiplier, as in the weight file's "
            + "name. Default: 1.0.")
    Double alpha;

    @Option(names = "--fine-tune-epochs", paramLabel = "N", description = "Epochs of fine-tuning the unfrozen base "
            + "after the head is trained. Default: 0.")
    int fineTuneEpochs;

    TrainTransferCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Hyperparameters h = hyperparameters(TransferClassifier.DEFAULTS);
        int size = imageSize == null ? TransferClassifier.DEFAULT_SIZE : imageSize;
        double a = alpha == null ? 1.0 : alpha;
        if (weights == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing option '--weights=FILE': kerasj builds "
                    + base + " but does not download weights. Pass the Keras weight file without the top, "
                    + TransferClassifier.kerasWeightFile(base, a, size) + ": Keras downloads it into ~/.keras/models when "
                    + "an application is created with weights=\"imagenet\" and include_top=False (copy it from a machine "
                    + "with Keras). Or pass --weights none to start from random weights.");
        }
        Path weightFile = "none".equals(weights.toLowerCase(Locale.ROOT)) ? null : Path.of(weights);
        if (weightFile != null && !Files.isRegularFile(weightFile)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--weights': "
                    + weightFile + " is not a file.");
        }
        TransferClassifier recipe;
        try {
            recipe = new TransferClassifier(dir, base, weightFile).hyperparameters(h).imageSize(size).alpha(a)
                    .fineTuneEpochs(fineTuneEpochs).out(context.out());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path out = output(TransferClassifier.NAME);
        Path plotFile = plot(out);
        context.out().println("Recipe transfer: " + base + " (frozen) with a new head on the folder " + dir);
        context.out().println("Settings: " + describe(h) + String.format(Locale.ROOT,
                ", image_size=%dx%d, weights=%s, fine_tune_epochs=%d", size, size, weightFile == null ? "none" : weightFile,
                fineTuneEpochs));
        recipe.data();
        context.out().println("Classes: " + recipe.classNames());
        Model model = recipe.build();
        return trainAndFinish(model, recipe::train, recipe::report, out, plotFile);
    }
}
