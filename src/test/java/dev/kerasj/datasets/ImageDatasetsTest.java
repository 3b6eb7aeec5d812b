package dev.kerasj.datasets;

import dev.kerasj.testing.ImageFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ImageDatasets.fromDirectory} against Keras's {@code image_dataset_from_directory}: class order,
 * file order, the seeded split (NumPy's shuffle, reference values computed with NumPy 2.4), label modes,
 * colour modes and TF's bilinear resize worked by hand.
 */
class ImageDatasetsTest {
    @TempDir
    Path tmp;

    private static final ImageDatasets.Options QUIET = ImageDatasets.options().verbose(null);

    /** {@code np.random.RandomState(seed)}'s first raw 32-bit outputs and {@code shuffle(list(range(n)))}. */
    @Test
    void numpyLegacyShuffleMatchesNumpy() {
        NumpyShuffle r = new NumpyShuffle(1337);
        assertEquals(1125387415L, r.nextUint32());
        assertEquals(2407456957L, r.nextUint32());
        assertEquals(681542492L, r.nextUint32());
        assertArrayEquals(new int[] {6, 3, 0, 4, 5, 2, 1, 9, 8, 7}, shuffled(1337, 10));
        assertArrayEquals(new int[] {0, 1, 5, 2, 4, 3, 6}, shuffled(42, 7));
        assertArrayEquals(new int[] {18, 1, 19, 8, 10, 17, 6, 13, 4, 2, 5, 14, 9, 7, 16, 11, 3, 0, 15, 12}, shuffled(0, 20));
        assertArrayEquals(new int[] {0, 4, 3, 2, 1}, shuffled(123456, 5));
    }

    private static int[] shuffled(long seed, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        new NumpyShuffle(seed).shuffle(a);
        return a;
    }

    /** Classes are the sorted sub-folders (hidden ones skipped); files folder by folder, sorted, nested folders too. */
    @Test
    void classNamesAndFileOrderAsKeras() throws IOException {
        Path dir = tmp.resolve("data");
        for (String f : List.of("b_dogs/2.png", "b_dogs/10.png", "a_cats/x.JPG", "a_cats/sub/y.png", "a_cats/a.bmp",
                "c/z.gif", ".hidden/h.png")) {
            ImageFolders.picture(dir.resolve(f), 3, 3, f.substring(f.lastIndexOf('.') + 1).toLowerCase()
                    .replace("jpg", "jpeg"), (x, y) -> 0x808080);
        }
        Files.writeString(dir.resolve("a_cats/notes.txt"), "not an image");
        ImageDataset ds = ImageDatasets.fromDirectory(dir, QUIET.shuffle(false));
        assertEquals(List.of("a_cats", "b_dogs", "c"), ds.classNames());
        List<String> names = ds.filePaths().stream().map(p -> dir.relativize(p).toString()).toList();
        // a_cats's own files (sorted: "a.bmp" < "x.JPG"), then its sub-folder; "10.png" sorts before "2.png"
        assertEquals(List.of("a_cats/a.bmp", "a_cats/x.JPG", "a_cats/sub/y.png", "b_dogs/10.png", "b_dogs/2.png",
                "c/z.gif"), names);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2}, ds.labels());
        assertEquals(6, ds.size());
        assertEquals(1, ds.cardinality());
    }

    /** validation_split 0.2 of 10 files with seed 1337: NumPy's order [6,3,0,4,5,2,1,9,8,7]; the last int(2.0)=2 held out. */
    @Test
    void seededSplitHoldsOutTheSameFilesAsKeras() throws IOException {
        Path dir = tmp.resolve("split");
        for (int i = 0; i < 10; i++) {
            ImageFolders.picture(dir.resolve((i < 5 ? "a" : "b") + "/" + i + ".png"), 2, 2, "png", (x, y) -> 0);
        }
        ImageDatasets.Options o = QUIET.validationSplit(0.2).seed(1337);
        ImageDataset train = ImageDatasets.fromDirectory(dir, o.subset("training"));
        ImageDataset val = ImageDatasets.fromDirectory(dir, o.subset("validation"));
        assertEquals(List.of("6.png", "3.png", "0.png", "4.png", "5.png", "2.png", "1.png", "9.png"), names(train));
        assertEquals(List.of("8.png", "7.png"), names(val));
        assertArrayEquals(new int[] {1, 0, 0, 0, 1, 0, 0, 1}, train.labels());
        assertArrayEquals(new int[] {1, 1}, val.labels());
        List<ImageDataset> both = ImageDatasets.fromDirectoryBoth(dir, o);
        assertEquals(names(train), names(both.get(0)));
        assertEquals(names(val), names(both.get(1)));
        // 7 files at 0.3: int(2.1) = 2 held out
        Path seven = tmp.resolve("seven");
        for (int i = 0; i < 7; i++) {
            ImageFolders.picture(seven.resolve("a/" + i + ".png"), 2, 2, "png", (x, y) -> 0);
        }
        List<ImageDataset> s7 = ImageDatasets.fromDirectoryBoth(seven, QUIET.validationSplit(0.3).seed(42));
        assertEquals(5, s7.get(0).size());
        assertEquals(2, s7.get(1).size());
        // NumPy's RandomState(42) order of 7: [0,1,5,2,4,3,6]; validation = the last two
        assertEquals(List.of("3.png", "6.png"), names(s7.get(1)));
    }

    private static List<String> names(ImageDataset ds) {
        return ds.filePaths().stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void splitArgumentsAreCheckedAsKeras() throws IOException {
        Path dir = tmp.resolve("args");
        ImageFolders.picture(dir.resolve("a/0.png"), 2, 2, "png", (x, y) -> 0);
        String m = assertThrows(IllegalArgumentException.class, () -> ImageDatasets.fromDirectory(dir,
                QUIET.validationSplit(0.5).subset("training"))).getMessage();
        assertTrue(m.contains("you must provide a `seed`"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ImageDatasets.fromDirectory(dir,
                QUIET.validationSplit(0.5).seed(1))).getMessage();
        assertTrue(m.contains("If `subset` is set, `validation_split` must be set"), m);
        m = assertThrows(IllegalArgumentException.class, () -> QUIET.validationSplit(1.0)).getMessage();
        assertTrue(m.contains("validation_split"), m);
        m = assertThrows(IllegalArgumentException.class, () -> QUIET.labelMode("sparse")).getMessage();
        assertTrue(m.contains("[int, categorical, binary, none]"), m);
    }

    @Test
    void labelModes() throws IOException {
        Path dir = tmp.resolve("modes");
        for (String f : List.of("a/0.png", "b/0.png", "b/1.png")) {
            ImageFolders.picture(dir.resolve(f), 2, 2, "png", (x, y) -> 0);
        }
        ImageDatasets.Options o = QUIET.shuffle(false).imageSize(2, 2);
        Batch b = first(ImageDatasets.fromDirectory(dir, o));
        assertEquals(DataType.INT, b.y().dataType());
        assertArrayEquals(new long[] {3}, b.y().shape());
        assertArrayEquals(new int[] {0, 1, 1}, b.y().toIntVector());
        b = first(ImageDatasets.fromDirectory(dir, o.labelMode("categorical")));
        assertArrayEquals(new long[] {3, 2}, b.y().shape());
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 1}, b.y().reshape(6).toFloatVector());
        b = first(ImageDatasets.fromDirectory(dir, o.labelMode("binary")));
        assertEquals(DataType.FLOAT, b.y().dataType());
        assertArrayEquals(new long[] {3, 1}, b.y().shape());
        assertArrayEquals(new float[] {0, 1, 1}, b.y().reshape(3).toFloatVector());
        assertNull(first(ImageDatasets.fromDirectory(dir, o.labelMode("none"))).y());
        ImageFolders.picture(dir.resolve("c/0.png"), 2, 2, "png", (x, y) -> 0);
        String m = assertThrows(IllegalArgumentException.class,
                () -> ImageDatasets.fromDirectory(dir, o.labelMode("binary"))).getMessage();
        assertTrue(m.contains("exactly 2 class_names") && m.contains("[a, b, c]"), m);
    }

    /** Grey copied to every channel, colour to grey by PIL's luma, alpha 255 where the file has none. */
    @Test
    void colourModes() throws IOException {
        Path dir = tmp.resolve("colour");
        ImageFolders.picture(dir.resolve("a/rgb.png"), 1, 1, "png", (x, y) -> (200 << 16) | (100 << 8) | 50);
        ImageFolders.greyPng(dir.resolve("b/grey.png"), new int[][] {{77}});
        ImageDatasets.Options o = QUIET.shuffle(false).imageSize(1, 1);
        INDArray rgb = first(ImageDatasets.fromDirectory(dir, o)).x();
        assertArrayEquals(new long[] {2, 1, 1, 3}, rgb.shape());
        assertArrayEquals(new float[] {200, 100, 50, 77, 77, 77}, rgb.reshape(6).toFloatVector());
        // 0.299·200 + 0.587·100 + 0.114·50 = 124.2 → 124
        INDArray grey = first(ImageDatasets.fromDirectory(dir, o.colorMode("grayscale"))).x();
        assertArrayEquals(new float[] {124, 77}, grey.reshape(2).toFloatVector());
        INDArray rgba = first(ImageDatasets.fromDirectory(dir, o.colorMode("rgba"))).x();
        assertArrayEquals(new float[] {200, 100, 50, 255, 77, 77, 77, 255}, rgba.reshape(8).toFloatVector());
    }

    /**
     * TF's bilinear resize with half-pixel centres, by hand: a row [0, 100] widened to 4 samples the source at
     * x = (i + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25 → clamped 0, 25, 75, 100.
     */
    @Test
    void bilinearResizeAsTensorflow() throws IOException {
        Path dir = tmp.resolve("resize");
        ImageFolders.greyPng(dir.resolve("a/r.png"), new int[][] {{0, 100}, {0, 100}});
        INDArray x = first(ImageDatasets.fromDirectory(dir, QUIET.colorMode("grayscale").imageSize(2, 4))).x();
        assertArrayEquals(new float[] {0, 25, 75, 100, 0, 25, 75, 100}, x.reshape(8).toFloatVector(), 1e-4f);
        // 2×2 → 3×3: x = (i + 0.5)·2/3 − 0.5 = −1/6, 1/2, 7/6 → 0, 50, 100
        x = first(ImageDatasets.fromDirectory(dir, QUIET.colorMode("grayscale").imageSize(3, 3))).x();
        assertArrayEquals(new float[] {0, 50, 100}, x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1)).reshape(3).toFloatVector(), 1e-4f);
        // the default size is 256 × 256 RGB
        assertArrayEquals(new long[] {1, 256, 256, 3}, first(ImageDatasets.fromDirectory(dir, QUIET)).x().shape());
    }

    /** crop_to_aspect_ratio: a 4-high, 2-wide picture to 2×2 keeps the centred 2×2 window (rows 1 and 2). */
    @Test
    void cropToAspectRatioKeepsTheCentre() throws IOException {
        Path dir = tmp.resolve("crop");
        ImageFolders.greyPng(dir.resolve("a/tall.png"), new int[][] {{10, 11}, {20, 21}, {30, 31}, {40, 41}});
        INDArray x = first(ImageDatasets.fromDirectory(dir, QUIET.colorMode("grayscale").imageSize(2, 2)
                .cropToAspectRatio(true))).x();
        assertArrayEquals(new float[] {20, 21, 30, 31}, x.reshape(4).toFloatVector());
    }

    @Test
    void badFoldersAndFilesAreNamed() throws IOException {
        Path flat = tmp.resolve("flat");
        ImageFolders.picture(flat.resolve("0.png"), 2, 2, "png", (x, y) -> 0);
        String m = assertThrows(DatasetException.class, () -> ImageDatasets.fromDirectory(flat, QUIET)).getMessage();
        assertTrue(m.contains("No class sub-folders in " + flat) && m.contains("found 1 image files directly"), m);
        m = assertThrows(DatasetException.class, () -> ImageDatasets.fromDirectory(tmp.resolve("absent"), QUIET))
                .getMessage();
        assertTrue(m.contains("No folder at"), m);
        Path bad = tmp.resolve("bad");
        ImageFolders.picture(bad.resolve("a/good.png"), 2, 2, "png", (x, y) -> 0);
        Files.writeString(bad.resolve("a/broken.png"), "this is not a PNG");
        ImageDataset ds = ImageDatasets.fromDirectory(bad, QUIET.shuffle(false));
        m = assertThrows(DatasetException.class, () -> first(ds)).getMessage();
        assertTrue(m.contains("Cannot read the image " + bad.resolve("a/broken.png")), m);
    }

    /** A pass decodes at most `prefetch` batches ahead of the one handed out, and stops its threads when closed. */
    @Test
    void prefetchIsBounded() throws Exception {
        AtomicInteger made = new AtomicInteger();
        List<Integer> seenAhead = new ArrayList<>();
        try (Prefetcher p = new Prefetcher(100, i -> {
            made.incrementAndGet();
            return new Batch(org.nd4j.linalg.factory.Nd4j.scalar((float) i).reshape(1, 1), null);
        }, 2, 3, "test", null)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(i, p.next().x().getFloat(0), 0);
                Thread.sleep(5);
                seenAhead.add(made.get() - (i + 1));
            }
        }
        assertTrue(seenAhead.stream().allMatch(a -> a <= 3), seenAhead.toString());
        assertTrue(made.get() <= 13, "made " + made.get());
    }

    /** Two Fashion-MNIST classes as PNG files read back as the IDX pixels, 28×28×1. */
    @Test
    void fashionMnistFolderRoundTrips() throws IOException {
        Path dir = ImageFolders.fashionMnist(tmp.resolve("fm"), 5, 0, 1);
        ImageDataset ds = ImageDatasets.fromDirectory(dir, QUIET.colorMode("grayscale").imageSize(28, 28)
                .batchSize(4).shuffle(false));
        assertEquals(List.of("t-shirt", "trouser"), ds.classNames());
        assertEquals(3, ds.cardinality());
        int batches = 0;
        long images = 0;
        for (Batch b : ds) {
            batches++;
            images += b.size();
            assertArrayEquals(new long[] {b.size(), 28, 28, 1}, b.x().shape());
        }
        assertEquals(3, batches);
        assertEquals(10, images);
        INDArray firstImage = first(ds).x().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).reshape(784);
        INDArray idx = dev.kerasj.testing.Idx.images(dev.kerasj.testing.Idx.DATASETS.resolve(
                "fashion-mnist/train-images-idx3-ubyte.gz"), 2).getRow(1).mul(255);   // image 1 is a t-shirt (label 0)
        assertArrayEquals(idx.toFloatVector(), firstImage.toFloatVector(), 1e-3f);
    }

    private static Batch first(Dataset ds) {
        try (Dataset.Passes p = ds.iterator()) {
            return p.next();
        }
    }
}
