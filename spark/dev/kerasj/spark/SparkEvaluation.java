package dev.kerasj.spark;

import dev.kerasj.Model;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's loss and metrics over an RDD: the model travels as its {@code .kerasj} bytes (one broadcast),
 * each partition loads it and evaluates its samples, and the driver averages the figures weighted by the
 * partitions' sample counts.
 */
final class SparkEvaluation {
    private SparkEvaluation() {
    }

    /** {@code names}: the keys of {@code model.evaluate}, in order ({@code loss}, then the metrics). */
    static Map<String, Double> evaluate(JavaSparkContext sc, Model model, JavaRDD<DataSet> data, int batchSize,
                                        List<String> names) {
        Broadcast<byte[]> bytes = sc.broadcast(modelBytes(model));
        List<double[]> parts = data.mapPartitions((Iterator<DataSet> it) -> evaluatePartition(bytes.value(), it,
                batchSize)).collect();
        bytes.destroy();
        double[] sum = null;
        double n = 0;
        for (double[] p : parts) {
            if (sum == null) {
                sum = new double[p.length];
            }
            for (int i = 1; i < p.length; i++) {
                sum[i] += p[i] * p[0];
            }
            n += p[0];
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), sum == null || n == 0 ? Double.NaN : sum[i + 1] / n);
        }
        return Collections.unmodifiableMap(out);
    }

    /** {count, loss, metrics…} of one partition (nothing for an empty one). */
    private static Iterator<double[]> evaluatePartition(byte[] modelBytes, Iterator<DataSet> it, int batchSize)
            throws IOException {
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> ys = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            xs.add(ds.getFeatures());
            ys.add(ds.getLabels());
        }
        if (xs.isEmpty()) {
            return Collections.emptyIterator();
        }
        INDArray x = xs.size() == 1 ? xs.get(0) : Nd4j.concat(0, xs.toArray(INDArray[]::new));
        INDArray y = ys.size() == 1 ? ys.get(0) : Nd4j.concat(0, ys.toArray(INDArray[]::new));
        Map<String, Double> scores = load(modelBytes).evaluate(x, y, batchSize);
        double[] row = new double[scores.size() + 1];
        row[0] = x.size(0);
        int i = 1;
        for (double v : scores.values()) {
            row[i++] = v;
        }
        return List.of(row).iterator();
    }

    /** The model's {@code .kerasj} bytes (without optimizer state: evaluation needs none). */
    private static byte[] modelBytes(Model model) {
        try {
            return inTempFile(tmp -> {
                model.save(tmp, false);
                return Files.readAllBytes(tmp);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize the model for the Spark workers: " + e.getMessage(), e);
        }
    }

    private static Model load(byte[] bytes) throws IOException {
        return inTempFile(tmp -> Model.load(Files.write(tmp, bytes)));
    }

    /** Something computed with a temporary .kerasj file, deleted afterwards. */
    private static <T> T inTempFile(TempFileWork<T> work) throws IOException {
        Path tmp = Files.createTempFile("kerasj-spark", ".kerasj");
        try {
            return work.apply(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private interface TempFileWork<T> {
        T apply(Path file) throws IOException;
    }
}
