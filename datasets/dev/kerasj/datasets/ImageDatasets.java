package dev.kerasj.datasets;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keras's {@code image_dataset_from_directory}: a folder with one sub-folder per class becomes a
 * {@link Dataset} of {@code (images, labels)} batches, read from disk as training goes.
 *
 * <pre>{@code
 * main_directory/
 *     class_a/  a_image_1.jpg  a_image_2.jpg …
 *     class_b/  b_image_1.jpg  b_image_2.jpg …
 * }</pre>
 *
 * <p>As in Keras: class names are the sub-folder names sorted alphabetically (label 0 is the first); the
 * files are every {@code .bmp .gif .jpeg .jpg .png} under a class folder (any depth), listed folder by
 * folder in sorted order, then — with {@code shuffle} — shuffled with NumPy's {@code RandomState(seed)}, so
 * that the same seed puts the same files in the validation subset as Keras does;
 * {@code validation_split} holds out the LAST {@code int(validation_split × n)} files. Images come out
 * float32 {@code (batch, height, width, channels)} with values in [0, 255], resized by bilinear
 * interpolation (TF's half-pixel centres) to {@code image_size}. Labels: {@code "int"} int32 {@code (batch,)},
 * {@code "categorical"} float32 one-hot {@code (batch, classes)}, {@code "binary"} float32 {@code (batch, 1)}
 * (exactly two classes), {@code "none"} no labels.
 *
 * <pre>{@code
 * List<ImageDataset> both = ImageDatasets.fromDirectoryBoth(Path.of("flowers"), ImageDatasets.options()
 *         .imageSize(180, 180).validationSplit(0.2).seed(1337));
 * ImageDataset train = both.get(0), val = both.get(1);
 * train.classNames();   // [daisy, dandelion, roses, sunflowers, tulips]
 * }</pre>
 */
public final class ImageDatasets {
    private ImageDatasets() {
    }

    /** Keras's defaults: see {@link Options}. */
    public static Options options() {
        return Options.DEFAULTS;
    }

    /** {@code image_dataset_from_directory(directory)} with every option at Keras's default. */
    public static ImageDataset fromDirectory(Path directory) {
        return fromDirectory(directory, Options.DEFAULTS);
    }

    /**
     * {@code image_dataset_from_directory(directory, …)}; {@code subset} {@code "training"} or
     * {@code "validation"} (with {@code validation_split}), or none for every file.
     *
     * @throws DatasetException when the folder has no class sub-folders or no images (naming it)
     */
    public static ImageDataset fromDirectory(Path directory, Options options) {
        if ("both".equals(options.subset)) {
            throw new IllegalArgumentException("Invalid `subset`: \"both\" gives two data sets; call "
                    + "ImageDatasets.fromDirectoryBoth(directory, options) for them. Received: subset=\"both\"");
        }
        return load(directory, options).get(0);
    }

    /** {@code subset="both"}: the training and the validation data sets, in that order. */
    public static List<ImageDataset> fromDirectoryBoth(Path directory, Options options) {
        return load(directory, options.subset("both"));
    }

    /**
     * One image file as the data sets read it: decoded to {@code colorMode}'s channels and resized to
     * {@code height × width} (bilinear), float32 {@code (1, height, width, channels)} in [0, 255] — the raw input
     * of a model trained on {@link #fromDirectory}, e.g. for {@code predict}.
     *
     * @throws DatasetException naming the file when it cannot be decoded
     */
    public static org.nd4j.linalg.api.ndarray.INDArray readImage(Path file, int height, int width, String colorMode) {
        Options o = Options.DEFAULTS.imageSize(height, width).colorMode(colorMode);
        float[] out = new float[height * width * o.channels()];
        ImageFiles.resize(ImageFiles.decode(file, o.channels()), height, width, o.interpolation, false, out, 0);
        return org.nd4j.linalg.factory.Nd4j.create(out, new long[] {1, height, width, o.channels()}, 'c');
    }

    private static List<ImageDataset> load(Path directory, Options o) {
        Args.notNull("directory", directory);
        o.checkSplit();
        if (!Files.isDirectory(directory)) {
            throw new DatasetException("No folder at " + directory.toAbsolutePath() + ": expected a folder with one "
                    + "sub-folder of images per class.");
        }
        List<String> classes = ImageFiles.classFolders(directory);
        if (o.classNames != null) {
            if (!classes.containsAll(o.classNames)) {
                throw new IllegalArgumentException("The `class_names` passed did not match the names of the "
                        + "subdirectories of the target directory. Expected: " + classes + " (or a subset of it), but "
                        + "received: class_names=" + o.classNames);
            }
            classes = o.classNames;
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        long start = System.nanoTime();
        long lastReport = start;
        for (int k = 0; k < classes.size(); k++) {
            for (Path f : ImageFiles.imagesUnder(directory.resolve(classes.get(k)))) {
                files.add(f);
                labels.add(k);
            }
            // a large folder on a slow disk: say how far the listing has got, every 2 s
            long now = System.nanoTime();
            if (o.verbose != null && now - lastReport > 2_000_000_000L && k + 1 < classes.size()) {
                o.verbose.println("Listing " + directory + ": " + (k + 1) + "/" + classes.size() + " class folders, "
                        + files.size() + " files so far (" + (now - start) / 1_000_000_000L + " s)");
                lastReport = now;
            }
        }
        if (classes.isEmpty()) {
            long loose = ImageFiles.imagesUnder(directory).size();
            throw new DatasetException("No class sub-folders in " + directory + ": expected one sub-folder of images per "
                    + "class (" + directory.resolve("class_a") + ", " + directory.resolve("class_b") + ", …)"
                    + (loose > 0 ? "; found " + loose + " image files directly in it. Move them into a sub-folder per "
                    + "class" : "") + ".");
        }
        if (o.verbose != null) {
            o.verbose.println("Found " + files.size() + " files belonging to " + classes.size() + " classes.");
        }
        if (files.isEmpty()) {
            throw new DatasetException("No images found in directory " + directory + ". Allowed formats: "
                    + ImageFiles.FORMATS + ".");
        }
        if (o.labelMode.equals("binary") && classes.size() != 2) {
            throw new IllegalArgumentException("When passing `label_mode=\"binary\"`, there must be exactly 2 "
                    + "class_names. Received: class_names=" + classes);
        }
        int n = files.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long seed = o.seed != null ? o.seed : ThreadLocalRandom.current().nextInt(1_000_000);
        if (o.shuffle) {
            new NumpyShuffle(seed).shuffle(order);
        }
        Path[] paths = new Path[n];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            paths[i] = files.get(order[i]);
            ys[i] = labels.get(order[i]);
        }
        List<ImageDataset> out = new ArrayList<>();
        if (o.validationSplit == 0) {
            out.add(new ImageDataset(paths, ys, classes, o, o.shuffle, seed));
            return out;
        }
        int numVal = (int) (o.validationSplit * n);
        if (numVal == 0 || numVal == n) {
            throw new IllegalArgumentException("Invalid `validation_split`=" + o.validationSplit + " for " + n + " files "
                    + "in " + directory + ": it holds out int(" + o.validationSplit + " × " + n + ") = " + numVal
                    + " files for validation, which leaves " + (numVal == 0 ? "no validation" : "no training") + " data.");
        }
        if (!o.subset.equals("validation")) {
            if (o.verbose != null) {
                o.verbose.println("Using " + (n - numVal) + " files for training.");
            }
            out.add(new ImageDataset(Arrays.copyOfRange(paths, 0, n - numVal), Arrays.copyOfRange(ys, 0, n - numVal),
                    classes, o, o.shuffle, seed));
        }
        if (!o.subset.equals("training")) {
            if (o.verbose != null) {
                o.verbose.println("Using " + numVal + " files for validation.");
            }
            // Keras shuffles a "both" validation set never, a "validation" one as any data set.
            out.add(new ImageDataset(Arrays.copyOfRange(paths, n - numVal, n), Arrays.copyOfRange(ys, n - numVal, n),
                    classes, o, o.shuffle && !o.subset.equals("both"), seed));
        }
        return out;
    }

    /**
     * The options of {@code image_dataset_from_directory}, immutable; each setter returns a copy. Defaults,
     * as Keras: label_mode {@code "int"}, class_names inferred (sorted sub-folders), color_mode {@code "rgb"},
     * batch_size 32, image_size 256×256, shuffle true, seed none (a random one), validation_split 0 (no
     * subset), interpolation {@code "bilinear"}, crop_to_aspect_ratio false, verbose (the "Found N files"
     * lines) on standard output. Also: {@code numParallelCalls} decoding threads (default
     * {@code min(4, processors)}) and {@code prefetch} batches decoded ahead (default 4).
     */
    public static final class Options {
        static final Options DEFAULTS = new Options();
        private static final List<String> LABEL_MODES = List.of("int", "categorical", "binary", "none");
        private static final List<String> COLOR_MODES = List.of("grayscale", "rgb", "rgba");
        private static final List<String> SUBSETS = List.of("training", "validation", "both");
        private static final List<String> INTERPOLATIONS = List.of("bilinear", "nearest");

        String labelMode = "int";
        List<String> classNames;
        String colorMode = "rgb";
        int batchSize = 32;
        int height = 256;
        int width = 256;
        boolean shuffle = true;
        Long seed;
        double validationSplit;
        String subset;
        String interpolation = "bilinear";
        boolean cropToAspectRatio;
        PrintStream verbose = System.out;
        int numParallelCalls = Math.min(4, Runtime.getRuntime().availableProcessors());
        int prefetch = 4;

        private Options() {
        }

        private Options copy() {
            Options c = new Options();
            c.labelMode = labelMode;
            c.classNames = classNames;
            c.colorMode = colorMode;
            c.batchSize = batchSize;
            c.height = height;
            c.width = width;
            c.shuffle = shuffle;
            c.seed = seed;
            c.validationSplit = validationSplit;
            c.subset = subset;
            c.interpolation = interpolation;
            c.cropToAspectRatio = cropToAspectRatio;
            c.verbose = verbose;
            c.numParallelCalls = numParallelCalls;
            c.prefetch = prefetch;
            return c;
        }

        /** A copy with {@code change} applied: every setter is one. */
        private Options with(java.util.function.Consumer<Options> change) {
            Options c = copy();
            change.accept(c);
            return c;
        }

        /** {@code "int"}, {@code "categorical"}, {@code "binary"} or {@code "none"} (images only). */
        public Options labelMode(String mode) {
            return with(c -> c.labelMode = oneOf("label_mode", mode == null ? "none" : mode, LABEL_MODES));
        }

        /** Which sub-folders are the classes, in label order (default: all, sorted). */
        public Options classNames(List<String> names) {
            return with(c -> c.classNames = names == null ? null : List.copyOf(names));
        }

        /** {@code "grayscale"} (1 channel), {@code "rgb"} (3) or {@code "rgba"} (4). */
        public Options colorMode(String mode) {
            return with(c -> c.colorMode = oneOf("color_mode", mode, COLOR_MODES));
        }

        public Options batchSize(int batchSize) {
            return with(c -> c.batchSize = Args.positive("batch_size", batchSize));
        }

        /** The size every image is resized to, {@code (height, width)}. */
        public Options imageSize(int height, int width) {
            Options c = copy();
            c.height = Args.positive("image_size height", height);
            c.width = Args.positive("image_size width", width);
            return c;
        }

        /** Whether to shuffle the files (once, with the seed, before the split) and each pass's order. */
        public Options shuffle(boolean shuffle) {
            return with(c -> c.shuffle = shuffle);
        }

        /** The shuffling seed, an integer in [0, 2³² − 1] as NumPy takes. */
        public Options seed(long seed) {
            Options c = copy();
            new NumpyShuffle(seed);   // checks the range
            c.seed = seed;
            return c;
        }

        /** The fraction of the files held out for validation, in (0, 1); needs a {@code subset}. */
        public Options validationSplit(double fraction) {
            Options c = copy();
            if (!(fraction > 0 && fraction < 1)) {
                throw Args.invalid("validation_split", "a number between 0 and 1 (exclusive)", fraction, null);
            }
            c.validationSplit = fraction;
            return c;
        }

        /** {@code "training"}, {@code "validation"} or {@code "both"} (see {@link #fromDirectoryBoth}). */
        public Options subset(String subset) {
            return with(c -> c.subset = oneOf("subset", subset, SUBSETS));
        }

        /** {@code "bilinear"} (Keras's default) or {@code "nearest"}. */
        public Options interpolation(String interpolation) {
            return with(c -> c.interpolation = oneOf("interpolation", interpolation, INTERPOLATIONS));
        }

        /** Crop the largest centred window with the target's aspect ratio before resizing, instead of stretching. */
        public Options cropToAspectRatio(boolean crop) {
            return with(c -> c.cropToAspectRatio = crop);
        }

        /** Where the "Found N files" lines go; {@code null} for none. */
        public Options verbose(PrintStream out) {
            return with(c -> c.verbose = out);
        }

        /** How many threads decode images. */
        public Options numParallelCalls(int threads) {
            return with(c -> c.numParallelCalls = Args.positive("num_parallel_calls", threads));
        }

        /** How many batches are decoded ahead of the one in use (bounds the memory a pass holds). */
        public Options prefetch(int batches) {
            return with(c -> c.prefetch = Args.positive("prefetch", batches));
        }

        int channels() {
            return switch (colorMode) {
                case "grayscale" -> 1;
                case "rgba" -> 4;
                default -> 3;
            };
        }

        /** Keras's {@code check_validation_split_arg}. */
        void checkSplit() {
            if ((validationSplit > 0) != (subset != null)) {
                throw new IllegalArgumentException("If `subset` is set, `validation_split` must be set, and inversely. "
                        + "Received: validation_split=" + validationSplit + ", subset=" + subset);
            }
            if (validationSplit > 0 && shuffle && seed == null) {
                throw new IllegalArgumentException("If using `validation_split` and shuffling the data, you must provide "
                        + "a `seed` argument, to make sure that there is no overlap between the training and validation "
                        + "subset.");
            }
        }

        private static String oneOf(String arg, String value, List<String> allowed) {
            String v = value == null ? null : value.toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw Args.invalid(arg, "one of " + allowed, value == null ? null : "\"" + value + "\"", null);
            }
            return v;
        }
    }
}
