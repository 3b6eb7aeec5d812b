package dev.kerasj.applications;

import dev.kerasj.internal.Json;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * ImageNet helpers, as Keras's {@code imagenet_utils}: {@link #decodePredictions} (the top classes of each
 * prediction, read from Keras's class index file) and the input preprocessing modes the architectures use.
 *
 * <p>The class index ({@code imagenet_class_index.json}: {@code {"0": ["n01440764", "tench"], …}}) is not shipped
 * with kerasj. Keras fetches it on its first {@code decode_predictions} call and caches it as
 * {@code ~/.keras/models/imagenet_class_index.json}; kerasj reads that copy, or
 * {@code $KERASJ_HOME/models/imagenet_class_index.json} ({@code ~/.kerasj} by default), or the path you pass.
 *
 * <pre>{@code
 * INDArray p = model.predict(MobileNetV2.preprocessInput(images));
 * List<List<ImageNet.Prediction>> top5 = ImageNet.decodePredictions(p, 5);
 * }</pre>
 */
public final class ImageNet {
    /** The file name of Keras's class index. */
    public static final String CLASS_INDEX_FILE = "imagenet_class_index.json";
    /** The ImageNet channel means Keras's "caffe" mode subtracts, in BGR order. */
    private static final double[] CAFFE_MEAN_BGR = {103.939, 116.779, 123.68};

    /** One decoded class: WordNet id, description, score. */
    public record Prediction(String classId, String description, double score) {
    }

    /** Keras's preprocessing modes. */
    enum Mode {
        /** {@code x / 127.5 − 1}. */
        TF,
        /** RGB → BGR, minus the ImageNet mean per channel. */
        CAFFE
    }

    private ImageNet() {
    }

    static INDArray preprocess(INDArray x, Mode mode) {
        if (x.rank() < 1 || x.size(x.rank() - 1) != 3 && mode == Mode.CAFFE) {
            throw new IllegalArgumentException("preprocess_input expects channels-last RGB images (…, 3). Received: "
                    + "shape=" + Arrays.toString(x.shape()));
        }
        INDArray f = x.dataType().isFPType() ? x.dup('c') : x.castTo(DataType.FLOAT).dup('c');
        if (mode == Mode.TF) {
            return f.divi(127.5).subi(1.0);
        }
        INDArray bgr = f.reshape('c', -1, 3).getColumns(2, 1, 0);
        bgr.subiRowVector(Nd4j.createFromArray(CAFFE_MEAN_BGR).castTo(f.dataType()));
        return bgr.reshape('c', f.shape());
    }

    /** {@link #decodePredictions(INDArray, int, Path)} with the class index found as the class comment says. */
    public static List<List<Prediction>> decodePredictions(INDArray preds, int top) {
        return decodePredictions(preds, top, findClassIndex());
    }

    /**
     * Keras's {@code decode_predictions(preds, top)}: for each row of {@code preds (samples, 1000)}, the
     * {@code top} classes by score, highest first.
     */
    public static List<List<Prediction>> decodePredictions(INDArray preds, int top, Path classIndex) {
        if (preds.rank() != 2 || preds.size(1) != 1000) {
            throw new IllegalArgumentException("`decode_predictions` expects a batch of predictions (i.e. a 2D array of "
                    + "shape (samples, 1000)). Received array with shape: " + Arrays.toString(preds.shape()));
        }
        String[][] index = readClassIndex(classIndex);
        List<List<Prediction>> out = new ArrayList<>();
        for (int r = 0; r < preds.size(0); r++) {
            double[] row = preds.getRow(r).castTo(DataType.DOUBLE).toDoubleVector();
            Integer[] order = new Integer[row.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -row[i]));
            List<Prediction> p = new ArrayList<>();
            for (int k = 0; k < Math.min(top, row.length); k++) {
                int c = order[k];
                p.add(new Prediction(index[c][0], index[c][1], row[c]));
            }
            out.add(p);
        }
        return out;
    }

    private static Path findClassIndex() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("kerasj.home");
        if (home == null || home.isBlank()) {
            home = System.getenv("KERASJ_HOME");
        }
        Path user = Path.of(System.getProperty("user.home"));
        candidates.add((home == null || home.isBlank() ? user.resolve(".kerasj") : Path.of(home)).resolve("models")
                .resolve(CLASS_INDEX_FILE));
        candidates.add(user.resolve(".keras").resolve("models").resolve(CLASS_INDEX_FILE));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("The ImageNet class index (" + CLASS_INDEX_FILE + ") is not shipped with kerasj "
                + "and was not found at " + candidates + ". It is the file Keras's decode_predictions fetches and caches "
                + "in ~/.keras/models; copy it to one of these places or pass its path to decodePredictions(preds, top, "
                + "path).");
    }

    private static String[][] readClassIndex(Path file) {
        Map<String, Object> json;
        try {
            json = Json.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ImageNet class index " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid ImageNet class index " + file + ": " + e.getMessage(), e);
        }
        String[][] index = new String[1000][];
        for (int i = 0; i < 1000; i++) {
            Object entry = json.get(Integer.toString(i));
            if (!(entry instanceof List<?> l) || l.size() != 2) {
                throw new IllegalArgumentException("Invalid ImageNet class index " + file + ": expected \"" + i
                        + "\": [wnid, description] for every class 0..999. Received: " + entry);
            }
            index[i] = new String[] {String.valueOf(l.get(0)), String.valueOf(l.get(1))};
        }
        return index;
    }
}
