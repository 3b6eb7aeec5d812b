package dev.kerasj.internal.dl4j;

import dev.kerasj.Sequential;
import dev.kerasj.internal.runtime.ModelRuntimes;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.optimizers.Adam;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kerasj network's DL4J configuration survives Java serialization (how DL4J's Spark training sends it to the
 * workers) and DL4J's JSON form (how its multi-threaded trainers copy a network), with Keras's optimizer rule and
 * loss inside: copies rebuilt from either take the same Adam steps as the original, and Keras labels become the
 * loss layer's rows.
 */
class Dl4jRuntimesTest {
    @Test
    void aSerializedConfigurationTrainsLikeTheOriginal() throws Exception {
        Sequential model = new Sequential(new Input(4, 3), new Flatten(), new Dense(8, "relu"), new Dropout(0.0),
                new Dense(3, "softmax"));
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        MultiLayerNetwork original = (MultiLayerNetwork) Dl4jRuntimes.network(ModelRuntimes.of(model));
        Dl4jRuntimes.requireSerializable(original);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original.getLayerWiseConfigurations());
        }
        MultiLayerConfiguration conf;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            conf = (MultiLayerConfiguration) in.readObject();
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf, original.params().dup());
        copy.init();
        MultiLayerNetwork fromJson = new MultiLayerNetwork(
                MultiLayerConfiguration.fromJson(original.getLayerWiseConfigurations().toJson()), original.params().dup());
        fromJson.init();
        assertTrue(((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(1).getLayer()).getIUpdater() instanceof KerasUpdater, "the Keras rule travels");

        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4, 3);
        INDArray y = Dl4jRuntimes.labelRows(Nd4j.createFromArray(0, 2, 1, 1, 0), new long[] {3});
        assertArrayEquals(new long[] {5, 1}, y.shape());
        assertEquals(DataType.FLOAT, y.dataType());
        for (int step = 0; step < 2; step++) {
            original.fit(x, y);
            copy.fit(x, y);
            fromJson.fit(x, y);
        }
        assertEquals(original.params(), copy.params());
        assertEquals(original.getUpdater().getStateViewArray(), copy.getUpdater().getStateViewArray());
        assertEquals(original.params(), fromJson.params());
        assertEquals(original.getUpdater().getStateViewArray(), fromJson.getUpdater().getStateViewArray());
    }
}
