package dev.kerasj.testing;

import dev.kerasj.internal.Json;
import dev.kerasj.internal.Npy;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Keras-written fixtures under {@code src/test/resources/keras-files} (see the README there): the cases of
 * its {@code manifest.json}, and their inputs and expected outputs read with jHDF ({@code .h5} datasets) or
 * kerasj's {@code .npy} reader, as float32 arrays in Keras's own layout (batch first, channels where the file
 * put them).
 */
public final class KerasFiles {
    /** The fixture folder, relative to the project root (Maven's working directory for tests). */
    public static final Path ROOT = Path.of("src", "test", "resources", "keras-files");

    private KerasFiles() {
    }

    /** One manifest case; {@code raw} keeps every key of the manifest entry. */
    public record Case(String id, String file, String expect, String expectedSource, String modelClass,
                       String kerasVersion, String ordering, String notes, Map<String, Object> raw) {
        public Path path() {
            return ROOT.resolve(file);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> ref(String key) {
            return (Map<String, Object>) raw.get(key);
        }

        @SuppressWarnings("unchecked")
        public List<String> errorContains() {
            Object value = raw.get("error_contains");
            return value == null ? List.of() : (List<String>) value;
        }

        /** Absolute and relative tolerance: |actual - expected| <= abs + rel * |expected|. */
        public double[] tolerance() {
            Map<String, Object> t = ref("tolerance");
            return new double[] {((Number) t.get("abs")).doubleValue(), ((Number) t.get("rel")).doubleValue()};
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** Every case of manifest.json, in its order. */
    @SuppressWarnings("unchecked")
    public static List<Case> cases() {
        try {
            Map<String, Object> manifest = Json.read(Files.readString(ROOT.resolve("manifest.json")));
            List<Case> out = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) manifest.get("cases")) {
                out.add(new Case((String) c.get("id"), (String) c.get("file"), (String) c.get("expect"),
                        (String) c.get("expected_source"), (String) c.get("model_class"),
                        (String) c.get("keras_version"), (String) c.get("ordering"), (String) c.get("notes"), c));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The arrays a manifest reference names: {@code {"file": "x.npy"}} is one array; {@code {"files": ["a.npy",
     * "b.npy"]}} one per file; {@code {"file": "y.h5", "datasets": ["inputs/a", ...]}} one per dataset, in that
     * order. Every array comes back float32.
     */
    @SuppressWarnings("unchecked")
    public static INDArray[] read(Map<String, Object> ref) throws IOException {
        if (ref.containsKey("files")) {               // one .npy per output of a multi-output model
            List<String> files = (List<String>) ref.get("files");
            INDArray[] out = new INDArray[files.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = readNpy(ROOT.resolve(files.get(i)));
            }
            return out;
        }
        Path path = ROOT.resolve((String) ref.get("file"));
        if (path.toString().endsWith(".npy")) {
            return new INDArray[] {readNpy(path)};
        }
        List<String> datasets = (List<String>) ref.get("datasets");
        INDArray[] out = new INDArray[datasets.size()];
        try (HdfFile hdf = new HdfFile(path)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = toArray((Dataset) hdf.getByPath(datasets.get(i)));
            }
        }
        return out;
    }

    /** A .npy file as a float32 array. */
    public static INDArray readNpy(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            Npy.Header header = Npy.readHeader(in, true);
            return Npy.readBody(in, header).toINDArray().castTo(DataType.FLOAT);
        }
    }

    private static INDArray toArray(Dataset dataset) {
        long[] shape = dataset.getDimensionsAsLong();
        Object flat = dataset.getDataFlat();
        if (flat instanceof float[] f) {
            return Nd4j.create(f, shape, 'c');
        }
        if (flat instanceof double[] d) {
            return Nd4j.create(d, shape, 'c').castTo(DataType.FLOAT);
        }
        throw new IllegalArgumentException("Dataset " + dataset.getPath() + " has Java type "
                + dataset.getJavaType() + "; expected float or double");
    }

    /**
     * Null when every element of {@code actual} is within {@code abs + rel * |expected|} of {@code expected} and
     * the shapes are equal; otherwise a one-line description of the shape difference or of the worst element.
     */
    public static String mismatch(INDArray expected, INDArray actual, double abs, double rel) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return "shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape());
        }
        double[] e = expected.castTo(DataType.DOUBLE).reshape(expected.length()).toDoubleVector();
        double[] a = actual.castTo(DataType.DOUBLE).reshape(actual.length()).toDoubleVector();
        int worst = -1;
        double worstExcess = 0;
        int failing = 0;
        for (int i = 0; i < e.length; i++) {
            double allowed = abs + rel * Math.abs(e[i]);
            double diff = Math.abs(a[i] - e[i]);
            if (!(diff <= allowed)) {                 // NaN fails too
                failing++;
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (worst < 0) {
            return null;
        }
        return failing + " of " + e.length + " values differ; worst at flat index " + worst + ": got " + a[worst]
                + ", expected " + e[worst] + " (allowed " + (abs + rel * Math.abs(e[worst])) + ")";
    }
}
