package dev.kerasj;

import dev.kerasj.internal.AtomicFiles;
import dev.kerasj.internal.Json;
import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.internal.keras.Keras3Writer;
import dev.kerasj.internal.keras.KerasFileException;
import dev.kerasj.internal.keras.WeightArray;
import dev.kerasj.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Saves a model as Keras 3's {@code .keras} zip ({@link Keras3Writer}): {@code metadata.json},
 * {@code config.json} and {@code model.weights.h5}, written atomically. Keras 3 loads it with
 * {@code keras.saving.load_model}; kerasj loads it back with {@link Model#load}.
 */
final class KerasFileWriter {
    private KerasFileWriter() {
    }

    static void save(Model model, Path path) throws IOException {
        Map<String, Object> configJson;
        List<Keras3Writer.LayerVariables> variables = new ArrayList<>();
        Map<String, List<long[]>> inputShapes = new HashMap<>();
        try {
            for (Layer layer : model.layers()) {
                inputShapes.put(layer.name(), List.of(layer.builtInputShape()));
                List<WeightArray> arrays = new ArrayList<>();
                for (INDArray w : layer.getWeights()) {
                    INDArray c = w.castTo(DataType.FLOAT).dup('c');
                    arrays.add(new WeightArray(layer.name(), c.shape(), c.data().asFloat()));
                    ModelIO.close(c);
                }
                variables.add(new Keras3Writer.LayerVariables(layer.className(), layer.getConfig(), layer.name(), arrays));
            }
            configJson = Keras3Writer.config(model.className(), model.getConfig(), inputShapes,
                    model.isCompiled() ? model.compileConfig().serialize() : null);
        } catch (KerasFileException e) {
            throw new IllegalArgumentException("Cannot save model '" + model.name() + "' as a Keras file " + path + ": "
                    + e.getMessage() + ".");
        }
        String date = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss"));
        byte[] metadata = Json.write(Keras3Writer.metadata(date)).getBytes(StandardCharsets.UTF_8);
        byte[] config = Json.write(configJson).getBytes(StandardCharsets.UTF_8);
        Path dir = path.toAbsolutePath().getParent();
        Path weights = Files.createTempFile(dir, ".kerasj-weights-", ".h5");
        try {
            Files.delete(weights); // jHDF creates it
            Keras3Writer.writeWeights(weights, variables,
                    model.isCompiled() ? KerasOptimizerState.variables(model, model.runtime()) : null);
            AtomicFiles.write(path, out -> {
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    put(zip, "metadata.json", metadata);
                    put(zip, "config.json", config);
                    ZipEntry e = stored("model.weights.h5", Files.size(weights), crc(weights));
                    zip.putNextEntry(e);
                    Files.copy(weights, zip);
                    zip.closeEntry();
                }
            });
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    /** Entries are stored uncompressed, as Keras writes them (weights barely compress; loading reads them as is). */
    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        zip.putNextEntry(stored(name, bytes.length, crc.getValue()));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static ZipEntry stored(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        return e;
    }

    private static long crc(Path file) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (var in = new java.util.zip.CheckedInputStream(Files.newInputStream(file), crc)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return crc.getValue();
    }
}
