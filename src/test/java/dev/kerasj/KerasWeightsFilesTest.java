package dev.kerasj;

import dev.kerasj.internal.InvalidModelFileException;
import dev.kerasj.internal.Json;
import dev.kerasj.layers.Layer;
import dev.kerasj.testing.KerasFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras's weights-only files ({@code model.save_weights}, Keras 1 and 2): the model is rebuilt from its
 * whole-model file, every weight is zeroed, then {@code loadWeights} must bring back Keras's predictions.
 */
class KerasWeightsFilesTest {
    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> weightFiles() throws IOException {
        Map<String, Object> manifest = Json.read(Files.readString(KerasFiles.ROOT.resolve("manifest.json")));
        return ((List<Map<String, Object>>) manifest.get("weights_only")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightFiles")
    @SuppressWarnings("unchecked")
    void loadWeightsRestoresKerasPredictions(Map<String, Object> c) throws IOException {
        Model model = Model.load(KerasFiles.ROOT.resolve((String) c.get("model_file")));
        for (Layer l : model.layers()) {
            List<INDArray> zeros = new ArrayList<>();
            for (INDArray w : l.getWeights()) {
                zeros.add(Nd4j.zerosLike(w));
            }
            if (!zeros.isEmpty()) {
                l.setWeights(zeros.toArray(new INDArray[0]));
            }
        }
        model.loadWeights(KerasFiles.ROOT.resolve((String) c.get("weights")));
        INDArray[] x = KerasFiles.read((Map<String, Object>) c.get("inputs"));
        INDArray[] expected = KerasFiles.read((Map<String, Object>) c.get("expected"));
        assertNull(KerasFiles.mismatch(expected[0], model.predict(x[0]), 1e-5, 1e-5), (String) c.get("id"));
    }

    @Test
    void aWeightsFileForAnotherModelIsRefused() throws IOException {
        Model model = Model.load(KerasFiles.ROOT.resolve("dl4j-test-resources/examples/simple_rnn/simple_rnn_tf_keras_2_model.h5"));
        Path other = KerasFiles.ROOT.resolve("dl4j-test-resources/examples/simple_lstm/simple_lstm_tf_keras_1_weights.h5");
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> model.loadWeights(other));
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains(other.toString()), e.getMessage());
    }
}
