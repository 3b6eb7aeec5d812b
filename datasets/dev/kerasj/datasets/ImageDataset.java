package dev.kerasj.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data set {@link ImageDatasets#fromDirectory} returns: a list of image files with their labels,
 * decoded batch by batch on background threads while the model trains (at most {@code prefetch} batches
 * held), so a folder larger than memory trains. Each pass over a shuffled data set visits the files in a
 * new order (drawn from the seed and the pass number), as Keras's {@code shuffle} reshuffles each epoch.
 *
 * <pre>{@code
 * ImageDataset ds = ImageDatasets.fromDirectory(dir, ImageDatasets.options().imageSize(28, 28)
 *         .colorMode("grayscale"));
 * ds.classNames();   // sorted sub-folder names
 * model.fit(ds, FitOptions.defaults().epochs(5));
 * }</pre>
 */
public final class ImageDataset implements Dataset {
    private final Path[] files;
    private final int[] labels;
    private final List<String> classNames;
    private final ImageDatasets.Options options;
    private final boolean shuffle;
    private final long seed;
    private final AtomicInteger passes = new AtomicInteger();

    ImageDataset(Path[] files, int[] labels, List<String> classNames, ImageDatasets.Options options, boolean shuffle,
                 long seed) {
        this.files = files;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.options = options;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** Keras's {@code class_names}: label {@code k} is {@code classNames().get(k)}. */
    public List<String> classNames() {
        return classNames;
    }

    /** Keras's {@code file_paths}: the files in the data set's order (after the seeded shuffle and split). */
    public List<Path> filePaths() {
        return List.of(files);
    }

    /** The class index of each file of {@link #filePaths()}. */
    public int[] labels() {
        return labels.clone();
    }

    /** The number of images. */
    public int size() {
        return files.length;
    }

    public int batchSize() {
        return options.batchSize;
    }

    /** {@code (height, width, channels)} of every image. */
    public long[] imageShape() {
        return new long[] {options.height, options.width, options.channels()};
    }

    /** {@code "int"}, {@code "categorical"}, {@code "binary"} or {@code "none"}. */
    public String labelMode() {
        return options.labelMode;
    }

    @Override
    public long cardinality() {
        return (files.length + options.batchSize - 1) / options.batchSize;
    }

    @Override
    public Passes iterator() {
        int[] order = new int[files.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + passes.incrementAndGet());
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return new Prefetcher((int) cardinality(), b -> batch(order, b), options.numParallelCalls, options.prefetch,
                "kerasj-image-loader", null);
    }

    /** Batch {@code b} of a pass in {@code order}: decoded, resized, with its labels. */
    private Batch batch(int[] order, int b) {
        int from = b * options.batchSize;
        int to = Math.min(files.length, from + options.batchSize);
        int n = to - from;
        int h = options.height;
        int w = options.width;
        int c = options.channels();
        int per = h * w * c;
        float[] pixels = new float[n * per];
        for (int i = 0; i < n; i++) {
            ImageFiles.Pixels p = ImageFiles.decode(files[order[from + i]], c);
            ImageFiles.resize(p, h, w, options.interpolation, options.cropToAspectRatio, pixels, i * per);
        }
        INDArray x = Nd4j.create(pixels, new long[] {n, h, w, c}, 'c');
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            ys[i] = labels[order[from + i]];
        }
        return new Batch(x, labelArray(ys));
    }

    private INDArray labelArray(int[] ys) {
        switch (options.labelMode) {
            case "none":
                return null;
            case "binary": {
                float[] f = new float[ys.length];
                for (int i = 0; i < ys.length; i++) {
                    f[i] = ys[i];
                }
                return Nd4j.create(f, new long[] {ys.length, 1}, 'c');
            }
            case "categorical": {
                float[] f = new float[ys.length * classNames.size()];
                for (int i = 0; i < ys.length; i++) {
                    f[i * classNames.size() + ys[i]] = 1;
                }
                return Nd4j.create(f, new long[] {ys.length, classNames.size()}, 'c');
            }
            default:
                return Nd4j.createFromArray(ys).castTo(DataType.INT32);
        }
    }

    @Override
    public String toString() {
        return "ImageDataset(" + files.length + " images, classes=" + classNames + ", image_shape="
                + Arrays.toString(imageShape()) + ", batch_size=" + options.batchSize + ", label_mode="
                + options.labelMode + ")";
    }
}
