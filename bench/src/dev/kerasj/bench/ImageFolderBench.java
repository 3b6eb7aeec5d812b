package dev.kerasj.bench;

import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.datasets.Batch;
import dev.kerasj.datasets.Dataset;
import dev.kerasj.datasets.ImageDataset;
import dev.kerasj.datasets.ImageDatasets;
import dev.kerasj.models.ImageFolderClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Issue 17's loader check: does {@code ImageDatasets.fromDirectory} keep up with training, and does a folder of
 * 60,000 PNG files train in a small heap?
 *
 * <pre>
 * BENCH_MAIN=dev.kerasj.bench.ImageFolderBench bench/run write DIR [--classes all|0,1] [--data ../shared/datasets]
 * KERASJ_JAVA_OPTS=-Xmx1g … measure DIR [--size 28] [--color grayscale] [--batch 32] [--threads N] [--epochs 1]
 * </pre>
 * {@code write}: Fashion-MNIST's 60,000 training images as 28×28 greyscale PNG files, {@code DIR/<class>/<i>.png}
 * (or only the listed classes). {@code measure}: (1) the loader alone, one pass: images/s; (2) the training
 * step of the {@code images} recipe's convnet on one batch held in memory: images/s; (3) {@code fit} streaming
 * the folder for {@code --epochs} epochs: wall time, images/s, and the peak heap (sum of the heap pools' peaks)
 * and peak resident set (VmHWM).
 */
public final class ImageFolderBench {
    private static final String[] CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
        "sneaker", "bag", "ankle-boot"};

    private ImageFolderBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ImageFolderBench write|measure DIR [options]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        String classes = option(args, "--classes", "all");
        if (args[0].equals("write")) {
            write(dir, Path.of(option(args, "--data", "../shared/datasets")), classes);
        } else {
            measure(dir, Integer.parseInt(option(args, "--size", "28")), option(args, "--color", "grayscale"),
                    Integer.parseInt(option(args, "--batch", "32")), Integer.parseInt(option(args, "--threads", "0")),
                    Integer.parseInt(option(args, "--epochs", "1")));
        }
    }

    private static String option(String[] args, String name, String dflt) {
        for (int i = 2; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    static void write(Path dir, Path data, String classes) throws IOException {
        boolean[] wanted = new boolean[10];
        for (int l = 0; l < 10; l++) {
            wanted[l] = classes.equals("all");
        }
        if (!classes.equals("all")) {
            for (String c : classes.split(",")) {
                wanted[Integer.parseInt(c.strip())] = true;
            }
        }
        long start = System.nanoTime();
        int written = 0;
        try (DataInputStream img = open(data.resolve("fashion-mnist/train-images-idx3-ubyte.gz"));
             DataInputStream lab = open(data.resolve("fashion-mnist/train-labels-idx1-ubyte.gz"))) {
            img.readInt();
            int count = img.readInt();
            int rows = img.readInt();
            int cols = img.readInt();
            lab.readInt();
            lab.readInt();
            byte[] pixels = new byte[rows * cols];
            for (int i = 0; i < count; i++) {
                img.readFully(pixels);
                int l = lab.readUnsignedByte();
                if (!wanted[l]) {
                    continue;
                }
                Path folder = Files.createDirectories(dir.resolve(CLASSES[l]));
                BufferedImage b = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
                b.getRaster().setDataElements(0, 0, cols, rows, pixels);
                ImageIO.write(b, "png", folder.resolve(String.format("%05d.png", i)).toFile());
                written++;
            }
        }
        System.out.printf(Locale.ROOT, "wrote %d PNG files under %s in %.1f s%n", written, dir,
                (System.nanoTime() - start) / 1e9);
    }

    static void measure(Path dir, int size, String color, int batch, int threads, int epochs) {
        ImageDatasets.Options o = ImageDatasets.options().imageSize(size, size).colorMode(color).batchSize(batch)
                .seed(1337);
        if (threads > 0) {
            o = o.numParallelCalls(threads);
        }
        System.out.printf(Locale.ROOT, "JVM max heap %.0f MiB, %d processors%n", Runtime.getRuntime().maxMemory() / 1048576.0,
                Runtime.getRuntime().availableProcessors());
        ImageDataset ds = ImageDatasets.fromDirectory(dir, o);
        int binary = ds.classNames().size() == 2 ? 1 : 0;
        if (binary == 1) {
            ds = ImageDatasets.fromDirectory(dir, o.labelMode("binary").verbose(null));
        }

        // 1. the loader alone
        long t0 = System.nanoTime();
        long images = 0;
        for (Batch b : ds) {
            images += b.size();
        }
        double loaderSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "loader: %d images in %.1f s = %.0f images/s (%d decoding threads)%n", images,
                loaderSeconds, images / loaderSeconds, threads > 0 ? threads : Math.min(4,
                        Runtime.getRuntime().availableProcessors()));

        // 2. the training step alone, on one batch in memory
        ImageFolderClassifier recipe = new ImageFolderClassifier(dir).imageSize(size, size).colorMode(color).out(null)
                .hyperparameters(ImageFolderClassifier.DEFAULTS.batchSize(batch).epochs(1));
        Model model = recipe.build();
        Batch one;
        try (Dataset.Passes p = ds.iterator()) {
            one = p.next();
        }
        INDArray x = one.x();
        INDArray y = one.y();
        FitOptions quiet = FitOptions.defaults().verbose(0).batchSize(batch).shuffle(false);
        for (int i = 0; i < 5; i++) {
            model.fit(x, y, quiet);   // warm-up
        }
        int steps = 50;
        long t1 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.fit(x, y, quiet);
        }
        double stepSeconds = (System.nanoTime() - t1) / 1e9 / steps;
        System.out.printf(Locale.ROOT, "training step: %.1f ms per batch of %d = %.0f images/s%n", stepSeconds * 1e3,
                batch, batch / stepSeconds);

        // 3. fit streaming the folder
        long t2 = System.nanoTime();
        model.fit(ds, FitOptions.defaults().epochs(epochs).verbose(2));
        double fitSeconds = (System.nanoTime() - t2) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "fit streaming: %d epoch(s) of %d images in %.1f s = %.0f images/s%n", epochs,
                ds.size(), fitSeconds, (double) epochs * ds.size() / fitSeconds);
        System.out.printf(Locale.ROOT, "peak heap (sum of heap pools' peaks): %.0f MiB; peak RSS (VmHWM): %s%n",
                peakHeap / 1048576.0, vmHwm());
    }

    private static String vmHwm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).strip();
                }
            }
        } catch (IOException e) {
            return "n/a";
        }
        return "n/a";
    }

    private static DataInputStream open(Path gz) throws IOException {
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(Files.newInputStream(gz))));
    }
}
